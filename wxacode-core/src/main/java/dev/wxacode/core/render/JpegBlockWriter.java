package dev.wxacode.core.render;

import dev.wxacode.core.render.JpegBlocks.Block;
import java.util.Arrays;

/**
 * A baseline JPEG of any picture whose 8×8 blocks were coded beforehand ({@link #code}): writing
 * the file is then each block's DC difference and its AC bits copied, as {@link JpegEncoder} does
 * for two-colour codes. For pictures that repeat their blocks, such as a styled code whose modules
 * are all one drawn dot, and whose blocks the caller keeps. Same tables, headers and colour space
 * (YCbCr, no subsampling) as {@link JpegEncoder}. One writer per image; not thread-safe.
 */
public final class JpegBlockWriter {
    /**
     * Both chroma components of a grey block after a grey one: DC difference 0 and end of block,
     * twice, in one write (8 bits), as {@link JpegEncoder} writes the chroma of grey codes.
     */
    private static final long GREY_CHROMA;
    private static final int GREY_CHROMA_LENGTH;

    static {
        Block grey = JpegBlocks.code(JpegTable.CHROMA, flat(128));
        JpegBits bits = new JpegBits(2);
        for (int component = 0; component < 2; component++) {
            bits.put(JpegTable.CHROMA.dcDiffBits[JpegTable.DC_ZERO], JpegTable.CHROMA.dcDiffLengths[JpegTable.DC_ZERO]);
            bits.put(grey.acWords()[0], grey.acBits());
        }
        GREY_CHROMA = bits.words[0];
        GREY_CHROMA_LENGTH = bits.count;
    }

    private final int width;
    private final JpegBits out;
    private final int[] previousDc = new int[3];

    /** @param width the image's side in pixels; blocks come row by row, {@code ceil(width / 8)} to a row */
    public JpegBlockWriter(int width) {
        this.width = width;
        // A quarter byte per pixel, as JpegEncoder starts; a code with more detail grows it once.
        this.out = new JpegBits(width * width / 32 + 512);
    }

    /** The next block, left to right, top to bottom. */
    public void write(CodedBlock block) {
        long[] words = out.words;
        if ((out.count >>> 6) + JpegEncoder.MCU_WORDS > words.length) {
            words = Arrays.copyOf(words, words.length * 2);
            out.words = words;
        }
        out.count = put(words, out.count, 0, block.luma, JpegTable.LUMA);
        if (block.grey && previousDc[1] == 0 && previousDc[2] == 0) {
            out.count = JpegBits.put(words, out.count, GREY_CHROMA, GREY_CHROMA_LENGTH);
        } else {
            out.count = put(words, out.count, 1, block.blue, JpegTable.CHROMA);
            out.count = put(words, out.count, 2, block.red, JpegTable.CHROMA);
        }
    }

    private int put(long[] words, int count, int component, Block block, JpegTable table) {
        int diff = block.dc() - previousDc[component];
        previousDc[component] = block.dc();
        return JpegBits.put(words, count, table.dcDiffBits[JpegTable.DC_ZERO + diff], table.dcDiffLengths[JpegTable.DC_ZERO + diff],
                block.acWords(), block.acBits());
    }

    /** The whole file. */
    public byte[] finish() {
        return out.toJpeg(JpegEncoder.headers(width));
    }

    /**
     * Codes one block: its 64 pixels {@code 0xRRGGBB}, row by row, converted to YCbCr as
     * {@link JpegEncoder} converts its two colours.
     */
    public static CodedBlock code(int[] rgb) {
        double[] y = new double[64];
        double[] cb = new double[64];
        double[] cr = new double[64];
        boolean grey = true;
        for (int i = 0; i < 64; i++) {
            int r = rgb[i] >>> 16 & 0xFF;
            int g = rgb[i] >>> 8 & 0xFF;
            int b = rgb[i] & 0xFF;
            y[i] = 0.299 * r + 0.587 * g + 0.114 * b;
            cb[i] = -0.168736 * r - 0.331264 * g + 0.5 * b + 128;
            cr[i] = 0.5 * r - 0.418688 * g - 0.081312 * b + 128;
            grey &= r == g && g == b;
        }
        if (grey) {
            // The chroma of grey is 128 exactly: no rounding of the sums above may say otherwise.
            cb = flat(128);
            cr = cb;
        }
        return new CodedBlock(JpegBlocks.code(JpegTable.LUMA, y), JpegBlocks.code(JpegTable.CHROMA, cb),
                JpegBlocks.code(JpegTable.CHROMA, cr), grey);
    }

    private static double[] flat(double level) {
        double[] samples = new double[64];
        Arrays.fill(samples, level);
        return samples;
    }

    /** One 8×8 block, its three components transformed, quantised and AC-coded; immutable. */
    public static final class CodedBlock {
        private final Block luma;
        private final Block blue;
        private final Block red;
        /** Every pixel grey: both chroma components are flat at 128 (DC 0, no AC). */
        private final boolean grey;

        private CodedBlock(Block luma, Block blue, Block red, boolean grey) {
            this.luma = luma;
            this.blue = blue;
            this.red = red;
            this.grey = grey;
        }
    }
}
