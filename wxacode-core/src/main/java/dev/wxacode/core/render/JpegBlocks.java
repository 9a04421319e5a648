package dev.wxacode.core.render;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The coded 8×8 blocks a {@link JpegEncoder} has met, by colour pair and table ({@link Tone}) and
 * mask, shared by every image it encodes. At most {@code maxBlocks} are kept: past that the whole
 * store is emptied, which only costs coding blocks again (a few thousand cover every width in one
 * colour; a burst of new colours is what fills it). Counted for the server's metrics.
 */
final class JpegBlocks {
    /** cos((2x + 1)uπ/16) by [x][u], times the DCT's C(u)/2 factor. */
    private static final double[][] BASIS = new double[8][8];
    /** One 8-pixel row pattern (a byte of the bitmap) through the 1-D DCT: by [pattern][u]. */
    private static final double[][] ROW_DCT = new double[256][8];

    static {
        for (int x = 0; x < 8; x++) {
            for (int u = 0; u < 8; u++) {
                double c = u == 0 ? Math.sqrt(0.5) : 1.0;
                BASIS[x][u] = c / 2 * Math.cos((2 * x + 1) * u * Math.PI / 16);
            }
        }
        for (int pattern = 0; pattern < 256; pattern++) {
            for (int u = 0; u < 8; u++) {
                double sum = 0;
                for (int x = 0; x < 8; x++) {
                    if ((pattern & (0x80 >>> x)) != 0) {
                        sum += BASIS[x][u];
                    }
                }
                ROW_DCT[pattern][u] = sum;
            }
        }
    }

    /**
     * Odd, so multiplying a mask by it loses nothing, and spreads every bit of the mask upwards.
     * {@code Long.hashCode} folds a mask's halves together: every block cut only by vertical
     * module edges has equal halves, and would hash to 0.
     */
    static final long SPREAD = 0x9E3779B97F4A7C15L;

    /** One component's levels on the background (mask 0) and on modules (mask 1), and its table. */
    record Tone(JpegTable table, double background, double ink) {
    }

    /** A block's quantised DC and its AC coefficients already Huffman-coded, left-aligned in 64-bit words. */
    record Block(int dc, long[] acWords, int acBits) {
    }

    private final Map<Tone, Map<Long, Block>> blocks = new ConcurrentHashMap<>();
    private final int maxBlocks;
    private final AtomicInteger kept = new AtomicInteger();
    private final LongAdder lookedUp = new LongAdder();
    private final LongAdder coded = new LongAdder();

    /** @param maxBlocks blocks kept at most; 0 keeps none beyond each image's own */
    JpegBlocks(int maxBlocks) {
        if (maxBlocks < 0) {
            throw new IllegalArgumentException("maxBlocks " + maxBlocks);
        }
        this.maxBlocks = maxBlocks;
    }

    /** The blocks of one tone, for a coder to look up without finding its tone each time. */
    Map<Long, Block> shelf(Tone tone) {
        return blocks.computeIfAbsent(tone, t -> new ConcurrentHashMap<>());
    }

    /** The block for {@code mask} from {@code shelf} (from {@link #shelf} for {@code tone}), coded now if it is not there. */
    Block get(Map<Long, Block> shelf, Tone tone, long mask) {
        Long key = mask * SPREAD;
        Block block = shelf.get(key);
        if (block != null) {
            return block;
        }
        coded.increment();
        block = code(tone, mask);
        if (maxBlocks > 0) {
            if (kept.incrementAndGet() > maxBlocks) {
                blocks.clear();
                kept.set(0);
            }
            shelf.put(key, block);
        }
        return block;
    }

    /** Blocks kept now. */
    int size() {
        return Math.min(kept.get(), maxBlocks);
    }

    /**
     * Counts {@code n} calls of {@link #get}, once per image: a counter touched at every call
     * would cost more than the look-ups it counts.
     */
    void lookedUp(int n) {
        lookedUp.add(n);
    }

    /** Look-ups that found their block kept (an image's are counted as it ends). */
    long found() {
        return Math.max(0, lookedUp.sum() - coded.sum());
    }

    /** Blocks coded because they were not kept. */
    long coded() {
        return coded.sum();
    }

    /** Transforms, quantises and AC-codes the block whose pixels are {@code tone.ink} where {@code mask} has a 1. */
    static Block code(Tone tone, long mask) {
        // 2-D DCT of the 0/1 mask, rows through the pattern table, then columns.
        double[][] rows = new double[8][];
        for (int y = 0; y < 8; y++) {
            rows[y] = ROW_DCT[(int) (mask >>> (56 - 8 * y)) & 0xFF];
        }
        double contrast = tone.ink() - tone.background();
        double[] coefficients = new double[64];
        for (int v = 0; v < 8; v++) {
            for (int u = 0; u < 8; u++) {
                double sum = 0;
                for (int y = 0; y < 8; y++) {
                    sum += rows[y][u] * BASIS[y][v];
                }
                coefficients[v * 8 + u] = contrast * sum;
            }
        }
        coefficients[0] += 8 * (tone.background() - 128); // level shift of the flat background
        return quantised(tone.table(), coefficients);
    }

    /**
     * Transforms, quantises and AC-codes any block: {@code samples} are one component's 64 levels,
     * 0 to 255, row by row.
     */
    static Block code(JpegTable table, double[] samples) {
        double[] coefficients = new double[64];
        for (int v = 0; v < 8; v++) {
            for (int u = 0; u < 8; u++) {
                double sum = 0;
                for (int y = 0; y < 8; y++) {
                    double row = 0;
                    for (int x = 0; x < 8; x++) {
                        row += (samples[y * 8 + x] - 128) * BASIS[x][u];
                    }
                    sum += row * BASIS[y][v];
                }
                coefficients[v * 8 + u] = sum;
            }
        }
        return quantised(table, coefficients);
    }

    /** Quantises DCT coefficients (by [v][u], row-major) and Huffman-codes the AC ones. */
    private static Block quantised(JpegTable table, double[] coefficients) {
        int[] quantised = new int[64];
        for (int at = 0; at < 64; at++) {
            quantised[at] = (int) Math.round(coefficients[at] / table.quantisation[at]);
        }
        JpegBits ac = new JpegBits(2);
        int run = 0;
        for (int k = 1; k < 64; k++) {
            int value = quantised[JpegTable.ZIGZAG[k]];
            if (value == 0) {
                run++;
                continue;
            }
            for (; run > 15; run -= 16) {
                ac.putLow(table.acCodes[0xF0], table.acLengths[0xF0]); // sixteen zeros
            }
            int size = JpegTable.magnitudeBits(value);
            int symbol = run << 4 | size;
            ac.putLow(table.acCodes[symbol], table.acLengths[symbol]);
            ac.putLow(value < 0 ? value - 1 : value, size);
            run = 0;
        }
        if (run > 0) {
            ac.putLow(table.acCodes[0x00], table.acLengths[0x00]); // end of block
        }
        return new Block(quantised[0], ac.words(), ac.count);
    }
}
