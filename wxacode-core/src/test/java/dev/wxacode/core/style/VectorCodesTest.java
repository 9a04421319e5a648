package dev.wxacode.core.style;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wxacode.core.render.ImageFormat;
import dev.wxacode.core.render.RenderSpec;
import dev.wxacode.core.scan.BoofDecoder;
import dev.wxacode.core.scan.CodeReader;
import dev.wxacode.core.scan.ZbarDecoder;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalInt;
import javax.imageio.ImageIO;
import org.apache.batik.transcoder.TranscoderException;
import org.apache.batik.transcoder.TranscoderInput;
import org.apache.batik.transcoder.TranscoderOutput;
import org.apache.batik.transcoder.image.PNGTranscoder;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Codes as SVG and PDF: read back as a viewer draws them (Batik, PDFBox), at the size asked for. */
class VectorCodesTest {
    private final StyledCodes codes = new StyledCodes();
    private final CodeReader zxing = new CodeReader(50_000_000);

    static List<CodeStyle> styles() {
        Logo logo = Logo.of(TestLogos.brand());
        return List.of(CodeStyle.PLAIN,
                CodeStyle.PLAIN.withModules(ModuleShape.DOT).withFinders(FinderShape.ROUNDED).withLogo(logo, 0.2),
                CodeStyle.PLAIN.withModules(ModuleShape.DOT).withFinders(FinderShape.CIRCLE).withFrame(Frame.ROUND)
                        .withFinderRgb(OptionalInt.of(0x07C160)).withFrameRgb(OptionalInt.of(0x07C160)).withLogo(logo, 0.2));
    }

    @ParameterizedTest
    @EnumSource(value = ImageFormat.class, names = {"SVG", "PDF"})
    void every_style_prints_at_the_size_asked_and_reads_as_drawn(ImageFormat format) throws Exception {
        for (CodeStyle style : styles()) {
            for (int width : new int[] {280, 430, 1280}) {
                RenderSpec spec = new RenderSpec(width, 0x000000, false);
                StyledCodes.Drawing drawing = codes.choose(StyledCodesTest.LONG, spec, style);
                byte[] printed = VectorCodes.write(drawing, spec, format, PrintSize.parse("40mm"));
                BufferedImage seen = format == ImageFormat.SVG ? rasterSvg(printed, 600) : rasterPdf(printed, 600);
                String what = format + " " + width + " px layout, " + style.fingerprint();
                byte[] png = png(seen);
                assertThat(zxing.read(png)).as(what).isEqualTo(StyledCodesTest.LONG);
                assertThat(ZbarDecoder.read(png)).as(what).contains(StyledCodesTest.LONG);
                if (style.finders() != FinderShape.CIRCLE) {
                    assertThat(BoofDecoder.read(seen)).as(what).contains(StyledCodesTest.LONG);
                }
            }
        }
        assertThat(codes.fallbacks()).isZero();
    }

    @Test
    void the_svg_says_its_size_and_lays_out_the_jpegs_pixels() {
        RenderSpec spec = new RenderSpec(430, 0x1AAD19, false);
        StyledCodes.Drawing drawing = codes.choose(StyledCodesTest.SHORT, spec, CodeStyle.PLAIN.withModules(ModuleShape.DOT));
        String svg = new String(VectorCodes.write(drawing, spec, ImageFormat.SVG, PrintSize.parse("25.5mm")), StandardCharsets.UTF_8);
        assertThat(svg).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"")
                .contains("width=\"25.5mm\" height=\"25.5mm\" viewBox=\"0 0 430 430\"")
                .contains("<path fill=\"#FFFFFF\"", "<path fill=\"#1AAD19\"")
                .endsWith("</svg>\n");
    }

    @Test
    void the_pdf_page_is_exactly_the_size_asked() throws IOException {
        RenderSpec spec = new RenderSpec(430, 0, false);
        StyledCodes.Drawing drawing = codes.choose(StyledCodesTest.SHORT, spec, CodeStyle.PLAIN);
        try (PDDocument pdf = Loader.loadPDF(VectorCodes.write(drawing, spec, ImageFormat.PDF, PrintSize.parse("30mm")))) {
            PDRectangle box = pdf.getPage(0).getMediaBox();
            assertThat(pdf.getNumberOfPages()).isOne();
            assertThat((double) box.getWidth()).isCloseTo(30 * 72 / 25.4, org.assertj.core.data.Offset.offset(0.01));
            assertThat(box.getHeight()).isEqualTo(box.getWidth());
        }
    }

    @Test
    void a_plain_codes_print_carries_the_plain_codes_symbol() throws Exception {
        RenderSpec spec = new RenderSpec(430, 0, false);
        StyledCodes.Drawing drawing = codes.choose(StyledCodesTest.SHORT, spec, CodeStyle.PLAIN);
        assertThat(drawing.symbol().level()).isEqualTo(dev.wxacode.core.qr.EcLevel.M);
        BufferedImage printed = rasterSvg(VectorCodes.write(drawing, spec, ImageFormat.SVG, PrintSize.parse("430px")), 430);
        BufferedImage jpeg = ImageIO.read(new ByteArrayInputStream(
                new dev.wxacode.core.render.FastRenderer().render(drawing.symbol(), spec)));
        int differing = 0;
        for (int y = 0; y < 430; y++) {
            for (int x = 0; x < 430; x++) {
                differing += Math.abs((printed.getRGB(x, y) & 0xFF) - (jpeg.getRGB(x, y) & 0xFF)) > 128 ? 1 : 0;
            }
        }
        assertThat(differing).as("pixels on the other side of mid grey").isZero();
    }

    @Test
    void sizes_are_millimetres_or_pixels_within_reason() {
        assertThat(PrintSize.parse("30mm").points()).isCloseTo(85.039, org.assertj.core.data.Offset.offset(0.001));
        assertThat(PrintSize.parse("96px").points()).isEqualTo(72);
        assertThat(PrintSize.parse("25.50mm")).hasToString("25.5mm");
        assertThatThrownBy(() -> PrintSize.parse("3cm")).hasMessageContaining("as 30mm or 430px");
        assertThatThrownBy(() -> PrintSize.parse("2mm")).hasMessageContaining("5 to 2000 mm");
    }

    static BufferedImage rasterSvg(byte[] svg, int pixels) throws TranscoderException {
        PNGTranscoder transcoder = new PNGTranscoder();
        transcoder.addTranscodingHint(PNGTranscoder.KEY_WIDTH, (float) pixels);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        transcoder.transcode(new TranscoderInput(new ByteArrayInputStream(svg)), new TranscoderOutput(png));
        try {
            return ImageIO.read(new ByteArrayInputStream(png.toByteArray()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static BufferedImage rasterPdf(byte[] pdf, int pixels) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            float points = document.getPage(0).getMediaBox().getWidth();
            return new PDFRenderer(document).renderImage(0, pixels / points);
        }
    }

    static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
