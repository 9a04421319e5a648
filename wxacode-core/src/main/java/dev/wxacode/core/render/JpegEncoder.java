package dev.wxacode.core.render;

import java.io.ByteArrayOutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.plugins.jpeg.JPEGHuffmanTable;
import javax.imageio.plugins.jpeg.JPEGQTable;

/**
 * A baseline JPEG encoder for images of exactly two colours, such as a QR code.
 *
 * <p>Every 8×8 block of such an image is one of the two colours where a 64-bit mask has a 1, the
 * other elsewhere, and a code has few distinct masks: its modules are whole, equal squares, so a
 * block cuts at most a couple of module edges at a few offsets. The DCT is linear, so a block's
 * quantised coefficients, and with the standard Huffman tables even its entropy-coded AC bits,
 * depend only on the mask and the two colours. They are computed once per (colour, mask) and
 * kept; encoding an image is then gathering masks, coding each block's DC difference and copying
 * bits. Everything else is plain baseline JPEG (ITU T.81): the standard tables (K.1, K.2, K.3)
 * scaled to ImageIO's quality {@link ImageIoRenderer#JPEG_QUALITY}, so the picture matches the
 * library path's.
 *
 * <p>Always YCbCr without chroma subsampling, so coloured module edges stay as sharp as black ones.
 * Not greyscale even for black: Java reads a one-component JPEG as linear grey, which shows the
 * faint ringing next to module edges as mid grey. For grey modules the chroma blocks are flat,
 * and cost four bits each.
 */
final class JpegEncoder {
    private static final int[] ZIGZAG = {
        0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5,
        12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
        35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51,
        58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63};
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

    /** Index of DC difference 0: eight-bit samples keep quantised DC, and so differences, within ±2047 (11 bits). */
    private static final int DC_ZERO = 2047;
    private static final Table LUMA = new Table(0, JPEGQTable.K1Luminance,
            JPEGHuffmanTable.StdDCLuminance, JPEGHuffmanTable.StdACLuminance);
    private static final Table CHROMA = new Table(1, JPEGQTable.K2Chrominance,
            JPEGHuffmanTable.StdDCChrominance, JPEGHuffmanTable.StdACChrominance);

    /**
     * Coded blocks by colour pair and table, keyed by {@link #SPREAD} times the mask. Bounded: a
     * burst of new colours empties it, which only costs recomputing blocks. A few thousand blocks
     * cover every width in one colour.
     */
    private static final Map<Tone, Map<Long, Block>> BLOCKS = new ConcurrentHashMap<>();
    private static final AtomicInteger CACHED = new AtomicInteger();
    private static final int MAX_CACHED = 200_000;
    /**
     * Odd, so multiplying a mask by it loses nothing, and spreads every bit of the mask upwards.
     * {@code Long.hashCode} folds a mask's halves together: every block cut only by vertical
     * module edges has equal halves, and would hash to 0.
     */
    private static final long SPREAD = 0x9E3779B97F4A7C15L;

    /**
     * Words one MCU can take, and then some: a block has at most 63 AC codes of 16 + 10 bits
     * and a DC code of 22 (under 28 words), and {@link Bits} stores a word past its end.
     */
    private static final int MCU_WORDS = 3 * 30;

    private JpegEncoder() {
    }

    static byte[] encode(Bitmap bitmap, int rgb) {
        int r = rgb >>> 16 & 0xFF;
        int g = rgb >>> 8 & 0xFF;
        int b = rgb & 0xFF;
        // White is 255, 128, 128 in YCbCr.
        Tone[] tones = {
            new Tone(LUMA, 255, 0.299 * r + 0.587 * g + 0.114 * b),
            new Tone(CHROMA, 128, -0.168736 * r - 0.331264 * g + 0.5 * b + 128),
            new Tone(CHROMA, 128, 0.5 * r - 0.418688 * g - 0.081312 * b + 128)};
        int width = bitmap.width();
        Coder luma = new Coder(tones[0]);
        Coder cb = new Coder(tones[1]);
        Coder cr = new Coder(tones[2]);
        // Grey ink: both chroma blocks of every MCU are the light block, so once the first MCU has
        // set their DC predictors they code as the same few bits each time, written in one go.
        boolean chromaFlat = cb.flat && cr.flat;
        long chromaSteady = cb.steady | cr.steady >>> cb.steadyLength;
        int chromaSteadyLength = cb.steadyLength + cr.steadyLength;
        int blocks = (width + 7) / 8;
        // A quarter byte per pixel: black codes of 430 px and more fit without growing.
        Bits out = new Bits(width * width / 32 + 512);
        byte[] blank = new byte[bitmap.stride()];
        long[] masks = new long[blocks];
        for (int by = 0; by < blocks; by++) {
            // Rows past the edge repeat the light quiet zone.
            for (int i = 0; i < 8; i++) {
                int y = by * 8 + i;
                byte[] row = y < width ? bitmap.row(y) : blank;
                for (int bx = 0; bx < blocks; bx++) {
                    masks[bx] = masks[bx] << 8 | row[bx] & 0xFF;
                }
            }
            // The bit count and array in locals, not fields: registers across the whole row.
            long[] words = out.words;
            int count = out.count;
            for (int bx = 0; bx < blocks; bx++) {
                if ((count >>> 6) + MCU_WORDS > words.length) {
                    words = Arrays.copyOf(words, words.length * 2);
                }
                long mask = masks[bx];
                count = luma.write(words, count, mask);
                if (chromaFlat && (bx | by) != 0) {
                    count = Bits.put(words, count, chromaSteady, chromaSteadyLength);
                } else {
                    count = cb.write(words, count, mask);
                    count = cr.write(words, count, mask);
                }
            }
            out.words = words;
            out.count = count;
        }
        return out.toJpeg(headers(width));
    }

    /** Everything before the entropy-coded data: SOI, JFIF, tables, frame and scan headers. */
    private static byte[] headers(int width) {
        int components = 3;
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        out.write(0xFF);
        out.write(0xD8); // SOI
        segment(out, 0xE0, new byte[] {'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0});
        byte[] dqt = new byte[2 * 65];
        LUMA.putQuantisation(dqt, 0);
        CHROMA.putQuantisation(dqt, 65);
        segment(out, 0xDB, dqt);
        byte[] sof = new byte[6 + 3 * components];
        sof[0] = 8; // bits per sample
        sof[1] = (byte) (width >>> 8);
        sof[2] = (byte) width;
        sof[3] = (byte) (width >>> 8);
        sof[4] = (byte) width;
        sof[5] = (byte) components;
        for (int c = 0; c < components; c++) {
            sof[6 + 3 * c] = (byte) (c + 1);
            sof[7 + 3 * c] = 0x11; // no subsampling
            sof[8 + 3 * c] = (byte) (c == 0 ? 0 : 1);
        }
        segment(out, 0xC0, sof);
        segment(out, 0xC4, concat(LUMA.huffmanSegment(), CHROMA.huffmanSegment()));
        byte[] sos = new byte[4 + 2 * components];
        sos[0] = (byte) components;
        for (int c = 0; c < components; c++) {
            sos[1 + 2 * c] = (byte) (c + 1);
            sos[2 + 2 * c] = (byte) (c == 0 ? 0x00 : 0x11);
        }
        sos[2 + 2 * components] = 63; // spectral selection 0..63, no successive approximation
        segment(out, 0xDA, sos);
        return out.toByteArray();
    }

    private static void segment(ByteArrayOutputStream out, int marker, byte[] payload) {
        out.write(0xFF);
        out.write(marker);
        out.write((payload.length + 2) >>> 8);
        out.write(payload.length + 2);
        out.writeBytes(payload);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    /** One component's levels on the background (mask 0) and on modules (mask 1), and its table. */
    private record Tone(Table table, double background, double ink) {
    }

    /** A block's quantised DC and its AC coefficients already Huffman-coded, left-aligned in 64-bit words. */
    private record Block(int dc, long[] acWords, int acBits) {
    }

    /** Codes one component of an image: keeps the DC predictor, looks blocks up by mask. */
    private static final class Coder {
        private final Tone tone;
        private final Map<Long, Block> blocks;
        private final long[] dcBits;
        private final int[] dcLengths;
        private final Block light;
        private final Block dark;
        /** Both colours have this component's level (the chroma of grey): every block is the same. */
        final boolean flat;
        /**
         * A flat component's bits for every block after the first: DC difference 0, then the light
         * block's AC bits, only the end-of-block code since a uniform block has no AC coefficients.
         */
        final long steady;
        final int steadyLength;
        private long[] localKeys = new long[1024];
        private Block[] localBlocks = new Block[1024];
        private int localCount;
        private int previousDc;

        Coder(Tone tone) {
            this.tone = tone;
            this.blocks = BLOCKS.computeIfAbsent(tone, t -> new ConcurrentHashMap<>());
            this.dcBits = tone.table().dcDiffBits;
            this.dcLengths = tone.table().dcDiffLengths;
            this.light = cached(0);
            this.dark = cached(-1);
            this.flat = tone.ink() == tone.background();
            this.steady = dcBits[DC_ZERO] | light.acWords()[0] >>> dcLengths[DC_ZERO];
            this.steadyLength = dcLengths[DC_ZERO] + light.acBits();
        }

        /** Codes the block into {@code words}, which has room, after bit {@code count}: the new count. */
        int write(long[] words, int count, long mask) {
            Block block = mask == 0 || flat ? light : mask == -1 ? dark : cached(mask);
            int diff = block.dc() - previousDc;
            previousDc = block.dc();
            return Bits.put(words, count, dcBits[DC_ZERO + diff], dcLengths[DC_ZERO + diff],
                    block.acWords(), block.acBits());
        }

        /** This image's blocks first (open addressing, no boxing), then the shared table. */
        private Block cached(long mask) {
            int slot = slot(mask);
            Block block = localBlocks[slot];
            return block != null ? block : miss(mask, slot);
        }

        /** Apart from {@link #cached}, to keep the code inlined into the block loop small. */
        private Block miss(long mask, int slot) {
            Long key = mask * SPREAD;
            Block block = blocks.get(key);
            if (block == null) {
                block = block(tone, mask);
                if (CACHED.incrementAndGet() > MAX_CACHED) {
                    BLOCKS.clear();
                    CACHED.set(0);
                }
                blocks.put(key, block);
            }
            localKeys[slot] = mask;
            localBlocks[slot] = block;
            if (++localCount * 2 > localKeys.length) {
                growLocal();
            }
            return block;
        }

        private int slot(long mask) {
            int slots = localKeys.length - 1;
            int slot = (int) (mask * SPREAD >>> 40) & slots;
            while (localBlocks[slot] != null && localKeys[slot] != mask) {
                slot = slot + 1 & slots;
            }
            return slot;
        }

        private void growLocal() {
            long[] keys = localKeys;
            Block[] values = localBlocks;
            localKeys = new long[keys.length * 2];
            localBlocks = new Block[keys.length * 2];
            for (int i = 0; i < keys.length; i++) {
                if (values[i] != null) {
                    int slot = slot(keys[i]);
                    localKeys[slot] = keys[i];
                    localBlocks[slot] = values[i];
                }
            }
        }
    }

    /** Transforms, quantises and AC-codes the block whose pixels are {@code tone.ink} where {@code mask} has a 1. */
    private static Block block(Tone tone, long mask) {
        // 2-D DCT of the 0/1 mask, rows through the pattern table, then columns.
        double[][] rows = new double[8][];
        for (int y = 0; y < 8; y++) {
            rows[y] = ROW_DCT[(int) (mask >>> (56 - 8 * y)) & 0xFF];
        }
        Table table = tone.table();
        double contrast = tone.ink() - tone.background();
        int[] quantised = new int[64];
        for (int v = 0; v < 8; v++) {
            for (int u = 0; u < 8; u++) {
                double sum = 0;
                for (int y = 0; y < 8; y++) {
                    sum += rows[y][u] * BASIS[y][v];
                }
                double coefficient = contrast * sum;
                if (u == 0 && v == 0) {
                    coefficient += 8 * (tone.background() - 128); // level shift of the flat background
                }
                int at = v * 8 + u;
                quantised[at] = (int) Math.round(coefficient / table.quantisation[at]);
            }
        }
        Bits ac = new Bits(2);
        int run = 0;
        for (int k = 1; k < 64; k++) {
            int value = quantised[ZIGZAG[k]];
            if (value == 0) {
                run++;
                continue;
            }
            for (; run > 15; run -= 16) {
                ac.putLow(table.acCodes[0xF0], table.acLengths[0xF0]); // sixteen zeros
            }
            int size = magnitudeBits(value);
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

    /** The JPEG "size" category: bits needed for |value|. */
    private static int magnitudeBits(int value) {
        return 32 - Integer.numberOfLeadingZeros(Math.abs(value));
    }

    /** Quantisation and Huffman tables of one table slot, codes derived as in T.81 Annex C. */
    private static final class Table {
        final int id;
        final int[] quantisation = new int[64];
        /**
         * The code of a DC difference's size followed by its magnitude bits, left-aligned, by
         * difference plus {@link #DC_ZERO}: one write per block instead of two, and no size computed.
         */
        final long[] dcDiffBits = new long[2 * DC_ZERO + 1];
        final int[] dcDiffLengths = new int[2 * DC_ZERO + 1];
        final int[] acCodes = new int[256];
        final int[] acLengths = new int[256];
        private final JPEGHuffmanTable dc;
        private final JPEGHuffmanTable ac;

        Table(int id, JPEGQTable base, JPEGHuffmanTable dc, JPEGHuffmanTable ac) {
            this.id = id;
            this.dc = dc;
            this.ac = ac;
            int quality = Math.round(ImageIoRenderer.JPEG_QUALITY * 100);
            int scale = quality < 50 ? 5000 / quality : 200 - 2 * quality;
            int[] natural = base.getTable();
            for (int i = 0; i < 64; i++) {
                quantisation[i] = Math.clamp((natural[i] * scale + 50) / 100, 1, 255);
            }
            int[] dcCodes = new int[16];
            int[] dcLengths = new int[16];
            assign(dc, dcCodes, dcLengths);
            assign(ac, acCodes, acLengths);
            for (int diff = -DC_ZERO; diff <= DC_ZERO; diff++) {
                int size = magnitudeBits(diff);
                int magnitude = (diff < 0 ? diff - 1 : diff) & (1 << size) - 1;
                int length = dcLengths[size] + size;
                dcDiffBits[DC_ZERO + diff] = (long) (dcCodes[size] << size | magnitude) << (64 - length);
                dcDiffLengths[DC_ZERO + diff] = length;
            }
        }

        private static void assign(JPEGHuffmanTable table, int[] codes, int[] lengths) {
            short[] counts = table.getLengths();
            short[] symbols = table.getValues();
            int code = 0;
            int next = 0;
            for (int length = 1; length <= 16; length++) {
                for (int n = 0; n < counts[length - 1]; n++) {
                    codes[symbols[next]] = code++;
                    lengths[symbols[next]] = length;
                    next++;
                }
                code <<= 1;
            }
        }

        void putQuantisation(byte[] into, int at) {
            into[at] = (byte) id; // 8-bit precision
            for (int k = 0; k < 64; k++) {
                into[at + 1 + k] = (byte) quantisation[ZIGZAG[k]];
            }
        }

        byte[] huffmanSegment() {
            return concat(huffman(0x00 | id, dc), huffman(0x10 | id, ac));
        }

        private static byte[] huffman(int classAndId, JPEGHuffmanTable table) {
            short[] counts = table.getLengths();
            short[] symbols = table.getValues();
            byte[] out = new byte[1 + 16 + symbols.length];
            out[0] = (byte) classAndId;
            for (int i = 0; i < 16; i++) {
                out[1 + i] = (byte) counts[i];
            }
            for (int i = 0; i < symbols.length; i++) {
                out[17 + i] = (byte) symbols[i];
            }
            return out;
        }
    }

    /**
     * Bits packed from the most significant bit of 64-bit words: a block's AC codes, or an image's
     * entropy-coded data until {@link #toJpeg} turns it into bytes. Appending is a shift and two
     * stores per word, with no branch on where the bits fall.
     */
    private static final class Bits {
        private static final VarHandle BIG_ENDIAN_LONG =
                MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
        /** Words past the one holding bit {@code count} are 0, and so are its bits after it. */
        private long[] words;
        private int count;

        Bits(int capacity) {
            words = new long[capacity + 2];
        }

        /** The top {@code n} bits of {@code bits}, 1 to 64; the bits below them are 0. */
        void put(long bits, int n) {
            if ((count >>> 6) + 2 > words.length) {
                words = Arrays.copyOf(words, words.length * 2);
            }
            count = put(words, count, bits, n);
        }

        /** {@link #put(long, int)} into {@code words}, which has room, after bit {@code count}: the new count. */
        static int put(long[] words, int count, long bits, int n) {
            int index = count >>> 6;
            int used = count & 63;
            words[index] |= bits >>> used;
            // What did not fit; two shifts, as a shift by 64 would be a shift by 0.
            words[index + 1] = bits << (63 - used) << 1;
            return count + n;
        }

        /** The low {@code n} bits of {@code value}, {@code n} from 1 to 32. */
        void putLow(int value, int n) {
            put((long) value << (64 - n), n);
        }

        /**
         * The top {@code p} bits of {@code prefix}, 1 to 63, then the first {@code n} bits of
         * {@code from}, which are followed by 0s: a block's DC and AC codes in one go.
         */
        static int put(long[] words, int count, long prefix, int p, long[] from, int n) {
            int index = count >>> 6;
            int used = count & 63;
            long carry = prefix;
            for (long bits : from) {
                long w = carry | bits >>> p;
                carry = bits << (64 - p);
                words[index] |= w >>> used;
                words[++index] = w << (63 - used) << 1;
            }
            words[index] |= carry >>> used;
            words[index + 1] = carry << (63 - used) << 1;
            return count + p + n;
        }

        long[] words() {
            return Arrays.copyOf(words, (count + 63) >>> 6);
        }

        /**
         * The whole file: {@code headers}, these bits padded with 1s to a byte and every 0xFF
         * escaped with a 0x00 (T.81 F.1.2.3), then EOI.
         */
        byte[] toJpeg(byte[] headers) {
            int pad = -count & 7;
            if (pad > 0) {
                put(-1L << (64 - pad), pad);
            }
            int length = count >>> 3;
            int used = (count + 63) >>> 6;
            int escapes = 0;
            for (int i = 0; i < used; i++) {
                escapes += Long.bitCount(escapes(words[i]));
            }
            byte[] out = new byte[headers.length + length + escapes + 2];
            System.arraycopy(headers, 0, out, 0, headers.length);
            int at = headers.length;
            // Whole words while every store below fits, then byte by byte.
            int i = 0;
            for (; i < length >>> 3 && at + 27 <= out.length; i++) {
                long w = words[i];
                long found = escapes(w);
                int next = at + 8 + Long.bitCount(found);
                long more = found & found - 1;
                if ((more & more - 1) == 0) {
                    // At most two 0xFF, as in 99 words out of 100: the word, then again from just
                    // after each 0xFF, one byte further on and led by the escape. Always both
                    // rounds, so no branch to mispredict: one without a 0xFF stores past this
                    // word, and the next word overwrites that.
                    BIG_ENDIAN_LONG.set(out, at, w);
                    for (int round = 0; round < 2; round++) {
                        int through = Long.numberOfLeadingZeros(found) + 8;
                        w = w << through - 1 << 1;
                        found = found << through - 1 << 1;
                        at += through >>> 3;
                        BIG_ENDIAN_LONG.set(out, at, w >>> 8);
                        at++;
                    }
                } else {
                    putEscaped(out, at, w, 8);
                }
                at = next;
            }
            for (; i < (length + 7) >>> 3; i++) {
                at = putEscaped(out, at, words[i], Math.min(8, length - i * 8));
            }
            out[at] = (byte) 0xFF;
            out[at + 1] = (byte) 0xD9; // EOI
            return out;
        }

        /** The first {@code n} bytes of {@code w} at {@code at}, each 0xFF followed by 0x00; returns the end. */
        private static int putEscaped(byte[] out, int at, long w, int n) {
            for (int shift = 56; shift > 56 - 8 * n; shift -= 8) {
                byte b = (byte) (w >>> shift);
                out[at++] = b;
                if (b == (byte) 0xFF) {
                    out[at++] = 0;
                }
            }
            return at;
        }

        /** The top bit of every 0xFF byte: only there do the low seven bits carry into it. */
        private static long escapes(long w) {
            return ((w & 0x7F7F7F7F7F7F7F7FL) + 0x0101010101010101L) & w & 0x8080808080808080L;
        }
    }
}
