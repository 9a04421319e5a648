package dev.wxacode.core.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.NotFoundException;
import com.google.zxing.ReaderException;
import dev.wxacode.core.qr.QrEncoder;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReadBackTest {
    final QrEncoder encoder = new QrEncoder();
    final Renderer renderer = new FastRenderer();

    /**
     * A link found among random ones: with the standard's mask, a run of its data modules misleads
     * ZXing's finder-pattern search at 430 px, so a plain reader finds no code in a perfect image.
     */
    @Test
    void a_symbol_that_zxing_cannot_find_at_its_size_gets_another_mask() throws ReaderException {
        String text = "HTTP://127.0.0.1:33525/L/HWEBUNNVYX2O3277LYAI3EEHTTNF334HXCJZGXUUXDJASPH6FULZKEMAZGFQEV37R5QYG";
        RenderSpec spec = new RenderSpec(430, 0, true);
        byte[] standard = renderer.render(encoder.encode(text), spec);
        assertThatThrownBy(() -> ZxingDetector.read(standard)).isInstanceOf(NotFoundException.class);
        byte[] guarded = renderer.render(encoder.encodeFor(text, 430), spec);
        assertThat(ZxingDetector.read(guarded)).isEqualTo(text);
    }

    @Test
    void random_links_read_back_with_a_plain_reader_at_every_size() throws ReaderException {
        Random random = new Random(20261125);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        int[] widths = {280, 430, 777, 1280};
        for (int i = 0; i < 200; i++) {
            StringBuilder token = new StringBuilder();
            for (int c = 40 + random.nextInt(48); c > 0; c--) {
                token.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = "HTTP://127.0.0.1:" + (1024 + random.nextInt(60000)) + "/L/" + token;
            int width = widths[i % widths.length];
            byte[] image = renderer.render(encoder.encodeFor(text, width), new RenderSpec(width, 0, i % 2 == 0));
            assertThat(ZxingDetector.read(image)).as("%s at %d px", text, width).isEqualTo(text);
        }
    }
}
