package dev.wxacode.core.qr;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.ReaderException;
import com.google.zxing.ResultPoint;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.DetectorResult;
import com.google.zxing.qrcode.detector.Detector;
import com.google.zxing.qrcode.detector.FinderSearches;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link RunScanFinder} must keep exactly the candidates ZXing's own search keeps, and
 * {@link ReadBack#detectByRuns} hand on exactly what ZXing's {@link Detector} does.
 */
class RunScanFinderTest {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    final QrEncoder encoder = new QrEncoder();

    @Test
    void finds_what_zxing_finds_in_our_symbols_at_every_width() {
        Random random = new Random(7);
        Outcomes outcomes = new Outcomes();
        for (int i = 0; i < 1500; i++) {
            int width = 280 + random.nextInt(1001);
            outcomes.compare(ReadBack.pixels(encoder.encode(link(random)), width));
        }
        // The sample holds symbols ZXing misses as well as ones it reads: both paths are compared.
        assertThat(outcomes.notFound).isGreaterThan(0);
        assertThat(outcomes.found).isGreaterThan(1400);
    }

    @Test
    void finds_what_zxing_finds_where_zxing_finds_nothing() {
        String text = "HTTP://127.0.0.1:33525/L/HWEBUNNVYX2O3277LYAI3EEHTTNF334HXCJZGXUUXDJASPH6FULZKEMAZGFQEV37R5QYG";
        Outcomes outcomes = new Outcomes();
        outcomes.compare(ReadBack.pixels(encoder.encode(text), 430));
        assertThat(outcomes.notFound).isEqualTo(1);
    }

    @Test
    void finds_what_zxing_finds_in_damaged_and_random_pictures() {
        Random random = new Random(11);
        Outcomes outcomes = new Outcomes();
        for (int i = 0; i < 400; i++) {
            int width = 200 + random.nextInt(900);
            BitMatrix pixels = ReadBack.pixels(encoder.encode(link(random)), width);
            // Flip rectangles of odd sizes, so runs stop matching whole modules.
            for (int r = 1 + random.nextInt(12); r > 0; r--) {
                int w = 1 + random.nextInt(width / 6);
                int h = 1 + random.nextInt(width / 6);
                int left = random.nextInt(width - w);
                int top = random.nextInt(width - h);
                for (int y = top; y < top + h; y++) {
                    for (int x = left; x < left + w; x++) {
                        pixels.flip(x, y);
                    }
                }
            }
            outcomes.compare(pixels);
        }
        for (int i = 0; i < 100; i++) {
            int width = 64 + random.nextInt(400);
            BitMatrix noise = new BitMatrix(width);
            for (int y = 0; y < width; y++) {
                for (int x = 0; x < width; x++) {
                    if (random.nextInt(3) == 0) {
                        noise.set(x, y);
                    }
                }
            }
            outcomes.compare(noise);
        }
        assertThat(outcomes.found).isGreaterThan(0);
        assertThat(outcomes.notFound).isGreaterThan(0);
    }

    @Test
    void picks_the_same_three_when_a_picture_has_more_finder_patterns() {
        Random random = new Random(13);
        Outcomes outcomes = new Outcomes();
        for (int i = 0; i < 300; i++) {
            int width = 400 + random.nextInt(900);
            QrMatrix symbol = encoder.encode(link(random));
            int scale = Layout.of(symbol.size(), width).scale();
            BitMatrix pixels = ReadBack.pixels(symbol, width);
            for (int extra = 1 + random.nextInt(3); extra > 0; extra--) {
                int size = Math.max(1, scale + random.nextInt(3) - 1);
                // Some end at the right edge, where ZXing's row walk meets them only after the last pixel.
                int left = random.nextBoolean() ? width - 8 * size : random.nextInt(width - 9 * size);
                stampFinder(pixels, left, random.nextInt(width - 9 * size), size);
            }
            outcomes.compare(pixels);
        }
        assertThat(outcomes.found).isGreaterThan(0);
        assertThat(outcomes.notFound).isGreaterThan(0);
    }

    /** A finder pattern (dark 7×7 ring, light ring, dark 3×3 centre) with a light margin, {@code size} px per module. */
    private static void stampFinder(BitMatrix pixels, int left, int top, int size) {
        for (int my = 0; my < 9; my++) {
            for (int mx = 0; mx < 9; mx++) {
                int ring = Math.max(Math.abs(mx - 4), Math.abs(my - 4));
                boolean dark = ring != 2 && ring != 4;
                for (int y = top + my * size; y < top + (my + 1) * size; y++) {
                    for (int x = left + mx * size; x < Math.min(left + (mx + 1) * size, pixels.getWidth()); x++) {
                        if (dark) {
                            pixels.set(x, y);
                        } else {
                            pixels.unset(x, y);
                        }
                    }
                }
            }
        }
    }

    private static String link(Random random) {
        StringBuilder token = new StringBuilder("HTTPS://WXA.EXAMPLE.COM/L/");
        for (int c = 30 + random.nextInt(60); c > 0; c--) {
            token.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return token.toString();
    }

    private static final class Outcomes {
        int found;
        int notFound;

        void compare(BitMatrix pixels) {
            RunScanFinder finder = new RunScanFinder(pixels);
            assertThat(FinderSearches.describe(finder, finder::find)).isEqualTo(FinderSearches.zxing(pixels));
            String zxing = describe(() -> new Detector(pixels).detect());
            String ours = describe(() -> new ReadBack(pixels).detectByRuns());
            assertThat(ours).isEqualTo(zxing);
            if (zxing.startsWith("found")) {
                found++;
            } else {
                notFound++;
            }
        }

        /** Everything the detector hands on: the sampled modules and the points, or the failure. */
        private static String describe(Detection detection) {
            try {
                DetectorResult result = detection.run();
                StringBuilder text = new StringBuilder("found ");
                for (ResultPoint point : result.getPoints()) {
                    text.append(point.getX()).append(',').append(point.getY()).append(' ');
                }
                return text.append('\n').append(result.getBits()).toString();
            } catch (ReaderException e) {
                return e.getClass().getSimpleName();
            }
        }
    }

    private interface Detection {
        DetectorResult run() throws ReaderException;
    }
}
