package dev.wxacode.core.code;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.Optional;

/**
 * {@code auto_color}: the line colour WeChat would pick from the app's brand, made dark enough to
 * scan.
 *
 * <p>Scanners binarise by luminance, so a light brand colour (a pale yellow, say) would give a code
 * nobody can read. The brand's hue and saturation are kept and its lightness lowered until the
 * WCAG contrast against white reaches {@link #MIN_CONTRAST}, the level asked of body text.
 */
public final class AutoColor {
    public static final double MIN_CONTRAST = 4.5;
    private static final int SAMPLES_PER_SIDE = 64;

    private AutoColor() {
    }

    /** @return the brand colour, darkened as needed; black when the app has no brand colour */
    public static LineColor lineColorFor(Optional<LineColor> brand) {
        if (brand.isEmpty()) {
            return LineColor.BLACK;
        }
        LineColor color = brand.get();
        if (color.contrastOnWhite() >= MIN_CONTRAST) {
            return color;
        }
        float[] hsb = Color.RGBtoHSB(color.r(), color.g(), color.b(), null);
        for (float brightness = hsb[2]; brightness > 0; brightness -= 0.01f) {
            LineColor darker = LineColor.ofRgb(Color.HSBtoRGB(hsb[0], hsb[1], brightness));
            if (darker.contrastOnWhite() >= MIN_CONTRAST) {
                return darker;
            }
        }
        return LineColor.BLACK;
    }

    /**
     * The most prominent colour of a logo: opaque pixels are binned into 4-bit RGB cells, weighted by
     * saturation, and the heaviest bin's mean wins. A logo without colour (greys only) gives its
     * average grey; a logo without opaque pixels gives nothing.
     */
    public static Optional<LineColor> dominantColor(BufferedImage logo) {
        long[] weight = new long[4096];
        long[][] sum = new long[4096][3];
        long grey = 0;
        long[] greySum = new long[3];
        int stepX = Math.max(1, logo.getWidth() / SAMPLES_PER_SIDE);
        int stepY = Math.max(1, logo.getHeight() / SAMPLES_PER_SIDE);
        for (int y = 0; y < logo.getHeight(); y += stepY) {
            for (int x = 0; x < logo.getWidth(); x += stepX) {
                int argb = logo.getRGB(x, y);
                if ((argb >>> 24) < 128) {
                    continue;
                }
                int r = (argb >> 16) & 0xFF;
                int g = (argb >> 8) & 0xFF;
                int b = argb & 0xFF;
                float[] hsb = Color.RGBtoHSB(r, g, b, null);
                if (hsb[2] > 0.95f && hsb[1] < 0.1f) {
                    continue; // white background of the logo
                }
                if (hsb[1] < 0.15f) {
                    grey++;
                    greySum[0] += r;
                    greySum[1] += g;
                    greySum[2] += b;
                    continue;
                }
                int bin = ((r >> 4) << 8) | ((g >> 4) << 4) | (b >> 4);
                int w = Math.round(hsb[1] * 100);
                weight[bin] += w;
                sum[bin][0] += (long) r * w;
                sum[bin][1] += (long) g * w;
                sum[bin][2] += (long) b * w;
            }
        }
        int best = -1;
        for (int bin = 0; bin < weight.length; bin++) {
            if (weight[bin] > 0 && (best < 0 || weight[bin] > weight[best])) {
                best = bin;
            }
        }
        if (best >= 0) {
            long w = weight[best];
            return Optional.of(new LineColor((int) (sum[best][0] / w), (int) (sum[best][1] / w), (int) (sum[best][2] / w)));
        }
        if (grey > 0) {
            return Optional.of(new LineColor((int) (greySum[0] / grey), (int) (greySum[1] / grey), (int) (greySum[2] / grey)));
        }
        return Optional.empty();
    }
}
