package dev.wxacode.core.qr;

import io.nayuki.qrcodegen.DataTooLongException;
import io.nayuki.qrcodegen.QrCode;
import io.nayuki.qrcodegen.QrSegment;
import io.nayuki.qrcodegen.QrSegmentAdvanced;
import java.util.BitSet;
import java.util.List;

/**
 * Text to QR modules at error correction M (15 % of the symbol may be damaged, the usual choice for
 * printed codes without a logo in the middle), with Nayuki's encoder: it makes the same kind of
 * symbol as ZXing's in about half the time (docs/benchmarks.md).
 *
 * <p>Our links are upper case, so the whole text is usually one alphanumeric segment. A public URL
 * whose path has lower case gets the optimal mix of modes instead, so the token after it still
 * packs alphanumerically.
 *
 * <p>{@link #encodeFor} also makes sure the code reads back. About one symbol in a hundred, with
 * the mask the standard's penalty rules pick, contains data modules that mislead ZXing's detector
 * at some pixel sizes, and it then finds no code at all in a perfect image. Phones retry at other
 * distances; a program decoding our file does not. So the symbol is read back with ZXing at the
 * exact pixel layout it will be drawn at, and when that fails the next mask is used. The failure
 * depends on the pixel size in ways no smaller image predicts exactly (measured: any proxy size
 * lets about 1 in 6000 through), so the check runs at full size; the output stays deterministic.
 */
public final class QrEncoder {
    private static final QrCode.Ecc LEVEL = QrCode.Ecc.MEDIUM;
    private static final int AUTO_MASK = -1;
    private static final int MASKS = 8;

    /**
     * The symbol with the mask the standard picks, whatever its size on screen.
     *
     * @throws IllegalArgumentException if the text does not fit any QR version
     */
    public QrMatrix encode(String text) {
        Symbol symbol = Symbol.of(text);
        return symbol.withMask(symbol.standardMask());
    }

    /**
     * The symbol to draw {@code width} pixels wide: the standard's mask if ZXing reads it back at
     * that layout, else the first mask that reads back.
     *
     * @throws IllegalArgumentException if the text does not fit any QR version, or the symbol not
     *                                  the width (see {@link Layout#of})
     */
    public QrMatrix encodeFor(String text, int width) {
        Symbol symbol = Symbol.of(text);
        QrMatrix standard = symbol.withMask(symbol.standardMask());
        if (ReadBack.readsBack(standard, text, width)) {
            return standard;
        }
        for (int mask = 0; mask < MASKS; mask++) {
            if (mask != symbol.standardMask()) {
                QrMatrix alternative = symbol.withMask(mask);
                if (ReadBack.readsBack(alternative, text, width)) {
                    return alternative;
                }
            }
        }
        // No mask reads back (not seen in 20 000 random links): keep the standard's choice.
        return standard;
    }

    /**
     * One text's symbol, any mask. Up to version 11, Nayuki encodes once with mask 0 and
     * {@link MaskChoice} scores and applies the masks on bit rows; larger symbols (never our links)
     * go through Nayuki's own mask choice.
     */
    private record Symbol(List<QrSegment> segments, MaskChoice choice, int standardMask) {
        static Symbol of(String text) {
            List<QrSegment> segments = QrEncoder.segments(text);
            QrCode maskZero = qr(segments, 0);
            if (MaskChoice.fits(maskZero.size)) {
                MaskChoice choice = new MaskChoice(maskZero);
                return new Symbol(segments, choice, choice.best());
            }
            return new Symbol(segments, null, qr(segments, AUTO_MASK).mask);
        }

        QrMatrix withMask(int mask) {
            return choice == null ? matrix(qr(segments, mask)) : QrMatrix.ofRows(choice.rows(mask));
        }
    }

    private static List<QrSegment> segments(String text) {
        if (QrSegment.isAlphanumeric(text)) {
            return List.of(QrSegment.makeAlphanumeric(text));
        }
        try {
            return QrSegmentAdvanced.makeSegmentsOptimally(text, LEVEL, QrCode.MIN_VERSION, QrCode.MAX_VERSION);
        } catch (DataTooLongException e) {
            throw new IllegalArgumentException("text does not fit a QR code: " + e.getMessage(), e);
        }
    }

    private static QrCode qr(List<QrSegment> segments, int mask) {
        try {
            // boostEcl off: every code has level M, as documented, whatever room its version has left.
            return QrCode.encodeSegments(segments, LEVEL, QrCode.MIN_VERSION, QrCode.MAX_VERSION, mask, false);
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
        return new QrMatrix(size, dark);
    }
}
