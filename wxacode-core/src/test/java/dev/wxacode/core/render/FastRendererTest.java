package dev.wxacode.core.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.ReaderException;
import dev.wxacode.core.qr.Layout;
import dev.wxacode.core.qr.QrEncoder;
import dev.wxacode.core.qr.QrMatrix;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The fast path, held against the library path it replaces. */
class FastRendererTest extends RendererContract {
    private static final int[] WIDTHS = {280, 333, 430, 431, 640, 1001, 1280};
    private static final int[] COLOURS = {0x000000, 0x1AAD19, 0xC62828, 0x555555, 0x1E88E5};
    private final Renderer library = new ImageIoRenderer();

    @Override
    Renderer renderer() {
        return new FastRenderer();
    }

    @Test
    void the_kept_jpeg_blocks_change_no_byte_and_are_counted() {
        FastRenderer keeping = new FastRenderer();
        FastRenderer none = new FastRenderer(0);
        FastRenderer tiny = new FastRenderer(5);
        Random random = new Random(11);
        for (int i = 0; i < 12; i++) {
            String text = randomLink(random);
            RenderSpec spec = new RenderSpec(WIDTHS[i % WIDTHS.length], COLOURS[i % COLOURS.length], false);
            QrMatrix symbol = new QrEncoder().encodeFor(text, spec.width());
            byte[] kept = keeping.render(symbol, spec);
            assertThat(none.render(symbol, spec)).as(spec.toString()).isEqualTo(kept);
            assertThat(tiny.render(symbol, spec)).as(spec.toString()).isEqualTo(kept);
            assertThat(keeping.render(symbol, spec)).as("again, from the kept blocks").isEqualTo(kept);
        }
        assertThat(keeping.jpegBlocksKept()).isPositive().isLessThanOrEqualTo(FastRenderer.DEFAULT_JPEG_BLOCKS);
        assertThat(keeping.jpegBlocksFound()).as("the second drawing of each code").isPositive();
        assertThat(keeping.jpegBlocksCoded()).isEqualTo(keeping.jpegBlocksKept());
        assertThat(none.jpegBlocksKept()).isZero();
        assertThat(none.jpegBlocksFound()).isZero();
        assertThat(tiny.jpegBlocksKept()).isLessThanOrEqualTo(5);
        assertThat(none.jpegBlocksCoded()).isGreaterThan(keeping.jpegBlocksCoded());
    }

    @Test
    void random_codes_decode_and_match_the_library_path() throws ReaderException {
        Random random = new Random(6);
        for (int i = 0; i < 70; i++) {
            String text = randomLink(random);
            int width = WIDTHS[i % WIDTHS.length];
            RenderSpec spec = new RenderSpec(width, COLOURS[i % COLOURS.length], i % 3 == 0);
            QrMatrix symbol = new QrEncoder().encodeFor(text, width);
            byte[] fast = renderer.render(symbol, spec);
            String what = text + " " + spec;
            assertThat(ZxingDetector.read(fast)).as(what).isEqualTo(text);
            assertThat(reader.read(fast)).as(what).isEqualTo(text);
            BufferedImage ours = read(fast);
            BufferedImage theirs = read(library.render(symbol, spec));
            assertThat(ours.getWidth()).isEqualTo(width);
            assertThat(ours.getHeight()).isEqualTo(width);
            if (spec.transparent()) {
                for (int y = 0; y < width; y++) {
                    for (int x = 0; x < width; x++) {
                        assertThat(ours.getRGB(x, y)).as("%s at %d,%d", what, x, y).isEqualTo(theirs.getRGB(x, y));
                    }
                }
            } else {
                Layout layout = Layout.of(symbol.size(), width);
                for (int my = -1; my <= symbol.size(); my++) {
                    for (int mx = -1; mx <= symbol.size(); mx++) {
                        int centre = layout.scale() / 2;
                        int x = layout.offset() + mx * layout.scale() + centre;
                        int y = layout.offset() + my * layout.scale() + centre;
                        boolean dark = mx >= 0 && my >= 0 && mx < symbol.size() && my < symbol.size() && symbol.isDark(mx, my);
                        int ideal = dark ? spec.rgb() : 0xFFFFFF;
                        // Within 24 of the intended colour (22 seen on 7-pixel lines in colour), or no
                        // further off than ImageIO at that pixel (small modules ring in any JPEG).
                        assertThat(distance(ours.getRGB(x, y), ideal)).as("%s module %d,%d", what, mx, my)
                                .isLessThanOrEqualTo(Math.max(24, distance(theirs.getRGB(x, y), ideal)));
                    }
                }
                // Edges ring in any JPEG; ours may not ring much more than ImageIO's at the same quality.
                assertThat(meanError(ours, symbol, spec)).as(what).isLessThanOrEqualTo(meanError(theirs, symbol, spec) + 1.0);
            }
        }
    }

    @Test
    void jpegs_are_full_colour_even_for_black_modules() {
        QrMatrix symbol = new QrEncoder().encodeFor(TEXT, 430);
        assertThat(componentsOf(renderer.render(symbol, new RenderSpec(430, 0x000000, false)))).isEqualTo(3);
        assertThat(read(renderer.render(symbol, new RenderSpec(430, 0, false))).getType()).isEqualTo(BufferedImage.TYPE_3BYTE_BGR);
    }

    @Test
    void transparent_codes_are_one_bit_palette_pngs() {
        QrMatrix symbol = new QrEncoder().encodeFor(TEXT, 430);
        RenderSpec spec = new RenderSpec(430, 0x1E88E5, true);
        byte[] png = renderer.render(symbol, spec);
        assertThat(png[24]).as("bit depth").isEqualTo((byte) 1);
        assertThat(png[25]).as("colour type: palette").isEqualTo((byte) 3);
        assertThat(new String(png, 33 + 4, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PLTE");
        assertThat(png.length).isLessThan(library.render(symbol, spec).length / 4);
    }

    @Test
    void many_threads_get_the_bytes_one_thread_gets() throws Exception {
        List<RenderSpec> specs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            specs.add(new RenderSpec(WIDTHS[i % WIDTHS.length], 0x010203 * i, i % 4 == 0));
        }
        QrMatrix symbol = new QrEncoder().encode(TEXT);
        List<byte[]> alone = specs.stream().map(spec -> new FastRenderer().render(symbol, spec)).toList();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<byte[]>> together = new ArrayList<>();
            for (int round = 0; round < 4; round++) {
                for (RenderSpec spec : specs) {
                    together.add(pool.submit(() -> renderer.render(symbol, spec)));
                }
            }
            for (int i = 0; i < together.size(); i++) {
                assertThat(together.get(i).get()).isEqualTo(alone.get(i % specs.size()));
            }
        } finally {
            pool.shutdown();
        }
    }

    /** Mean absolute difference, over all pixels and channels, from the exact two-colour picture. */
    private static double meanError(BufferedImage image, QrMatrix symbol, RenderSpec spec) {
        Layout layout = Layout.of(symbol.size(), spec.width());
        long sum = 0;
        for (int y = 0; y < spec.width(); y++) {
            int my = layout.moduleAt(y);
            for (int x = 0; x < spec.width(); x++) {
                int mx = layout.moduleAt(x);
                int ideal = my >= 0 && mx >= 0 && symbol.isDark(mx, my) ? spec.rgb() : 0xFFFFFF;
                int actual = image.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    sum += Math.abs((actual >> shift & 0xFF) - (ideal >> shift & 0xFF));
                }
            }
        }
        return sum / (3.0 * spec.width() * spec.width());
    }

    /** The largest difference of the three channels. */
    private static int distance(int rgb, int other) {
        int most = 0;
        for (int shift = 0; shift <= 16; shift += 8) {
            most = Math.max(most, Math.abs((rgb >> shift & 0xFF) - (other >> shift & 0xFF)));
        }
        return most;
    }

    /** The component count in the JPEG's frame header (SOF0). */
    private static int componentsOf(byte[] jpeg) {
        for (int i = 2; i + 9 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xC0) {
                return jpeg[i + 9];
            }
        }
        throw new AssertionError("no SOF0");
    }

    private static BufferedImage read(byte[] image) {
        try {
            return ImageIO.read(new ByteArrayInputStream(image));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String randomLink(Random random) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        StringBuilder token = new StringBuilder();
        for (int c = 40 + random.nextInt(48); c > 0; c--) {
            token.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return "HTTP://127.0.0.1:" + (1024 + random.nextInt(60000)) + "/L/" + token;
    }
}
