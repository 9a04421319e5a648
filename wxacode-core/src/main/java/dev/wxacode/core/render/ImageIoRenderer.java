package dev.wxacode.core.render;

import dev.wxacode.core.qr.Layout;
import dev.wxacode.core.qr.QrMatrix;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * The plain renderer: fills a {@link BufferedImage} and encodes it with the JDK's ImageIO.
 * Correct first; a faster path can sit beside it behind {@link Renderer}.
 *
 * <p>Modules are placed by {@link Layout}: whole pixels, no smoothing, so edges stay sharp for
 * scanners.
 */
public final class ImageIoRenderer implements Renderer {
    /** High enough that module colours survive the JPEG round trip; a code stays around 20–60 KB. */
    static final float JPEG_QUALITY = 0.92f;
    private static final int WHITE = 0xFFFFFF;

    @Override
    public byte[] render(QrMatrix modules, RenderSpec spec) {
        Layout layout = Layout.of(modules.size(), spec.width());
        BufferedImage image = new BufferedImage(spec.width(), spec.width(),
                spec.transparent() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        // Transparent pixels stay white underneath, so a viewer that ignores alpha shows a normal code.
        int background = spec.transparent() ? WHITE : 0xFF000000 | WHITE;
        int ink = 0xFF000000 | spec.rgb();
        int[] row = new int[spec.width()];
        for (int py = 0; py < spec.width(); py++) {
            int my = layout.moduleAt(py);
            for (int px = 0; px < spec.width(); px++) {
                int mx = layout.moduleAt(px);
                row[px] = my >= 0 && mx >= 0 && modules.isDark(mx, my) ? ink : background;
            }
            image.setRGB(0, py, spec.width(), 1, row, 0, spec.width());
        }
        return spec.transparent() ? encodePng(image) : encodeJpeg(image);
    }

    /** ImageIO's PNG writer; public for styled codes, which draw with Java2D too. */
    public static byte[] encodePng(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8 * 1024);
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("PNG into memory", e);
        }
        return out.toByteArray();
    }

    /** ImageIO's JPEG writer at {@link #JPEG_QUALITY}; public for the benchmarks' reference paths. */
    public static byte[] encodeJpeg(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(JPEG_QUALITY);
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("JPEG into memory", e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}
