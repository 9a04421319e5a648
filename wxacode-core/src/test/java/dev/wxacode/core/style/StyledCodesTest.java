package dev.wxacode.core.style;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxacode.core.qr.Layout;
import dev.wxacode.core.qr.QrEncoder;
import dev.wxacode.core.qr.ReadBack;
import dev.wxacode.core.render.RenderSpec;
import dev.wxacode.core.scan.BoofDecoder;
import dev.wxacode.core.scan.CodeReader;
import dev.wxacode.core.scan.ZbarDecoder;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StyledCodesTest {
    /** A link as short as ours get. */
    static final String SHORT = "HTTP://127.0.0.1:8080/L/CEAQEAYEAUDAOCAJAIFAYDIOB4IBCEQ";
    /** As long as a 32-character scene makes one, on a longer host. */
    static final String LONG = "HTTP://WXA.EXAMPLE.COM/L/CEAQEAYEAUDAOCAJAIFAYDIOB4IBCEQTCQKRMFYYDENBWHA3DQ7IFJNPY4Z2YMJ3PKQW";
    static final int[] WIDTHS = {280, 430, 1280};

    private final StyledCodes codes = new StyledCodes();
    private final CodeReader zxing = new CodeReader(20_000_000);

    /** Every shape with every finder and frame, with and without a logo, and both logos once. */
    static Stream<Arguments> styles() {
        Logo brand = Logo.of(TestLogos.brand());
        List<Arguments> styles = new ArrayList<>();
        for (ModuleShape modules : ModuleShape.values()) {
            for (FinderShape finders : FinderShape.values()) {
                for (Frame frame : Frame.values()) {
                    CodeStyle style = CodeStyle.PLAIN.withModules(modules).withFinders(finders).withFrame(frame);
                    styles.add(Arguments.of(style.fingerprint(), style));
                    CodeStyle logo = style.withLogo(brand, CodeStyle.DEFAULT_LOGO_SIZE);
                    styles.add(Arguments.of(logo.fingerprint(), logo));
                }
            }
        }
        CodeStyle wechat = CodeStyle.PLAIN.withModules(ModuleShape.DOT).withFinders(FinderShape.CIRCLE)
                .withFrame(Frame.ROUND).withFinderRgb(OptionalInt.of(0x07C160)).withFrameRgb(OptionalInt.of(0x07C160));
        CodeStyle photo = wechat.withLogo(Logo.of(TestLogos.photo()), CodeStyle.MIN_LOGO_SIZE);
        double largest = StylePlan.largestLogo(new QrEncoder(), LONG, photo).orElseThrow();
        styles.add(Arguments.of("coloured finders and frame, the largest photo logo the long link carries (" + largest + ")",
                photo.withLogo(photo.logo().orElseThrow(), largest)));
        return styles.stream();
    }

    /**
     * ZXing and zbar read every style; BoofCV, which fits a square to each finder pattern, every
     * style but round finders.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("styles")
    void every_style_reads_with_zxing_and_zbar_at_280_430_and_1280_px(String name, CodeStyle style) throws IOException {
        for (String text : List.of(SHORT, LONG)) {
            for (int width : WIDTHS) {
                byte[] jpeg = codes.render(text, new RenderSpec(width, 0x000000, false), style);
                BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
                String what = width + " px, " + text.length() + " characters";
                assertThat(image.getWidth()).as(what).isEqualTo(width);
                assertThat(image.getHeight()).as(what).isEqualTo(width);
                assertThat(zxing.read(jpeg)).as(what).isEqualTo(text);
                assertThat(ZbarDecoder.read(jpeg)).as(what).contains(text);
                if (style.finders() != FinderShape.CIRCLE) {
                    assertThat(BoofDecoder.read(image)).as(what).contains(text);
                }
            }
        }
        assertThat(codes.fallbacks()).as("codes drawn plainer than asked").isZero();
    }

    @Test
    void the_style_is_what_is_drawn() throws IOException {
        int width = 430;
        CodeStyle style = CodeStyle.PLAIN.withModules(ModuleShape.DOT).withFinders(FinderShape.CIRCLE)
                .withFrame(Frame.ROUND).withFinderRgb(OptionalInt.of(0xC62828)).withFrameRgb(OptionalInt.of(0x1565C0))
                .withLogo(Logo.of(TestLogos.brand()), 0.25);
        byte[] jpeg = codes.render(SHORT, new RenderSpec(width, 0, false), style);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
        int stroke = StyledDrawing.ringStroke(width);
        assertClose(image.getRGB(width / 2, stroke / 2), 0x1565C0, "the ring, top middle");
        assertClose(image.getRGB(stroke * 2 + 1, stroke * 2 + 1), 0xFFFFFF, "outside the ring, top left");
        StylePlan plan = StylePlan.of(new QrEncoder(), SHORT, style);
        Layout layout = StyledDrawing.layout(plan.symbol().size(), width, Frame.ROUND);
        int finderCentre = layout.offset() + layout.scale() * 7 / 2;
        assertClose(image.getRGB(finderCentre, finderCentre), 0xC62828, "the finder's core");
        StyledDrawing.Box logo = new StyledDrawing.Geometry(plan.symbol().withMask(0), layout, style, plan.plateSide())
                .logoBox().orElseThrow();
        // The logo's green, left of its bubbles.
        assertClose(image.getRGB(logo.left() + logo.side() / 10, logo.top() + logo.side() / 2), TestLogos.GREEN, "the logo");
        assertThat(ZbarDecoder.read(jpeg)).contains(SHORT);
        assertThat(codes.fallbacks()).isZero();
    }

    /** As WeChat draws any line colour asked for: a light one is drawn, and the style kept. */
    @Test
    void a_light_line_colour_is_drawn_as_asked_and_keeps_the_style() throws IOException {
        CodeStyle style = CodeStyle.PLAIN.withModules(ModuleShape.DOT).withLogo(Logo.of(TestLogos.brand()), 0.2);
        int width = 430;
        byte[] jpeg = codes.render(SHORT, new RenderSpec(width, 0xE6E678, false), style);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
        StylePlan plan = StylePlan.of(new QrEncoder(), SHORT, style);
        Layout layout = StyledDrawing.layout(plan.symbol().size(), width, Frame.NONE);
        int finderCentre = layout.offset() + layout.scale() * 7 / 2;
        assertClose(image.getRGB(finderCentre, finderCentre), 0xE6E678, "the finder's core");
        assertThat(codes.fallbacks()).isZero();
    }

    @Test
    void a_transparent_styled_code_is_a_png_with_transparent_corners() throws IOException {
        CodeStyle style = CodeStyle.PLAIN.withModules(ModuleShape.DOT).withFrame(Frame.ROUND)
                .withLogo(Logo.of(TestLogos.brand()), CodeStyle.DEFAULT_LOGO_SIZE);
        byte[] png = codes.render(SHORT, new RenderSpec(430, 0x1E88E5, true), style);
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getRGB(0, 0) >>> 24).isZero();
        assertThat(image.getRGB(429, 429) >>> 24).isZero();
        assertThat(zxing.read(png)).isEqualTo(SHORT);
        assertThat(BoofDecoder.read(image)).contains(SHORT);
    }

    @Test
    void the_same_text_and_style_give_the_same_bytes() {
        CodeStyle style = CodeStyle.PLAIN.withModules(ModuleShape.DOT).withLogo(Logo.of(TestLogos.brand()), 0.2);
        RenderSpec spec = new RenderSpec(430, 0, false);
        assertThat(codes.render(SHORT, spec, style)).isEqualTo(codes.render(SHORT, spec, style));
    }

    /**
     * A text so long that its symbol has an alignment pattern in the middle (version 7 and up) cannot
     * carry a logo: the code is drawn without it, in the rest of its style, and counted.
     */
    @Test
    void a_logo_no_symbol_of_the_text_can_carry_is_left_out_and_counted() throws IOException {
        String text = "HTTP://WXA.EXAMPLE.COM/L/" + "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".repeat(5);
        CodeStyle style = CodeStyle.PLAIN.withModules(ModuleShape.DOT).withLogo(Logo.of(TestLogos.brand()), 0.2);
        byte[] jpeg = codes.render(text, new RenderSpec(430, 0, false), style);
        assertThat(codes.fallbacks()).isEqualTo(1);
        assertThat(zxing.read(jpeg)).isEqualTo(text);
        assertThat(BoofDecoder.read(jpeg)).contains(text);
    }

    /**
     * A logo that the fast read-back, thresholding at mid grey, sees as a fourth finder pattern
     * ({@link TestLogos#ringed}): the whole reader, binarising by neighbourhood as scanners do,
     * reads the code. The logo stays, and the code reads at every width.
     */
    @Test
    void a_logo_that_looks_like_a_finder_pattern_stays_and_the_code_reads_at_every_width() {
        CodeStyle style = CodeStyle.PLAIN.withLogo(Logo.of(TestLogos.ringed()), 0.2);
        StylePlan plan = StylePlan.of(new QrEncoder(), SHORT, style);
        int fastSearchMisled = 0;
        for (int width = 280; width <= 1280; width += 50) {
            byte[] jpeg = codes.render(SHORT, new RenderSpec(width, 0, false), style);
            assertThat(zxing.read(jpeg)).as("%d px", width).isEqualTo(SHORT);
            assertThat(ZbarDecoder.read(jpeg)).as("%d px", width).contains(SHORT);
            BufferedImage drawn = StyledDrawing.draw(plan.symbol().withMask(plan.symbol().standardMask()),
                    plan.plateSide(), new RenderSpec(width, 0, false), style);
            fastSearchMisled += ReadBack.readsBack(StyledDrawing.asScanned(drawn), SHORT) ? 0 : 1;
        }
        assertThat(fastSearchMisled).as("widths where the fast search alone misses the code").isPositive();
        assertThat(codes.fallbacks()).isZero();
    }

    private static void assertClose(int argb, int rgb, String what) {
        for (int shift = 0; shift <= 16; shift += 8) {
            assertThat(Math.abs((argb >>> shift & 0xFF) - (rgb >>> shift & 0xFF))).as(what + ": " + Integer.toHexString(argb))
                    .isLessThanOrEqualTo(24);
        }
    }
}
