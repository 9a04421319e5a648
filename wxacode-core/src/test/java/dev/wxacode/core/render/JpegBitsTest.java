package dev.wxacode.core.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JpegBitsTest {
    /** Appends bits one at a time: slow, and plainly right. */
    static final class Reference {
        final StringBuilder bits = new StringBuilder();

        void put(long value, int n) {
            for (int i = 0; i < n; i++) {
                bits.append(value << i < 0 ? '1' : '0');
            }
        }

        /** Padded with 1s to a byte, each 0xFF followed by 0x00 (T.81 F.1.2.3). */
        byte[] stuffed() {
            StringBuilder padded = new StringBuilder(bits);
            while (padded.length() % 8 != 0) {
                padded.append('1');
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int i = 0; i < padded.length(); i += 8) {
                int b = Integer.parseInt(padded.substring(i, i + 8), 2);
                out.write(b);
                if (b == 0xFF) {
                    out.write(0);
                }
            }
            return out.toByteArray();
        }
    }

    static byte[] withoutFraming(byte[] jpeg, int headers) {
        assertThat(jpeg[jpeg.length - 2]).isEqualTo((byte) 0xFF);
        assertThat(jpeg[jpeg.length - 1]).isEqualTo((byte) 0xD9);
        byte[] data = new byte[jpeg.length - headers - 2];
        System.arraycopy(jpeg, headers, data, 0, data.length);
        return data;
    }

    @Test
    void random_runs_of_bits_pack_and_stuff_as_one_bit_at_a_time_would() {
        Random random = new Random(3);
        for (int round = 0; round < 300; round++) {
            JpegBits bits = new JpegBits(1);
            Reference reference = new Reference();
            // Runs of 1s are frequent enough to make many 0xFF bytes, some of them adjacent.
            boolean ones = round % 3 == 0;
            int runs = random.nextInt(400);
            for (int i = 0; i < runs; i++) {
                int n = 1 + random.nextInt(64);
                long value = ones && random.nextBoolean() ? -1L : random.nextLong();
                value = n == 64 ? value : value & -1L << (64 - n);
                bits.put(value, n);
                reference.put(value, n);
            }
            byte[] headers = {1, 2, 3};
            assertThat(withoutFraming(bits.toJpeg(headers), headers.length)).as("round %d", round)
                    .isEqualTo(reference.stuffed());
        }
    }

    @Test
    void a_prefix_then_words_is_the_same_as_putting_them_in_turn() {
        Random random = new Random(5);
        for (int round = 0; round < 200; round++) {
            JpegBits block = new JpegBits(1);
            Reference reference = new Reference();
            int offset = random.nextInt(64);
            JpegBits image = new JpegBits(64);
            if (offset > 0) {
                long lead = random.nextLong() & -1L << (64 - offset);
                image.put(lead, offset);
                reference.put(lead, offset);
            }
            int p = 1 + random.nextInt(63);
            long prefix = random.nextLong() & -1L << (64 - p);
            reference.put(prefix, p);
            int n = random.nextInt(300);
            for (int left = n; left > 0; left -= 32) {
                int take = Math.min(32, left);
                int value = random.nextInt();
                block.putLow(value, take);
                reference.put((long) value << (64 - take), take);
            }
            image.count = JpegBits.put(image.words, image.count, prefix, p, block.words(), block.count);
            assertThat(image.count).isEqualTo(reference.bits.length());
            assertThat(withoutFraming(image.toJpeg(new byte[0]), 0)).as("round %d", round).isEqualTo(reference.stuffed());
        }
    }
}
