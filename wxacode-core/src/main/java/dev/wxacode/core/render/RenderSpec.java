package dev.wxacode.core.render;

/**
 * How to draw a code.
 *
 * @param width       pixels per side of the whole image
 * @param rgb         module colour as {@code 0xRRGGBB}
 * @param transparent background fully transparent (PNG) instead of white (JPEG)
 */
public record RenderSpec(int width, int rgb, boolean transparent) {
    public RenderSpec {
        if (width < 1) {
            throw new IllegalArgumentException("width " + width);
        }
        rgb &= 0xFFFFFF;
    }

    public ImageFormat format() {
        return transparent ? ImageFormat.PNG : ImageFormat.JPEG;
    }
}
