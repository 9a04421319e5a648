package dev.wxacode.server.internal.code;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxacode.core.qr.QrEncoder;
import dev.wxacode.core.render.FastRenderer;
import dev.wxacode.core.render.RenderSpec;
import dev.wxacode.core.style.CodeStyle;
import dev.wxacode.core.style.FinderShape;
import dev.wxacode.core.style.Frame;
import dev.wxacode.core.style.ModuleShape;
import dev.wxacode.core.style.StyledCodes;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.OptionalInt;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An image's name (file name and ETag) is derived from its link and spec, not from its bytes, so it
 * stands for the bytes only while {@link CodeService#DRAWING_VERSION} names one drawing. These are
 * the images of that version, made the server's way: a change that draws any of them differently
 * fails here until the version is raised and the digests pinned anew. (A PNG's compressed bytes
 * also depend on the JDK's zlib, so across JDK builds a PNG name stands for the same pixels.)
 */
class DrawingVersionTest {
    private static final String LINK = "HTTP://127.0.0.1:8080/L/AEAQCAIBAEAQCAIBAEAQCAIBAEAQCAIBAEAQCAIB";

    @ParameterizedTest(name = "{0} px, {1}, transparent {2}")
    @CsvSource({
            "430, 000000, false, d9b68f918cc0fba7fe145864ef7b1860e6b59fea7c29ae5eac0175b1e397b116",
            "430, 1AAD19, true, de2666d0de5b56566865206b0e33e69cdaacd49c5ac98adcf0209db292a25389",
            "1280, 000000, false, fe5835c4e2775cc48afaf62526f07e1eb956395ae7fa6b39c51d61a2941723ab",
            "280, 8A2BE2, true, 342bdb7e67c36081d50c389e8883b1b8af7f3fe3ba0a81be2c1d739ffc8d221a",
    })
    void the_images_of_this_drawing_version_are_pinned(int width, String rgb, boolean transparent, String sha256)
            throws IOException {
        RenderSpec spec = new RenderSpec(width, Integer.parseInt(rgb, 16), transparent);
        byte[] image = new FastRenderer().render(new QrEncoder().encodeFor(LINK, width), spec);

        assertThat(CodeService.DRAWING_VERSION).isEqualTo(1);
        assertThat(transparent ? sha256(pixels(image)) : sha256(image))
                .as("this change draws differently: raise CodeService.DRAWING_VERSION and pin the new digests")
                .isEqualTo(sha256);
    }

    /**
     * The same for a styled drawing and {@link CodeService#STYLED_DRAWING_VERSION}: a transparent
     * PNG's pixels and an opaque JPEG's bytes. Java2D's antialiasing is the JDK's, so another JDK
     * may pin other digests.
     */
    @Test
    void the_styled_images_of_this_drawing_version_are_pinned() throws IOException {
        CodeStyle style = CodeStyle.PLAIN.withModules(ModuleShape.DOT).withFinders(FinderShape.CIRCLE).withFrame(Frame.ROUND)
                .withFinderRgb(OptionalInt.of(0x07C160));
        byte[] png = new StyledCodes().render(LINK, new RenderSpec(430, 0x1AAD19, true), style);
        byte[] jpeg = new StyledCodes().render(LINK, new RenderSpec(430, 0x1AAD19, false), style);

        assertThat(CodeService.STYLED_DRAWING_VERSION).isEqualTo(2);
        String raise = "this change draws styles differently: raise CodeService.STYLED_DRAWING_VERSION and pin the new digests";
        assertThat(sha256(pixels(png))).as(raise).isEqualTo("3b1a97f0253cd215810bc2073132f647e7309a7eb83551aea9f5b7d9aed5446b");
        assertThat(sha256(jpeg)).as(raise).isEqualTo("9213a6c4650026738e7f74dbb0d82f7acf192ad1784308c65c8a8401e3630022");
    }

    @ParameterizedTest(name = "{0} px")
    @CsvSource({"430", "1280"})
    void the_name_changes_with_every_part_of_the_spec_link_and_style(int width) {
        RenderSpec spec = new RenderSpec(width, 0, false);
        String name = CodeService.name(LINK, spec, CodeStyle.PLAIN);

        assertThat(name).matches("[0-9a-f]{32}").isEqualTo(CodeService.name(LINK, new RenderSpec(width, 0, false), CodeStyle.PLAIN));
        assertThat(CodeService.name(LINK, new RenderSpec(width + 1, 0, false), CodeStyle.PLAIN)).isNotEqualTo(name);
        assertThat(CodeService.name(LINK, new RenderSpec(width, 1, false), CodeStyle.PLAIN)).isNotEqualTo(name);
        assertThat(CodeService.name(LINK, new RenderSpec(width, 0, true), CodeStyle.PLAIN)).isNotEqualTo(name);
        assertThat(CodeService.name(LINK.replace('A', 'B'), spec, CodeStyle.PLAIN)).isNotEqualTo(name);
        CodeStyle dots = CodeStyle.PLAIN.withModules(ModuleShape.DOT);
        assertThat(CodeService.name(LINK, spec, dots)).isNotEqualTo(name)
                .isNotEqualTo(CodeService.name(LINK, spec, dots.withFrame(Frame.ROUND)))
                .isNotEqualTo(CodeService.name(LINK, spec, dots.withFinderRgb(OptionalInt.of(0x07C160))));
    }

    /**
     * A PNG's pixels, ARGB row by row: its compressed bytes are the JDK's zlib's, which differs
     * between builds of the same Java version, while what it draws does not.
     */
    private static byte[] pixels(byte[] png) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        ByteBuffer argb = ByteBuffer.allocate(image.getWidth() * image.getHeight() * 4);
        argb.asIntBuffer().put(image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth()));
        return argb.array();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
