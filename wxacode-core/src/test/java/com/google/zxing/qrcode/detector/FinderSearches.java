package com.google.zxing.qrcode.detector;

import com.google.zxing.NotFoundException;
import com.google.zxing.common.BitMatrix;

/**
 * Test access to ZXing's finder-pattern search, which is package-private, so that a replacement can
 * be compared candidate by candidate (position, module size and how often each was confirmed), not
 * only by the three patterns it ends up choosing.
 */
public final class FinderSearches {
    private FinderSearches() {
    }

    /** A search over the finder's image that ends in three chosen patterns. */
    public interface Search {
        FinderPatternInfo find() throws NotFoundException;
    }

    /** ZXing's own search of {@code image}, described by {@link #describe}. */
    public static String zxing(BitMatrix image) {
        FinderPatternFinder finder = new FinderPatternFinder(image);
        return describe(finder, () -> finder.find(null));
    }

    /** The chosen patterns and every candidate the finder kept, or the failure. */
    public static String describe(FinderPatternFinder finder, Search search) {
        StringBuilder text = new StringBuilder();
        try {
            FinderPatternInfo info = search.find();
            text.append("chosen ");
            for (FinderPattern pattern : new FinderPattern[] {info.getBottomLeft(), info.getTopLeft(), info.getTopRight()}) {
                append(text, pattern);
            }
        } catch (NotFoundException e) {
            text.append("not found");
        }
        text.append("\ncandidates ");
        for (FinderPattern pattern : finder.getPossibleCenters()) {
            append(text, pattern);
        }
        return text.toString();
    }

    private static void append(StringBuilder text, FinderPattern pattern) {
        text.append(pattern.getX()).append(',').append(pattern.getY())
                .append(" size ").append(pattern.getEstimatedModuleSize())
                .append(" seen ").append(pattern.getCount()).append("; ");
    }
}
