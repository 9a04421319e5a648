package dev.wxacode.core.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wxacode.core.qr.Layout;
import dev.wxacode.core.qr.QrEncoder;
import dev.wxacode.core.qr.QrMatrix;
import dev.wxacode.core.scan.CodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What every renderer must do; run against each one by its subclasses. */
abstract class RendererContract {
    static final String TEXT = "HTTP://127.0.0.1:8080/L/CEAQEAYEAUDAOCAJAIFAYDIOB4IBCEQTCQKRMFYYDENBWHA3DQ";
    final QrMatrix modules = new QrEncoder().encodeFor(TEXT, 430);
    final Renderer renderer = renderer();
    final CodeReader reader = new CodeReader(20_000_000);

    abstract Renderer renderer();

    @ParameterizedTest
    @ValueSource(ints = {280, 281, 430, 431, 640, 1279, 1280})
    void jpeg_is_exactly_width_square_and_decodes(int width) throws IOException {
        byte[] jpeg = renderer.render(new QrEncoder().encodeFor(TEXT, width), new RenderSpec(width, 0x000000, false));
        assertThat(jpeg).startsWith(0xFF, 0xD8, 0xFF);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
        assertThat(image.getWidth()).isEqualTo(width);
        assertThat(image.getHeight()).isEqualTo(width);
        assertThat(reader.read(jpeg)).isEqualTo(TEXT);
    }

    @ParameterizedTest
    @ValueSource(ints = {280, 430, 1280})
    void hyaline_png_has_a_truly_transparent_background_and_opaque_modules(int width) throws IOException {
        byte[] png = renderer.render(new QrEncoder().encodeFor(TEXT, width), new RenderSpec(width, 0x1E88E5, true));
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(width);
        assertThat(image.getHeight()).isEqualTo(width);
        assertThat(image.getColorModel().hasAlpha()).isTrue();
        assertThat(image.getRGB(0, 0) >>> 24).as("corner alpha").isZero();
        assertThat(image.getRGB(width - 1, width - 1) >>> 24).isZero();
        int[] finder = finderCentre(width);
        assertThat(image.getRGB(finder[0], finder[1])).isEqualTo(0xFF1E88E5);
        assertThat(reader.read(png)).isEqualTo(TEXT);
    }

    @Test
    void modules_carry_the_line_colour_and_the_background_is_white() throws IOException {
        int width = 430;
        byte[] jpeg = renderer.render(modules, new RenderSpec(width, 0xC62828, false));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
        int[] finder = finderCentre(width);
        assertClose(image.getRGB(finder[0], finder[1]), 0xC62828);
        assertClose(image.getRGB(2, 2), 0xFFFFFF);
        assertThat(reader.read(jpeg)).isEqualTo(TEXT);
    }

    @Test
    void the_same_input_gives_the_same_bytes() {
        RenderSpec spec = new RenderSpec(430, 0, false);
        assertThat(renderer.render(modules, spec)).isEqualTo(renderer.render(modules, spec));
        RenderSpec png = new RenderSpec(430, 0, true);
        assertThat(renderer.render(modules, png)).isEqualTo(renderer.render(modules, png));
    }

    @Test
    void a_symbol_larger_than_the_image_is_refused() {
        assertThatThrownBy(() -> renderer.render(modules, new RenderSpec(modules.size(), 0, false)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Centre pixel of the top-left finder's 3×3 core: always dark, in every QR code. */
    int[] finderCentre(int width) {
        Layout layout = Layout.of(modules.size(), width);
        int centre = layout.offset() + 3 * layout.scale() + layout.scale() / 2;
        return new int[] {centre, centre};
    }

    static void assertClose(int actualRgb, int expectedRgb) {
        for (int shift = 0; shift <= 16; shift += 8) {
            int actual = (actualRgb >> shift) & 0xFF;
            int expected = (expectedRgb >> shift) & 0xFF;
            assertThat(Math.abs(actual - expected)).as("channel at bit %d of %06x vs %06x", shift,
                    actualRgb & 0xFFFFFF, expectedRgb).isLessThanOrEqualTo(12);
        }
    }
}
