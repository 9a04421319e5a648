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
 * ({@link StyledDrawing}), and read back as drawn with ZXing before it is encoded; a mask whose
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
            return new Drawing(encoder.encodeFor(text, spec.width()), 0, style, null);
        }
        List<CodeStyle> tries = style.logo().isPresent() ? List.of(style, style.withoutLogo(), CodeStyle.PLAIN)
                : List.of(style, CodeStyle.PLAIN);
        RenderSpec black = new RenderSpec(spec.width(), BLACK, spec.transparent());
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
                BufferedImage checked = StyledDrawing.draw(symbol, plan.plateSide(), black, shapes);
                if (readsBack(checked, text)) {
                    if (attempt != style) {
                        fallbacks.increment();
                    }
                    return new Drawing(symbol, plan.plateSide(), attempt, shapes.equals(attempt) ? checked : null);
                }
            }
        }
        // Not even the plain drawing reads back with any mask (never seen): as the plain path does,
        // the standard mask's.
        fallbacks.increment();
        StylePlan plain = StylePlan.of(encoder, text, CodeStyle.PLAIN);
        return new Drawing(plain.symbol().withMask(plain.symbol().standardMask()), 0, CodeStyle.PLAIN, null);
    }

    /**
     * @return {@code spec.width()} square, JPEG (PNG on transparency), drawn as {@link #choose} says
     * @throws IllegalArgumentException if the text does not fit a QR code, or the code the width
     */
    public byte[] render(String text, RenderSpec spec, CodeStyle style) {
        return render(choose(text, spec, style), spec);
    }

    /** A drawing {@link #choose} made for the same width, encoded: JPEG, PNG on transparency. */
    public static byte[] render(Drawing drawing, RenderSpec spec) {
        // The check's drawing is the image itself when it was drawn in the image's colours.
        BufferedImage image = drawing.checkedInBlack != null && spec.rgb() == BLACK ? drawing.checkedInBlack
                : StyledDrawing.draw(drawing.symbol(), drawing.plateSide(), spec, drawing.style());
        return spec.transparent() ? ImageIoRenderer.encodePng(image) : ImageIoRenderer.encodeJpeg(image);
    }

    /**
     * A code's symbol, the square its logo clears and the style it is drawn in, as
     * {@link #choose} found them to read back.
     */
    public static final class Drawing {
        private final QrMatrix symbol;
        private final int plateSide;
        private final CodeStyle style;
        /** The check's own drawing when its colours were the style's, else null: reused for a black code. */
        private final BufferedImage checkedInBlack;

        Drawing(QrMatrix symbol, int plateSide, CodeStyle style, BufferedImage checkedInBlack) {
            this.symbol = symbol;
            this.plateSide = plateSide;
            this.style = style;
            this.checkedInBlack = checkedInBlack;
        }

        public QrMatrix symbol() {
            return symbol;
        }

        /** Modules per side of the square the logo clears; 0 without a logo. */
        public int plateSide() {
            return plateSide;
        }

        /** The style drawn: the one asked for, or a plainer one that reads. */
        public CodeStyle style() {
            return style;
        }
    }

    /**
     * The plain codes' fast check on the drawing thresholded at mid grey first; when that fails,
     * ZXing's whole reader on its grey levels, which binarises by neighbourhood as scanners do: a
     * logo in a mid tone (WeChat's green is just darker than mid grey) is light next to black
     * modules, and a logo with a ring in it can look like a fourth finder to a search that skips
     * rows, as the fast one does.
     */
    private boolean readsBack(BufferedImage image, String text) {
        if (ReadBack.readsBack(StyledDrawing.asScanned(image), text)) {
            return true;
        }
        try {
            return reader.read(image).equals(text);
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
