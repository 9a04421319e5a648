package dev.wxacode.core.style;

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
     * @return {@code spec.width()} square, JPEG (PNG on transparency), drawn in {@code style} or a
     *         plainer one (see the class comment)
     * @throws IllegalArgumentException if the text does not fit a QR code, or the code the width
     */
    public byte[] render(String text, RenderSpec spec, CodeStyle style) {
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
                    boolean asChecked = spec.rgb() == BLACK && shapes.equals(attempt);
                    return encode(asChecked ? checked : StyledDrawing.draw(symbol, plan.plateSide(), spec, attempt), spec);
                }
            }
        }
        // Not even the plain drawing reads back with any mask (never seen): as the plain path does,
        // the standard mask's.
        fallbacks.increment();
        StylePlan plain = StylePlan.of(encoder, text, CodeStyle.PLAIN);
        return encode(StyledDrawing.draw(plain.symbol().withMask(plain.symbol().standardMask()), 0, spec,
                CodeStyle.PLAIN), spec);
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

    /** Codes drawn plainer than their style asked, since this instance was made. */
    public long fallbacks() {
        return fallbacks.sum();
    }

    private static byte[] encode(BufferedImage image, RenderSpec spec) {
        return spec.transparent() ? ImageIoRenderer.encodePng(image) : ImageIoRenderer.encodeJpeg(image);
    }
}
