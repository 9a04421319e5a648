package dev.wxacode.core.scan;

import dev.wxacode.core.wire.Errcode;
import dev.wxacode.core.wire.WxException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/** Decoding untrusted JPEG and PNG uploads safely. */
public final class Pictures {
    private static final Set<String> FORMATS = Set.of("jpeg", "png");
    /**
     * Larger pictures are decoded at reduced resolution (every n-th pixel and row), which keeps
     * memory at a few tens of megabytes whatever the bit depth; a code that fills a fair part of
     * a photo still has several pixels per module at this size.
     */
    static final long DECODED_PIXELS = 2048L * 2048;

    private Pictures() {
    }

    /**
     * The picture's size is read from its header before any pixel is decoded, so a small file that
     * claims a huge picture (a decompression bomb) is refused without allocating it; a picture over
     * {@link #DECODED_PIXELS} is subsampled while decoding.
     *
     * @throws WxException {@link Errcode#UNREADABLE_IMAGE} if not a JPEG or PNG or corrupt,
     *                     {@link Errcode#IMAGE_TOO_LARGE} over {@code maxPixels}
     */
    public static BufferedImage decode(byte[] image, long maxPixels) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(image))) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new WxException(Errcode.UNREADABLE_IMAGE, "no image reader");
            }
            ImageReader reader = readers.next();
            try {
                if (!FORMATS.contains(reader.getFormatName().toLowerCase(Locale.ROOT))) {
                    throw new WxException(Errcode.UNREADABLE_IMAGE, "format " + reader.getFormatName());
                }
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > maxPixels) {
                    throw new WxException(Errcode.IMAGE_TOO_LARGE, pixels + " pixels", maxPixels + " pixels");
                }
                ImageReadParam param = reader.getDefaultReadParam();
                int step = (int) Math.ceil(Math.sqrt((double) pixels / DECODED_PIXELS));
                if (step > 1) {
                    param.setSourceSubsampling(step, step, 0, 0);
                }
                return reader.read(0, param);
            } finally {
                reader.dispose();
            }
        } catch (WxException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // ImageIO reports corrupt data with assorted runtime exceptions; all mean "unreadable".
            throw new WxException(Errcode.UNREADABLE_IMAGE, e.getClass().getSimpleName());
        }
    }
}
