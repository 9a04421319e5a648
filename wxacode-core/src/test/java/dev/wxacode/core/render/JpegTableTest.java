package dev.wxacode.core.render;

import static org.assertj.core.api.Assertions.assertThat;

import javax.imageio.plugins.jpeg.JPEGQTable;
import org.junit.jupiter.api.Test;

class JpegTableTest {
    /** The top {@code length} bits of a left-aligned code, as 0s and 1s. */
    static String bits(long code, int length) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append(code << i < 0 ? '1' : '0');
        }
        return out.toString();
    }

    @Test
    void huffman_codes_are_those_of_t81_annex_k() {
        JpegTable luma = JpegTable.LUMA;
        // K.5: end of block 1010, sixteen zeros 11111111001, run 0 size 1 00, run 0 size 2 01.
        assertThat(bits((long) luma.acCodes[0x00] << (64 - luma.acLengths[0x00]), luma.acLengths[0x00])).isEqualTo("1010");
        assertThat(bits((long) luma.acCodes[0xF0] << (64 - luma.acLengths[0xF0]), luma.acLengths[0xF0])).isEqualTo("11111111001");
        assertThat(bits((long) luma.acCodes[0x01] << (64 - luma.acLengths[0x01]), luma.acLengths[0x01])).isEqualTo("00");
        assertThat(bits((long) luma.acCodes[0x02] << (64 - luma.acLengths[0x02]), luma.acLengths[0x02])).isEqualTo("01");
        // K.3: DC size 0 is 00, size 1 is 010; then the magnitude bits (F.1.2.1: negative values one less).
        assertThat(dc(luma, 0)).isEqualTo("00");
        assertThat(dc(luma, 1)).isEqualTo("0101");
        assertThat(dc(luma, -1)).isEqualTo("0100");
        assertThat(dc(luma, 3)).isEqualTo("01111");
        assertThat(dc(luma, -3)).isEqualTo("01100");
        // K.4, chroma: DC size 0 is 00, size 1 is 01.
        assertThat(dc(JpegTable.CHROMA, 1)).isEqualTo("011");
    }

    static String dc(JpegTable table, int diff) {
        int at = JpegTable.DC_ZERO + diff;
        return bits(table.dcDiffBits[at], table.dcDiffLengths[at]);
    }

    @Test
    void quantisation_is_the_standard_table_scaled_as_the_library_path_scales_it() {
        // ImageIO's quality q (above 0.5) scales the standard tables by 2 - 2q, entries rounded and kept in 1-255.
        float scale = 2 - 2 * ImageIoRenderer.JPEG_QUALITY;
        int[] luma = JPEGQTable.K1Luminance.getScaledInstance(scale, true).getTable();
        int[] chroma = JPEGQTable.K2Chrominance.getScaledInstance(scale, true).getTable();
        assertThat(JpegTable.LUMA.quantisation).containsExactly(luma);
        assertThat(JpegTable.CHROMA.quantisation).containsExactly(chroma);
    }

    @Test
    void magnitude_bits_are_the_size_category() {
        assertThat(JpegTable.magnitudeBits(0)).isZero();
        assertThat(JpegTable.magnitudeBits(1)).isEqualTo(1);
        assertThat(JpegTable.magnitudeBits(-1)).isEqualTo(1);
        assertThat(JpegTable.magnitudeBits(2047)).isEqualTo(11);
        assertThat(JpegTable.magnitudeBits(-1024)).isEqualTo(11);
    }
}
