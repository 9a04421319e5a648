package dev.wxacode.core.style;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxacode.core.qr.QrEncoder;
import dev.wxacode.core.qr.QrMatrix;
import dev.wxacode.core.render.RenderSpec;
import dev.wxacode.core.scan.CodeReader;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.OptionalInt;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The fast path of styled codes held to the library path: the same pixels, and JPEGs that decode alike. */
class StyledPartsTest {
    private static final int[] WIDTHS = {280, 281, 430, 517, 1280};
    private final QrEncoder encoder = new QrEncoder();

    static List<CodeStyle> styles() {
        Logo logo = Logo.of(TestLogos.brand());
        return List.of(
                CodeStyle.PLAIN.withModules(ModuleShape.DOT),
                CodeStyle.PLAIN.withFinders(FinderShape.ROUNDED).withLogo(Logo.of(TestLogos.photo()), 0.15),
                CodeStyle.PLAIN.withModules(ModuleShape.DOT).withFinders(FinderShape.CIRCLE).withFrame(Frame.ROUND)
                        .withFinderRgb(OptionalInt.of(0x07C160)).withFrameRgb(OptionalInt.of(0xC62828)).withLogo(logo, 0.2),
                CodeStyle.PLAIN.withFrame(Frame.ROUND).withLogo(logo, 0.1));
    }

    @Test
    void a_code_made_of_parts_is_the_drawing_pixel_for_pixel_and_scans_as_it() {
        int checked = 0;
        for (CodeStyle style : styles()) {
            for (String text : List.of(StyledCodesTest.SHORT, StyledCodesTest.LONG)) {
                StylePlan plan = StylePlan.of(encoder, text, style);
                for (int width : WIDTHS) {
                    for (int mask : new int[] {0, 5}) {
                        QrMatrix symbol = plan.symbol().withMask(mask);
                        RenderSpec spec = new RenderSpec(width, mask == 0 ? 0x000000 : 0x1565C0, false);
                        StyledParts parts = StyledParts.of(symbol, plan.plateSide(), spec, style);
                        BufferedImage drawn = StyledDrawing.draw(symbol, plan.plateSide(), spec, style);
                        String what = width + " px, mask " + mask + ", " + style.fingerprint();
                        assertThat(parts.compose(symbol)).as(what).isEqualTo(rgb(drawn));
                        assertThat(parts.scanned(symbol)).as(what).isEqualTo(StyledDrawing.asScanned(drawn));
                        checked++;
                    }
                }
            }
        }
        assertThat(checked).isEqualTo(4 * 2 * WIDTHS.length * 2);
    }

    /**
     * The parts' JPEG encoder and ImageIO's code the same pixels with the same quantisation (ImageIO
     * also halves the chroma's resolution, which the parts do not, as the plain fast path does not):
     * decoded, the parts' picture is as close to the drawing as ImageIO's, or closer, and reads.
     */
    @Test
    void a_jpeg_made_of_parts_is_as_close_to_the_drawing_as_the_library_paths_and_reads() throws IOException {
        StyledCodes codes = new StyledCodes();
        CodeReader reader = new CodeReader(50_000_000);
        for (CodeStyle style : styles()) {
            for (int width : WIDTHS) {
                RenderSpec spec = new RenderSpec(width, 0x1AAD19, false);
                StyledCodes.Drawing drawing = codes.choose(StyledCodesTest.LONG, spec, style);
                int[] drawn = rgb(StyledDrawing.draw(drawing.symbol(), drawing.plateSide(), spec, drawing.style()));
                byte[] fast = StyledCodes.render(drawing, spec);
                BufferedImage ours = ImageIO.read(new ByteArrayInputStream(fast));
                BufferedImage theirs = ImageIO.read(new ByteArrayInputStream(StyledCodes.renderWithImageIo(drawing, spec)));
                String what = width + " px, " + style.fingerprint();
                assertThat(ours.getWidth()).as(what).isEqualTo(width);
                assertThat(ours.getHeight()).as(what).isEqualTo(width);
                assertThat(meanError(ours, drawn)).as(what).isLessThanOrEqualTo(meanError(theirs, drawn));
                assertThat(reader.read(fast)).as(what).isEqualTo(StyledCodesTest.LONG);
            }
        }
    }

    /** Mean absolute difference of each channel from the drawing's, over every pixel. */
    private static double meanError(BufferedImage decoded, int[] drawn) {
        long sum = 0;
        int width = decoded.getWidth();
        for (int i = 0; i < drawn.length; i++) {
            int p = decoded.getRGB(i % width, i / width);
            for (int shift = 0; shift <= 16; shift += 8) {
                sum += Math.abs((p >>> shift & 0xFF) - (drawn[i] >>> shift & 0xFF));
            }
        }
        return sum / (3.0 * drawn.length);
    }

    private static int[] rgb(BufferedImage image) {
        int[] data = ((DataBufferInt) image.getRaster().getDataBuffer()).getData().clone();
        for (int i = 0; i < data.length; i++) {
            data[i] &= 0xFFFFFF;
        }
        return data;
    }
}
