package dev.wxacode.client;

/** A line colour, 0–255 per component, as {@code line_color} carries it. */
public record Rgb(int r, int g, int b) {
    public static final Rgb BLACK = new Rgb(0, 0, 0);

    /** @throws IllegalArgumentException unless {@code hex} is {@code #RRGGBB} or {@code RRGGBB} */
    public static Rgb parse(String hex) {
        String digits = hex.startsWith("#") ? hex.substring(1) : hex;
        if (!digits.matches("[0-9A-Fa-f]{6}")) {
            throw new IllegalArgumentException("colour must be #RRGGBB, got " + hex);
        }
        int rgb = Integer.parseInt(digits, 16);
        return new Rgb((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF);
    }
}
