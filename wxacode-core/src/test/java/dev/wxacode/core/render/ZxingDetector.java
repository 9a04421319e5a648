package dev.wxacode.core.render;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.ReaderException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Reads a code the way a plain program would: ImageIO, then ZXing's QR reader with no hints. */
final class ZxingDetector {
    private ZxingDetector() {
    }

    static String read(byte[] image) throws ReaderException {
        try {
            BufferedImageLuminanceSource source = new BufferedImageLuminanceSource(ImageIO.read(new ByteArrayInputStream(image)));
            return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source))).getText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
