package dev.wxacode.core.scan;

import boofcv.abst.fiducial.QrCodeDetector;
import boofcv.alg.fiducial.qrcode.QrCode;
import boofcv.factory.fiducial.FactoryFiducial;
import boofcv.struct.image.GrayU8;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * BoofCV's QR reader: a second decoder, written apart from ZXing (its own binarisation, finder
 * search, grid fitting and Reed–Solomon), so that a code held to both is not read only by the
 * library that drew it.
 */
public final class BoofDecoder {
    private BoofDecoder() {
    }

    /** The text of the one code BoofCV finds in a JPEG or PNG file, transparency seen over white. */
    public static Optional<String> read(byte[] file) {
        try {
            return read(ImageIO.read(new ByteArrayInputStream(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Optional<String> read(BufferedImage image) {
        GrayU8 gray = new GrayU8(image.getWidth(), image.getHeight());
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int argb = image.getRGB(x, y);
                int a = argb >>> 24;
                int luma = (299 * (argb >>> 16 & 0xFF) + 587 * (argb >>> 8 & 0xFF) + 114 * (argb & 0xFF)) / 1000;
                gray.set(x, y, (luma * a + 255 * (255 - a)) / 255);
            }
        }
        QrCodeDetector<GrayU8> detector = FactoryFiducial.qrcode(null, GrayU8.class);
        detector.process(gray);
        List<QrCode> found = detector.getDetections();
        return found.size() == 1 ? Optional.of(found.get(0).message) : Optional.empty();
    }
}
