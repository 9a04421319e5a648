package dev.wxacode.core.style;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxacode.core.render.RenderSpec;
import dev.wxacode.core.scan.BoofDecoder;
import dev.wxacode.core.scan.CodeReader;
import dev.wxacode.core.scan.ZbarDecoder;
import dev.wxacode.core.wire.WxException;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Image;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.ConvolveOp;
import java.awt.image.Kernel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.junit.jupiter.api.Test;

/**
 * What each style survives: a 430 px code scaled to a quarter, blurred, turned 15° and saved again as
 * a JPEG at quality 30, each read by ZXing, ZBar and BoofCV. The table is docs/styles.md's; a
 * change that loses a cell fails here.
 */
class DegradationTest {
    static final Map<String, UnaryOperator<BufferedImage>> DAMAGE = new LinkedHashMap<>();

    static {
        DAMAGE.put("scaled to 25 %", image -> scaled(image, 0.25));
        DAMAGE.put("blurred", DegradationTest::blurred);
        DAMAGE.put("turned 15°", DegradationTest::turned);
        DAMAGE.put("JPEG quality 30", DegradationTest::recompressed);
    }

    static Map<String, CodeStyle> styles() {
        Logo logo = Logo.of(TestLogos.brand());
        Map<String, CodeStyle> styles = new LinkedHashMap<>();
        styles.put("plain", CodeStyle.PLAIN);
        styles.put("dot", CodeStyle.PLAIN.withModules(ModuleShape.DOT));
        styles.put("rounded finders", CodeStyle.PLAIN.withFinders(FinderShape.ROUNDED));
        styles.put("circle finders", CodeStyle.PLAIN.withFinders(FinderShape.CIRCLE));
        styles.put("logo 0.2", CodeStyle.PLAIN.withLogo(logo, 0.2));
        styles.put("round frame", CodeStyle.PLAIN.withFrame(Frame.ROUND));
        styles.put("WeChat-like", CodeStyle.PLAIN.withModules(ModuleShape.DOT).withFinders(FinderShape.CIRCLE)
                .withFrame(Frame.ROUND).withFinderRgb(OptionalInt.of(TestLogos.GREEN)).withLogo(logo, 0.2));
        return styles;
    }

    @Test
    void each_style_survives_the_damage_docs_styles_md_says_it_does() throws IOException {
        StyledCodes codes = new StyledCodes();
        CodeReader zxing = new CodeReader(50_000_000);
        StringBuilder table = new StringBuilder();
        for (Map.Entry<String, CodeStyle> style : styles().entrySet()) {
            byte[] jpeg = codes.render(StyledCodesTest.LONG, new RenderSpec(430, 0, false), style.getValue());
            BufferedImage code = ImageIO.read(new ByteArrayInputStream(jpeg));
            table.append(style.getKey());
            for (Map.Entry<String, UnaryOperator<BufferedImage>> damage : DAMAGE.entrySet()) {
                BufferedImage damaged = damage.getValue().apply(code);
                byte[] file = png(damaged);
                String read = (reads(() -> zxing.read(file)) ? "Z" : "-")
                        + (ZbarDecoder.read(file).filter(StyledCodesTest.LONG::equals).isPresent() ? "z" : "-")
                        + (BoofDecoder.read(damaged).filter(StyledCodesTest.LONG::equals).isPresent() ? "B" : "-");
                table.append(" | ").append(read);
            }
            table.append('\n');
        }
        assertThat(table.toString()).isEqualTo(EXPECTED);
    }

    /** Z: ZXing reads it, z: ZBar, B: BoofCV; - where it does not. Columns in the order of {@link #DAMAGE}. */
    static final String EXPECTED = """
            plain | ZzB | ZzB | ZzB | ZzB
            dot | ZzB | ZzB | ZzB | ZzB
            rounded finders | ZzB | ZzB | ZzB | ZzB
            circle finders | Zz- | Zz- | Zz- | Zz-
            logo 0.2 | ZzB | ZzB | ZzB | ZzB
            round frame | -zB | -zB | ZzB | ZzB
            WeChat-like | Z-- | Zz- | Z-- | Zz-
            """;

    private static boolean reads(Supplier<String> read) {
        try {
            return StyledCodesTest.LONG.equals(read.get());
        } catch (WxException notFound) {
            return false;
        }
    }

    static BufferedImage scaled(BufferedImage image, double factor) {
        int side = (int) Math.round(image.getWidth() * factor);
        BufferedImage out = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(image.getScaledInstance(side, side, Image.SCALE_AREA_AVERAGING), 0, 0, null);
        g.dispose();
        return out;
    }

    /** A Gaussian blur of a 2.5 px standard deviation: a third of a module at 430 px. */
    static BufferedImage blurred(BufferedImage image) {
        double sigma = 2.5;
        int radius = (int) Math.ceil(3 * sigma);
        float[] weights = new float[2 * radius + 1];
        float sum = 0;
        for (int i = -radius; i <= radius; i++) {
            weights[i + radius] = (float) Math.exp(-i * i / (2 * sigma * sigma));
            sum += weights[i + radius];
        }
        for (int i = 0; i < weights.length; i++) {
            weights[i] /= sum;
        }
        BufferedImage rgb = copy(image);
        BufferedImage across = new ConvolveOp(new Kernel(weights.length, 1, weights), ConvolveOp.EDGE_NO_OP, null).filter(rgb, null);
        return new ConvolveOp(new Kernel(1, weights.length, weights), ConvolveOp.EDGE_NO_OP, null).filter(across, null);
    }

    static BufferedImage turned(BufferedImage image) {
        int side = image.getWidth();
        BufferedImage out = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, side, side);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.rotate(Math.toRadians(15), side / 2.0, side / 2.0);
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return out;
    }

    static BufferedImage recompressed(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.3f);
            writer.setOutput(stream);
            writer.write(null, new IIOImage(copy(image), null, null), param);
            stream.flush();
            return ImageIO.read(new ByteArrayInputStream(out.toByteArray()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } finally {
            writer.dispose();
        }
    }

    private static BufferedImage copy(BufferedImage image) {
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return rgb;
    }

    private static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
