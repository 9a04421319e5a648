package dev.wxacode.core.qr;

/**
 * Where a symbol's modules land in a square image: every module the same whole number of pixels
 * (sharp edges, no resampling), the symbol centred, at least {@link #QUIET_ZONE} light
 * modules around it; pixels left over widen the quiet zone. For 41 modules (version 4 plus quiet
 * zone) in 430 px: 10 px per module, the symbol starting at pixel 50.
 *
 * @param modules modules per side of the symbol, without quiet zone
 * @param scale   pixels per module
 * @param offset  first pixel of the symbol, on both axes
 */
public record Layout(int modules, int width, int scale, int offset) {
    /** Quiet zone in modules on each side, as ISO/IEC 18004 asks. */
    public static final int QUIET_ZONE = 4;

    /** @throws IllegalArgumentException if the symbol and its quiet zone need more than {@code width} pixels */
    public static Layout of(int modules, int width) {
        int total = modules + 2 * QUIET_ZONE;
        int scale = width / total;
        if (scale < 1) {
            throw new IllegalArgumentException(total + " modules do not fit " + width + " px");
        }
        return new Layout(modules, width, scale, (width - scale * modules) / 2);
    }

    /** The module column (or row: the layout is the same on both axes) under a pixel; -1 in the quiet zone. */
    public int moduleAt(int pixel) {
        int m = pixel - offset;
        return m >= 0 && m < scale * modules ? m / scale : -1;
    }
}
