package dev.wxacode.core.code;

/**
 * The colour of a code's modules. Components outside 0–255 are clamped rather than refused
 * (wire spec §1 leaves this open; clamping never turns a usable request into an error).
 */
public record LineColor(int r, int g, int b) {
    public static final LineColor BLACK = new LineColor(0, 0, 0);
    /**
     * The contrast on white below which codes stop reading once a picture is a little noisy. Measured
     * (docs/compatibility.md, "Light line colours"): from 2:1 up, greys and colours survived as many
     * degraded copies as mid-greys do; below, the count fell to none within a few steps of grey.
     */
    public static final double LEGIBLE_CONTRAST = 2.0;

    public LineColor {
        r = clamp(r);
        g = clamp(g);
        b = clamp(b);
    }

    public static LineColor ofRgb(int rgb) {
        return new LineColor((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF);
    }

    /** @throws IllegalArgumentException unless {@code hex} is {@code #RRGGBB} or {@code RRGGBB} */
    public static LineColor parseHex(String hex) {
        String digits = hex.startsWith("#") ? hex.substring(1) : hex;
        if (!digits.matches("[0-9A-Fa-f]{6}")) {
            throw new IllegalArgumentException("colour must be #RRGGBB, got " + hex);
        }
        return ofRgb(Integer.parseInt(digits, 16));
    }

    public int rgb() {
        return (r << 16) | (g << 8) | b;
    }

    public String hex() {
        return String.format("#%06x", rgb());
    }

    /** WCAG relative luminance, 0 (black) to 1 (white). */
    public double relativeLuminance() {
        return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
    }

    /** WCAG contrast ratio against white, 1 to 21. */
    public double contrastOnWhite() {
        return 1.05 / (relativeLuminance() + 0.05);
    }

    private static double linear(int component) {
        double c = component / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
