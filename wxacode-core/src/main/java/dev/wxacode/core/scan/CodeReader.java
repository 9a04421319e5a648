package dev.wxacode.core.scan;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.GlobalHistogramBinarizer;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import dev.wxacode.core.wire.Errcode;
import dev.wxacode.core.wire.WxException;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;

/**
 * Reads the text of a QR code from a JPEG or PNG, with ZXing.
 *
 * <p>Fully transparent pixels count as white, which is how a transparent code looks on a page.
 */
public final class CodeReader {
    private static final Map<DecodeHintType, Object> HINTS = Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE);
    private static final Map<DecodeHintType, Object> PURE = Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE);

    private record Attempt(BinaryBitmap bitmap, Map<DecodeHintType, Object> hints) {
    }

    private final long maxPixels;

    /** @param maxPixels the largest width × height accepted */
    public CodeReader(long maxPixels) {
        this.maxPixels = maxPixels;
    }

    /**
     * @throws WxException {@link Errcode#NO_CODE_IN_IMAGE} if no QR code is found, and the errors
     *                     of {@link Pictures#decode}
     */
    public String read(byte[] image) {
        return read(Pictures.decode(image, maxPixels));
    }

    /**
     * @param picture any size: the pixel bound applies to files only
     * @throws WxException {@link Errcode#NO_CODE_IN_IMAGE} if no QR code is found
     */
    public String read(BufferedImage picture) {
        LuminanceSource source = new BufferedImageLuminanceSource(picture);
        QRCodeReader reader = new QRCodeReader();
        // The hybrid binarizer handles uneven light (photos); the global one rescues small, clean
        // images; reading a clean, unrotated file as a pure barcode needs no finder-pattern search,
        // which a run of data modules can mislead.
        BinaryBitmap hybrid = new BinaryBitmap(new HybridBinarizer(source));
        BinaryBitmap global = new BinaryBitmap(new GlobalHistogramBinarizer(source));
        for (Attempt attempt : List.of(new Attempt(hybrid, HINTS), new Attempt(global, HINTS), new Attempt(hybrid, PURE))) {
            try {
                return reader.decode(attempt.bitmap(), attempt.hints()).getText();
            } catch (ReaderException e) {
                reader.reset();
            }
        }
        throw new WxException(Errcode.NO_CODE_IN_IMAGE, picture.getWidth() + "x" + picture.getHeight());
    }
}
