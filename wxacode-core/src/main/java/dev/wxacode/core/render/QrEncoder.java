package dev.wxacode.core.render;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import java.util.BitSet;
import java.util.Map;

/**
 * Text to QR modules with ZXing, at error correction M (15 % of the symbol may be damaged, the usual
 * choice for printed codes without a logo in the middle).
 *
 * <p>{@code QR_COMPACT} lets ZXing split the text into segments of different modes, so an
 * upper-case URL with a lower-case path prefix still packs its long token alphanumerically.
 */
public final class QrEncoder {
    private static final Map<EncodeHintType, Object> HINTS = Map.of(EncodeHintType.QR_COMPACT, Boolean.TRUE);

    /** @throws IllegalArgumentException if the text does not fit any QR version */
    public QrMatrix encode(String text) {
        ByteMatrix matrix;
        try {
            matrix = Encoder.encode(text, ErrorCorrectionLevel.M, HINTS).getMatrix();
        } catch (WriterException e) {
            throw new IllegalArgumentException("text does not fit a QR code: " + e.getMessage(), e);
        }
        int size = matrix.getWidth();
        BitSet dark = new BitSet(size * size);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                if (matrix.get(x, y) == 1) {
                    dark.set(y * size + x);
                }
            }
        }
        return new QrMatrix(size, dark);
    }
}
