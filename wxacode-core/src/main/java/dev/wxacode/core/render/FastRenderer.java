package dev.wxacode.core.render;

import dev.wxacode.core.qr.QrMatrix;

/**
 * The default renderer: packs the modules one bit per pixel ({@link Bitmap}) and encodes that
 * directly, a 1-bit palette PNG for transparent codes ({@link PngEncoder}) and a two-colour
 * baseline JPEG otherwise ({@link JpegEncoder}). No {@code BufferedImage}, no colour conversion
 * per pixel. {@link ImageIoRenderer} is the library path beside it; tests hold the two against
 * each other, and docs/benchmarks.md has the speed of both.
 *
 * <p>Its JPEG encoder keeps the 8×8 blocks it has coded, for every image after; how many is the
 * one setting, and the counts below show how well it works.
 */
public final class FastRenderer implements Renderer {
    /** A few thousand blocks cover every width in one colour; this leaves room for many colours. */
    public static final int DEFAULT_JPEG_BLOCKS = 200_000;

    private final JpegEncoder jpeg;

    public FastRenderer() {
        this(DEFAULT_JPEG_BLOCKS);
    }

    /** @param jpegBlocks coded JPEG blocks kept between images at most; 0 keeps none */
    public FastRenderer(int jpegBlocks) {
        this.jpeg = new JpegEncoder(jpegBlocks);
    }

    @Override
    public byte[] render(QrMatrix modules, RenderSpec spec) {
        Bitmap bitmap = Bitmap.of(modules, spec.width());
        return spec.transparent() ? PngEncoder.encode(bitmap, spec.rgb()) : jpeg.encode(bitmap, spec.rgb());
    }

    /** Coded JPEG blocks kept now. */
    public int jpegBlocksKept() {
        return jpeg.blocks().size();
    }

    /** Look-ups of a block that was kept (an image's repeats of one block are not counted). */
    public long jpegBlocksFound() {
        return jpeg.blocks().found();
    }

    /** Blocks coded because they were not kept. */
    public long jpegBlocksCoded() {
        return jpeg.blocks().coded();
    }
}
