package dev.wxacode.core.render;

import dev.wxacode.core.qr.QrMatrix;

/**
 * The default renderer: packs the modules one bit per pixel ({@link Bitmap}) and encodes that
 * directly, a 1-bit palette PNG for transparent codes ({@link PngEncoder}) and a two-colour
 * baseline JPEG otherwise ({@link JpegEncoder}). No {@code BufferedImage}, no colour conversion
 * per pixel. {@link ImageIoRenderer} is the library path beside it; tests hold the two against
 * each other, and docs/benchmarks.md has the speed of both.
 */
public final class FastRenderer implements Renderer {
    @Override
    public byte[] render(QrMatrix modules, RenderSpec spec) {
        Bitmap bitmap = Bitmap.of(modules, spec.width());
        return spec.transparent() ? PngEncoder.encode(bitmap, spec.rgb()) : JpegEncoder.encode(bitmap, spec.rgb());
    }
}
