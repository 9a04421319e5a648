package dev.wxacode.core.qr;

import com.google.zxing.NotFoundException;
import com.google.zxing.ResultPoint;
import com.google.zxing.common.BitArray;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.detector.FinderPattern;
import com.google.zxing.qrcode.detector.FinderPatternFinder;
import com.google.zxing.qrcode.detector.FinderPatternInfo;
import java.util.Comparator;
import java.util.List;

/**
 * ZXing's finder-pattern search (version 3.5.4, no hints), walking each scanned row run by run
 * instead of pixel by pixel. ZXing tests every pixel of every second or third row; in our images
 * a row is a few dozen runs of whole modules, and {@link BitArray#getNextSet} finds each run's end
 * a word at a time, so the same states are reached in a fraction of the steps. That search was
 * two thirds of the read-back check (docs/benchmarks.md).
 *
 * <p>Only the row walk is ours: every candidate still goes through ZXing's own cross-checks and
 * centre merging ({@link #handlePossibleCenter}). What ZXing keeps private (when to skip rows,
 * when three centres are enough, which three to take) is restated here with the same arithmetic.
 * {@code RunScanFinderTest} holds the result against ZXing's {@code Detector} on our codes at
 * every width and on random pictures; an upgrade of ZXing has to pass it again.
 *
 * <p>Not reentrant: one instance per image, like its parent.
 */
final class RunScanFinder extends FinderPatternFinder {
    private static final int CENTER_QUORUM = 2;
    private static final Comparator<FinderPattern> BY_MODULE_SIZE =
            Comparator.comparingDouble(FinderPattern::getEstimatedModuleSize);

    private boolean hasSkipped;

    RunScanFinder(BitMatrix image) {
        super(image);
    }

    /** @throws NotFoundException where ZXing's {@code Detector} finds no three finder patterns */
    FinderPatternInfo find() throws NotFoundException {
        BitMatrix image = getImage();
        int height = image.getHeight();
        int width = image.getWidth();
        int rowStep = Math.max(MIN_SKIP, 3 * height / (4 * MAX_MODULES));
        BitArray row = new BitArray(width);
        int[] counts = new int[5];
        boolean done = false;
        for (int i = rowStep - 1; i < height && !done; i += rowStep) {
            image.getRow(i, row);
            doClearCounts(counts);
            int state = 0;
            int j = 0;
            scan:
            while (j < width) {
                boolean black = row.get(j);
                int runEnd = black ? row.getNextUnset(j) : row.getNextSet(j);
                while (j < runEnd) {
                    // States 0, 2, 4 count dark pixels and 1, 3 light ones: such pixels only add up.
                    if (black == ((state & 1) == 0)) {
                        counts[state] += runEnd - j;
                        j = runEnd;
                    } else if (black) {
                        state++;
                    } else if (state != 4) {
                        counts[++state]++;
                        j++;
                    } else if (!foundPatternCross(counts) || !handlePossibleCenter(counts, i, j)) {
                        doShiftCounts2(counts);
                        state = 3;
                        j++;
                    } else {
                        rowStep = 2;
                        if (hasSkipped) {
                            done = haveMultiplyConfirmedCenters();
                        } else {
                            int rowSkip = findRowSkip();
                            if (rowSkip > counts[2]) {
                                i += rowSkip - counts[2] - rowStep;
                                doClearCounts(counts);
                                break scan;
                            }
                        }
                        doClearCounts(counts);
                        state = 0;
                        j++;
                    }
                }
            }
            if (foundPatternCross(counts) && handlePossibleCenter(counts, i, width)) {
                rowStep = counts[0];
                if (hasSkipped) {
                    done = haveMultiplyConfirmedCenters();
                }
            }
        }
        FinderPattern[] best = selectBestPatterns();
        ResultPoint.orderBestPatterns(best);
        return new FinderPatternInfo(best);
    }

    /** With two confirmed centres, how many rows cannot hold the third one. */
    private int findRowSkip() {
        FinderPattern first = null;
        for (FinderPattern center : getPossibleCenters()) {
            if (center.getCount() >= CENTER_QUORUM) {
                if (first == null) {
                    first = center;
                } else {
                    hasSkipped = true;
                    return (int) (Math.abs(first.getX() - center.getX()) - Math.abs(first.getY() - center.getY())) / 2;
                }
            }
        }
        return 0;
    }

    /** Three confirmed centres whose module sizes agree within 5 % (ZXing averages over all candidates). */
    private boolean haveMultiplyConfirmedCenters() {
        List<FinderPattern> centers = getPossibleCenters();
        int confirmed = 0;
        float total = 0f;
        for (FinderPattern center : centers) {
            if (center.getCount() >= CENTER_QUORUM) {
                confirmed++;
                total += center.getEstimatedModuleSize();
            }
        }
        if (confirmed < 3) {
            return false;
        }
        float average = total / centers.size();
        float deviation = 0f;
        for (FinderPattern center : centers) {
            deviation += Math.abs(center.getEstimatedModuleSize() - average);
        }
        return deviation <= 0.05f * total;
    }

    /** The three confirmed centres of similar module size closest to an isosceles right triangle. */
    private FinderPattern[] selectBestPatterns() throws NotFoundException {
        List<FinderPattern> centers = getPossibleCenters();
        if (centers.size() < 3) {
            throw NotFoundException.getNotFoundInstance();
        }
        centers.removeIf(center -> center.getCount() < CENTER_QUORUM);
        centers.sort(BY_MODULE_SIZE);
        double bestDistortion = Double.MAX_VALUE;
        FinderPattern[] best = new FinderPattern[3];
        int n = centers.size();
        for (int a = 0; a < n - 2; a++) {
            FinderPattern pa = centers.get(a);
            for (int b = a + 1; b < n - 1; b++) {
                FinderPattern pb = centers.get(b);
                double ab = squaredDistance(pa, pb);
                for (int c = b + 1; c < n; c++) {
                    FinderPattern pc = centers.get(c);
                    if (pc.getEstimatedModuleSize() > pa.getEstimatedModuleSize() * 1.4f) {
                        continue;
                    }
                    double bc = squaredDistance(pb, pc);
                    double ac = squaredDistance(pa, pc);
                    double longest = Math.max(ab, Math.max(bc, ac));
                    double shortest = Math.min(ab, Math.min(bc, ac));
                    double middle = Math.max(Math.min(ab, bc), Math.min(Math.max(ab, bc), ac));
                    double distortion = Math.abs(longest - 2 * middle) + Math.abs(longest - 2 * shortest);
                    if (distortion < bestDistortion) {
                        bestDistortion = distortion;
                        best[0] = pa;
                        best[1] = pb;
                        best[2] = pc;
                    }
                }
            }
        }
        if (bestDistortion == Double.MAX_VALUE) {
            throw NotFoundException.getNotFoundInstance();
        }
        return best;
    }

    private static double squaredDistance(FinderPattern a, FinderPattern b) {
        double x = a.getX() - b.getX();
        double y = a.getY() - b.getY();
        return x * x + y * y;
    }
}
