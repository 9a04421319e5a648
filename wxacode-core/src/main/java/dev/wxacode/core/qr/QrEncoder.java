package dev.wxacode.core.qr;

import io.nayuki.qrcodegen.QrCode;

/**
 * Text to QR modules, with Nayuki's encoder: it makes the same kind of symbol as ZXing's in about
 * half the time (docs/benchmarks.md). A plain code has error correction M (15 % of the symbol may be
 * damaged, the usual choice for printed codes without a logo in the middle); a code drawn another
 * way asks for its own version and level ({@link #symbol}).
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
    private static final EcLevel PLAIN_LEVEL = EcLevel.M;

    /**
     * The plain symbol with the mask the standard picks, whatever its size on screen.
     *
     * @throws IllegalArgumentException if the text does not fit any QR version
     */
    public QrMatrix encode(String text) {
        QrSymbol symbol = plain(text);
        return symbol.withMask(symbol.standardMask());
    }

    /**
     * The plain symbol to draw {@code width} pixels wide: the standard's mask if ZXing reads it back
     * at that layout, else the first mask that reads back.
     *
     * @throws IllegalArgumentException if the text does not fit any QR version, or the symbol not
     *                                  the width (see {@link Layout#of})
     */
    public QrMatrix encodeFor(String text, int width) {
        QrSymbol symbol = plain(text);
        QrMatrix standard = symbol.withMask(symbol.standardMask());
        if (ReadBack.readsBack(standard, text, width)) {
            return standard;
        }
        for (int mask : symbol.masksToTry()) {
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
     * The symbol for a drawing of its own (a logo, round modules): the smallest version from
     * {@code minVersion} on that holds the text at {@code level}, at the highest level that version
     * holds it at. Whoever draws it reads it back as drawn, mask by mask.
     *
     * @throws IllegalArgumentException if the text does not fit any QR version at that level
     */
    public QrSymbol symbol(String text, EcLevel level, int minVersion) {
        return QrSymbol.of(text, level, Math.max(QrCode.MIN_VERSION, minVersion), true);
    }

    /** Level M exactly: boosting would change every plain code already printed. */
    private static QrSymbol plain(String text) {
        return QrSymbol.of(text, PLAIN_LEVEL, QrCode.MIN_VERSION, false);
    }
}
