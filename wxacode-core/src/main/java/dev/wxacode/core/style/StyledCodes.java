package dev.wxacode.core.style;

import dev.wxacode.core.qr.Layout;
import dev.wxacode.core.qr.QrEncoder;
import dev.wxacode.core.qr.QrMatrix;
import dev.wxacode.core.qr.ReadBack;
import dev.wxacode.core.render.ImageIoRenderer;
import dev.wxacode.core.render.RenderSpec;
import dev.wxacode.core.scan.CodeReader;
import dev.wxacode.core.wire.WxException;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.atomic.LongAdder;

/**
 * Styled codes that always scan. The symbol is planned for the style ({@link StylePlan}), drawn
 * ({@link StyledDrawing}, or stamped from its {@link StyledParts} for an opaque code: the same
 * pixels), and read back as drawn with ZXing before it is encoded; a mask whose
 * drawing does not read back is replaced by the next one. If no mask reads back, or the logo
 * cannot be carried at all (a public URL grown since the style was checked), the code is drawn
 * without its logo, and failing that plain: a code that scans comes before the brand.
 * {@link #fallbacks} counts those.
 *
 * <p>What is read back is the drawing's shapes in black, with the logo as it is: the geometry.
 * Colours are the caller's (a request's {@code line_color}, as WeChat draws any colour asked
 * for) or were checked when the style was saved, so a light colour never makes a code plainer.
 *
 * <p>Safe to share between threads.
 */
public final class StyledCodes {
    private static final int BLACK = 0x000000;

    private final QrEncoder encoder = new QrEncoder();
    /** Only drawings of our own size are given to it: the pixel bound is never reached. */
    private final CodeReader reader = new CodeReader(Long.MAX_VALUE);
    private final LongAdder fallbacks = new LongAdder();

    /**
     * What a code drawn at {@code spec.width()} pixels is drawn from: the symbol with the first mask
     * whose drawing reads back, and the style it reads back in, {@code style} or a plainer one. A
     * plain style gets the plain code's symbol ({@link QrEncoder#encodeFor}).
     *
     * @throws IllegalArgumentException if the text does not fit a QR code, or the code the width
     */
    public Drawing choose(String text, RenderSpec spec, CodeStyle style) {
        if (style.isPlain()) {
            // The plain code's own symbol (level M, as always), so its vector form is its JPEG's.
            return new Drawing(encoder.encodeFor(text, spec.width()), 0, style);
        }
        List<CodeStyle> tries = style.logo().isPresent() ? List.of(style, style.withoutLogo(), CodeStyle.PLAIN)
                : List.of(style, CodeStyle.PLAIN);
        // A scanner sees a transparent code over white: the check draws it opaque.
        RenderSpec black = new RenderSpec(spec.width(), BLACK, false);
        for (CodeStyle attempt : tries) {
            StylePlan plan;
            try {
                plan = StylePlan.of(encoder, text, attempt);
            } catch (StylePlan.LogoDoesNotFit tooLarge) {
                continue;
            }
            CodeStyle shapes = attempt.withFinderRgb(OptionalInt.empty()).withFrameRgb(OptionalInt.empty());
            for (int mask : plan.symbol().masksToTry()) {
                QrMatrix symbol = plan.symbol().withMask(mask);
                if (readsBack(symbol, plan.plateSide(), black, shapes, text)) {
                    if (attempt != style) {
                        fallbacks.increment();
                    }
                    return new Drawing(symbol, plan.plateSide(), attempt);
                }
            }
        }
        // Not even the plain drawing reads back with any mask (never seen): as the plain path does,
        // the standard mask's.
        fallbacks.increment();
        StylePlan plain = StylePlan.of(encoder, text, CodeStyle.PLAIN);
        return new Drawing(plain.symbol().withMask(plain.symbol().standardMask()), 0, CodeStyle.PLAIN);
    }

    /**
     * @return {@code spec.width()} square, JPEG (PNG on transparency), drawn as {@link #choose} says
     * @throws IllegalArgumentException if the text does not fit a QR code, or the code the width
     */
    public byte[] render(String text, RenderSpec spec, CodeStyle style) {
        return render(choose(text, spec, style), spec);
    }

    /**
     * A drawing {@link #choose} made for the same width, encoded: a JPEG from its parts
     * ({@link StyledParts}), a PNG on transparency with Java2D and ImageIO.
     */
    public static byte[] render(Drawing drawing, RenderSpec spec) {
        if (StyledParts.apply(drawing.symbol(), spec, drawing.style())) {
            return StyledParts.of(drawing.symbol(), drawing.plateSide(), spec, drawing.style()).jpeg(drawing.symbol());
        }
        return renderWithImageIo(drawing, spec);
    }

    /**
     * The library path: the drawing with Java2D, encoded with ImageIO. Every transparent code takes
     * it; for opaque ones it stands beside the parts, which tests and benchmarks hold to it.
     */
    public static byte[] renderWithImageIo(Drawing drawing, RenderSpec spec) {
        BufferedImage image = StyledDrawing.draw(drawing.symbol(), drawing.plateSide(), spec, drawing.style());
        return spec.transparent() ? ImageIoRenderer.encodePng(image) : ImageIoRenderer.encodeJpeg(image);
    }

    /**
     * A code's symbol, the square its logo clears and the style it is drawn in, as
     * {@link #choose} found them to read back.
     *
     * @param plateSide modules per side of the square the logo clears; 0 without a logo
     * @param style     the style drawn: the one asked for, or a plainer one that reads
     */
    public record Drawing(QrMatrix symbol, int plateSide, CodeStyle style) {
    }

    /**
     * The plain codes' fast check on the drawing thresholded at mid grey first (from its parts
     * where they apply); when that fails, ZXing's whole reader on its grey levels, which binarises
     * by neighbourhood as scanners do: a logo in a mid tone (WeChat's green is just darker than mid
     * grey) is light next to black modules, and a logo with a ring in it can look like a fourth
     * finder to a search that skips rows, as the fast one does.
     */
    private boolean readsBack(QrMatrix symbol, int plateSide, RenderSpec black, CodeStyle shapes, String text) {
        StyledParts parts = StyledParts.apply(symbol, black, shapes) ? StyledParts.of(symbol, plateSide, black, shapes) : null;
        BufferedImage drawn = parts == null ? StyledDrawing.draw(symbol, plateSide, black, shapes) : null;
        if (ReadBack.readsBack(parts != null ? parts.scanned(symbol) : StyledDrawing.asScanned(drawn), text)) {
            return true;
        }
        try {
            return reader.read(drawn != null ? drawn : parts.picture(symbol)).equals(text);
        } catch (WxException notFound) {
            return false;
        }
    }

    /**
     * Where a symbol of {@code modules} per side goes in an image {@code width} pixels wide with this
     * frame: its pixels per module, above all.
     *
     * @throws IllegalArgumentException if not even one pixel per module is left
     */
    public static Layout layout(int modules, int width, Frame frame) {
        return StyledDrawing.layout(modules, width, frame);
    }

    /** Codes drawn plainer than their style asked, since this instance was made. */
    public long fallbacks() {
        return fallbacks.sum();
    }
}
