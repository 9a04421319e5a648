package dev.wxacode.core.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxacode.core.render.JpegBlocks.Block;
import dev.wxacode.core.render.JpegBlocks.Tone;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JpegBlocksTest {
    static final Tone BLACK_ON_WHITE = new Tone(JpegTable.LUMA, 255, 0);
    static final Tone BLUE_CB = new Tone(JpegTable.CHROMA, 128, 200);

    /** The quantised coefficients of the block, in natural order, by T.81 A.3.3's formula term by term. */
    static int[] naive(Tone tone, long mask) {
        int[] quantised = new int[64];
        for (int v = 0; v < 8; v++) {
            for (int u = 0; u < 8; u++) {
                double sum = 0;
                for (int y = 0; y < 8; y++) {
                    for (int x = 0; x < 8; x++) {
                        boolean ink = (mask >>> (63 - (8 * y + x)) & 1) != 0;
                        double sample = (ink ? tone.ink() : tone.background()) - 128;
                        sum += sample * Math.cos((2 * x + 1) * u * Math.PI / 16) * Math.cos((2 * y + 1) * v * Math.PI / 16);
                    }
                }
                double cu = u == 0 ? Math.sqrt(0.5) : 1;
                double cv = v == 0 ? Math.sqrt(0.5) : 1;
                quantised[v * 8 + u] = (int) Math.round(cu * cv / 4 * sum / tone.table().quantisation[v * 8 + u]);
            }
        }
        return quantised;
    }

    /** Bits the AC coefficients take with the table's codes (T.81 F.1.2.2), end of block included. */
    static int acBits(JpegTable table, int[] quantised) {
        int bits = 0;
        int run = 0;
        for (int k = 1; k < 64; k++) {
            int value = quantised[JpegTable.ZIGZAG[k]];
            if (value == 0) {
                run++;
                continue;
            }
            for (; run > 15; run -= 16) {
                bits += table.acLengths[0xF0];
            }
            int size = JpegTable.magnitudeBits(value);
            bits += table.acLengths[run << 4 | size] + size;
            run = 0;
        }
        return run > 0 ? bits + table.acLengths[0x00] : bits;
    }

    @Test
    void a_block_is_the_textbook_transform_of_its_pixels() {
        Random random = new Random(8);
        for (int i = 0; i < 300; i++) {
            // Module edges cut blocks in straight lines: a column split, a row split, or both.
            int column = random.nextInt(9);
            int row = random.nextInt(9);
            long rows = (0xFFL << (8 - column)) & 0xFF;
            long mask = 0;
            for (int y = 0; y < 8; y++) {
                mask = mask << 8 | (y < row ? rows : random.nextBoolean() ? 0xFF : 0);
            }
            if (i % 10 == 0) {
                mask = random.nextLong();
            }
            for (Tone tone : new Tone[] {BLACK_ON_WHITE, BLUE_CB}) {
                int[] expected = naive(tone, mask);
                Block block = JpegBlocks.code(tone, mask);
                assertThat(block.dc()).as("mask %016x", mask).isEqualTo(expected[0]);
                assertThat(block.acBits()).as("mask %016x", mask).isEqualTo(acBits(tone.table(), expected));
            }
        }
    }

    @Test
    void blocks_are_kept_up_to_the_bound_then_the_store_starts_again() {
        JpegBlocks blocks = new JpegBlocks(3);
        Map<Long, Block> shelf = blocks.shelf(BLACK_ON_WHITE);
        Block first = blocks.get(shelf, BLACK_ON_WHITE, 1);
        assertThat(blocks.get(shelf, BLACK_ON_WHITE, 1)).isSameAs(first);
        blocks.lookedUp(2);
        assertThat(blocks.found()).isEqualTo(1);
        assertThat(blocks.coded()).isEqualTo(1);
        blocks.get(shelf, BLACK_ON_WHITE, 2);
        blocks.get(shelf, BLACK_ON_WHITE, 3);
        assertThat(blocks.size()).isEqualTo(3);
        blocks.get(shelf, BLACK_ON_WHITE, 4);
        assertThat(blocks.size()).as("emptied at the fourth").isZero();
        Map<Long, Block> fresh = blocks.shelf(BLACK_ON_WHITE);
        assertThat(fresh).isEmpty();
        Block again = blocks.get(fresh, BLACK_ON_WHITE, 1);
        assertThat(again).isNotSameAs(first);
        assertThat(again.acWords()).containsExactly(first.acWords());
        assertThat(blocks.coded()).isEqualTo(5);
    }

    @Test
    void a_bound_of_zero_keeps_nothing() {
        JpegBlocks blocks = new JpegBlocks(0);
        Map<Long, Block> shelf = blocks.shelf(BLACK_ON_WHITE);
        blocks.get(shelf, BLACK_ON_WHITE, 7);
        blocks.get(shelf, BLACK_ON_WHITE, 7);
        blocks.lookedUp(2);
        assertThat(blocks.coded()).isEqualTo(2);
        assertThat(blocks.found()).isZero();
        assertThat(blocks.size()).isZero();
        assertThat(shelf).isEmpty();
    }
}
