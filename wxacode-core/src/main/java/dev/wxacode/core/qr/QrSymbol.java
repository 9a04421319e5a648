package dev.wxacode.core.qr;

import io.nayuki.qrcodegen.DataTooLongException;
import io.nayuki.qrcodegen.QrCode;
import io.nayuki.qrcodegen.QrSegment;
import io.nayuki.qrcodegen.QrSegmentAdvanced;
import java.util.BitSet;
import java.util.List;
import java.util.stream.IntStream;

/**
 * One text's symbol at a chosen version and level, before a mask is picked: every mask can be
 * drawn from it. Up to version 11, Nayuki encodes once with mask 0 and {@link MaskChoice} scores
 * and applies the masks on bit rows; larger symbols go through Nayuki's own mask choice.
 */
public final class QrSymbol {
    static final int MASKS = 8;
    private static final int AUTO_MASK = -1;

    private final List<QrSegment> segments;
    private final QrCode maskZero;
    private final MaskChoice choice;
    private final int standardMask;

    private QrSymbol(List<QrSegment> segments, QrCode maskZero, MaskChoice choice, int standardMask) {
        this.segments = segments;
        this.maskZero = maskZero;
        this.choice = choice;
        this.standardMask = standardMask;
    }

    /**
     * The smallest symbol of version {@code minVersion} or more that holds {@code text} at
     * {@code level}; with {@code boostLevel}, then at the highest level that version still holds it.
     *
     * @throws IllegalArgumentException if the text does not fit any QR version at that level
     */
    static QrSymbol of(String text, EcLevel level, int minVersion, boolean boostLevel) {
        List<QrSegment> segments = segments(text, level);
        QrCode maskZero = qr(segments, level.nayuki, minVersion, 0, boostLevel);
        if (MaskChoice.fits(maskZero.size)) {
            MaskChoice choice = new MaskChoice(maskZero);
            return new QrSymbol(segments, maskZero, choice, choice.best());
        }
        return new QrSymbol(segments, maskZero, null,
                qr(segments, maskZero.errorCorrectionLevel, maskZero.version, AUTO_MASK, false).mask);
    }

    public int version() {
        return maskZero.version;
    }

    /** Modules per side. */
    public int size() {
        return maskZero.size;
    }

    public EcLevel level() {
        return EcLevel.of(maskZero.errorCorrectionLevel);
    }

    /** The mask the standard's penalty rules pick. */
    public int standardMask() {
        return standardMask;
    }

    /** Every mask, the standard's first, then the others in order: the order to try them in. */
    public int[] masksToTry() {
        return IntStream.concat(IntStream.of(standardMask),
                IntStream.range(0, MASKS).filter(mask -> mask != standardMask)).toArray();
    }

    /** @param mask 0 to 7 */
    public QrMatrix withMask(int mask) {
        if (choice != null) {
            return QrMatrix.ofRows(choice.rows(mask), level());
        }
        return matrix(qr(segments, maskZero.errorCorrectionLevel, maskZero.version, mask, false));
    }

    /**
     * Our links are upper case, so the whole text is usually one alphanumeric segment. A public URL
     * whose path has lower case gets the optimal mix of modes instead, so the token after it still
     * packs alphanumerically.
     */
    private static List<QrSegment> segments(String text, EcLevel level) {
        if (QrSegment.isAlphanumeric(text)) {
            return List.of(QrSegment.makeAlphanumeric(text));
        }
        try {
            return QrSegmentAdvanced.makeSegmentsOptimally(text, level.nayuki, QrCode.MIN_VERSION, QrCode.MAX_VERSION);
        } catch (DataTooLongException e) {
            throw new IllegalArgumentException("text does not fit a QR code: " + e.getMessage(), e);
        }
    }

    private static QrCode qr(List<QrSegment> segments, QrCode.Ecc level, int minVersion, int mask, boolean boostLevel) {
        try {
            return QrCode.encodeSegments(segments, level, minVersion, QrCode.MAX_VERSION, mask, boostLevel);
        } catch (DataTooLongException e) {
            throw new IllegalArgumentException("text does not fit a QR code: " + e.getMessage(), e);
        }
    }

    private static QrMatrix matrix(QrCode code) {
        int size = code.size;
        BitSet dark = new BitSet(size * size);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                if (code.getModule(x, y)) {
                    dark.set(y * size + x);
                }
            }
        }
        return new QrMatrix(size, dark, EcLevel.of(code.errorCorrectionLevel));
    }
}
