package dev.wxacode.core.render;

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

    private static final Table LUMA = new Table(0, JPEGQTable.K1Luminance,
            JPEGHuffmanTable.StdDCLuminance, JPEGHuffmanTable.StdACLuminance);
    private static final Table CHROMA = new Table(1, JPEGQTable.K2Chrominance,
            JPEGHuffmanTable.StdDCChrominance, JPEGHuffmanTable.StdACChrominance);

    /**
     * Coded blocks by colour pair and table. Bounded: a burst of new colours empties it, which
     * only costs recomputing blocks. A few thousand blocks cover every width in one colour.
     */
    private static final Map<Tone, Map<Long, Block>> BLOCKS = new ConcurrentHashMap<>();
    private static final AtomicInteger CACHED = new AtomicInteger();
    private static final int MAX_CACHED = 200_000;

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
        BitWriter out = new BitWriter(width * width / 6 + 1024);
        writeHeaders(out, width);
        Coder[] coders = new Coder[tones.length];
        for (int c = 0; c < tones.length; c++) {
            coders[c] = new Coder(tones[c]);
        }
        int blocks = (width + 7) / 8;
        byte[] blank = new byte[bitmap.stride()];
        byte[][] rows = new byte[8][];
        for (int by = 0; by < blocks; by++) {
            for (int i = 0; i < 8; i++) {
                int y = by * 8 + i;
                rows[i] = y < width ? bitmap.row(y) : blank; // rows past the edge repeat the light quiet zone
            }
            for (int bx = 0; bx < blocks; bx++) {
                long mask = 0;
                for (int i = 0; i < 8; i++) {
                    mask = mask << 8 | rows[i][bx] & 0xFF;
                }
                for (Coder coder : coders) {
                    coder.write(out, mask);
                }
            }
        }
        out.flushWithOnes();
        out.marker(0xD9); // EOI
        return out.toByteArray();
    }

    private static void writeHeaders(BitWriter out, int width) {
        int components = 3;
        out.marker(0xD8); // SOI
        out.segment(0xE0, new byte[] {'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0});
        byte[] dqt = new byte[2 * 65];
        LUMA.putQuantisation(dqt, 0);
        CHROMA.putQuantisation(dqt, 65);
        out.segment(0xDB, dqt);
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
        out.segment(0xC0, sof);
        out.segment(0xC4, concat(LUMA.huffmanSegment(), CHROMA.huffmanSegment()));
        byte[] sos = new byte[4 + 2 * components];
        sos[0] = (byte) components;
        for (int c = 0; c < components; c++) {
            sos[1 + 2 * c] = (byte) (c + 1);
            sos[2 + 2 * c] = (byte) (c == 0 ? 0x00 : 0x11);
        }
        sos[2 + 2 * components] = 63; // spectral selection 0..63, no successive approximation
        out.segment(0xDA, sos);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    /** One component's levels on the background (mask 0) and on modules (mask 1), and its table. */
    private record Tone(Table table, double background, double ink) {
    }

    /** A block's quantised DC and its AC coefficients already Huffman-coded, in 32-bit words, the last one left-aligned. */
    private record Block(int dc, int[] acWords, int acBits) {
    }

    /** Codes one component of an image: keeps the DC predictor, looks blocks up by mask. */
    private static final class Coder {
        private final Tone tone;
        private final Map<Long, Block> blocks;
        private final Block light;
        private final Block dark;
        /** Both colours have this component's level (the chroma of grey): every block is the same. */
        private final boolean flat;
        private long[] localKeys = new long[1024];
        private Block[] localBlocks = new Block[1024];
        private int localCount;
        private int previousDc;

        Coder(Tone tone) {
            this.tone = tone;
            this.blocks = BLOCKS.computeIfAbsent(tone, t -> new ConcurrentHashMap<>());
            this.light = cached(0);
            this.dark = cached(-1);
            this.flat = tone.ink() == tone.background();
        }

        void write(BitWriter out, long mask) {
            Block block = mask == 0 || flat ? light : mask == -1 ? dark : cached(mask);
            int diff = block.dc() - previousDc;
            previousDc = block.dc();
            int size = magnitudeBits(diff);
            out.bits(tone.table().dcCodes[size], tone.table().dcLengths[size]);
            if (size > 0) {
                out.bits(diff < 0 ? diff - 1 : diff, size);
            }
            int[] words = block.acWords();
            int full = block.acBits() >>> 5;
            for (int w = 0; w < full; w++) {
                out.bits(words[w], 32);
            }
            int rest = block.acBits() & 31;
            if (rest > 0) {
                out.bits(words[full] >>> (32 - rest), rest);
            }
        }

        /** This image's blocks first (open addressing, no boxing), then the shared table. */
        private Block cached(long mask) {
            int slot = slot(mask);
            if (localBlocks[slot] != null) {
                return localBlocks[slot];
            }
            Block block = blocks.get(mask);
            if (block == null) {
                block = block(tone, mask);
                if (CACHED.incrementAndGet() > MAX_CACHED) {
                    BLOCKS.clear();
                    CACHED.set(0);
                }
                blocks.put(mask, block);
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
            int slot = (int) (mask * 0x9E3779B97F4A7C15L >>> 40) & slots;
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
        BitString ac = new BitString();
        int run = 0;
        for (int k = 1; k < 64; k++) {
            int value = quantised[ZIGZAG[k]];
            if (value == 0) {
                run++;
                continue;
            }
            for (; run > 15; run -= 16) {
                ac.add(table.acCodes[0xF0], table.acLengths[0xF0]); // sixteen zeros
            }
            int size = magnitudeBits(value);
            int symbol = run << 4 | size;
            ac.add(table.acCodes[symbol], table.acLengths[symbol]);
            ac.add(value < 0 ? value - 1 : value, size);
            run = 0;
        }
        if (run > 0) {
            ac.add(table.acCodes[0x00], table.acLengths[0x00]); // end of block
        }
        return new Block(quantised[0], ac.words(), ac.count());
    }

    /** The JPEG "size" category: bits needed for |value|. */
    private static int magnitudeBits(int value) {
        return 32 - Integer.numberOfLeadingZeros(Math.abs(value));
    }

    /** Quantisation and Huffman tables of one table slot, codes derived as in T.81 Annex C. */
    private static final class Table {
        final int id;
        final int[] quantisation = new int[64];
        final int[] dcCodes = new int[16];
        final int[] dcLengths = new int[16];
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
            assign(dc, dcCodes, dcLengths);
            assign(ac, acCodes, acLengths);
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
     * Bits into bytes, most significant first. Entropy-coded data escapes every 0xFF byte with a
     * 0x00 (T.81 F.1.2.3); {@link #marker} and {@link #segment} write headers unescaped.
     */
    private static final class BitWriter {
        private byte[] bytes;
        private int length;
        private long pending;
        private int pendingBits;

        BitWriter(int capacity) {
            bytes = new byte[capacity];
        }

        /** The low {@code count} bits of {@code value}, {@code count} at most 32. */
        void bits(int value, int count) {
            pending = pending << count | value & (0xFFFFFFFFL >>> (32 - count));
            pendingBits += count;
            if (pendingBits >= 32) {
                pendingBits -= 32;
                word((int) (pending >>> pendingBits));
            }
        }

        /** Four bytes at once unless one of them is 0xFF and needs its escape. */
        private void word(int w) {
            if (length + 8 > bytes.length) {
                bytes = Arrays.copyOf(bytes, bytes.length * 2 + 8);
            }
            int inverse = ~w;
            if (((inverse - 0x01010101) & ~inverse & 0x80808080) == 0) {
                bytes[length] = (byte) (w >>> 24);
                bytes[length + 1] = (byte) (w >>> 16);
                bytes[length + 2] = (byte) (w >>> 8);
                bytes[length + 3] = (byte) w;
                length += 4;
            } else {
                for (int shift = 24; shift >= 0; shift -= 8) {
                    int b = w >>> shift & 0xFF;
                    put(b);
                    if (b == 0xFF) {
                        put(0);
                    }
                }
            }
        }

        void flushWithOnes() {
            int pad = (8 - pendingBits % 8) % 8;
            pending = pending << pad | (1L << pad) - 1;
            pendingBits += pad;
            while (pendingBits > 0) {
                pendingBits -= 8;
                int b = (int) (pending >>> pendingBits) & 0xFF;
                put(b);
                if (b == 0xFF) {
                    put(0);
                }
            }
        }

        void marker(int code) {
            put(0xFF);
            put(code);
        }

        void segment(int code, byte[] payload) {
            marker(code);
            put((payload.length + 2) >>> 8);
            put(payload.length + 2);
            for (byte b : payload) {
                put(b);
            }
        }

        byte[] toByteArray() {
            return Arrays.copyOf(bytes, length);
        }

        private void put(int b) {
            if (length == bytes.length) {
                bytes = Arrays.copyOf(bytes, bytes.length * 2);
            }
            bytes[length++] = (byte) b;
        }
    }

    /** Bits kept for later, packed from the most significant bit of each 32-bit word. */
    private static final class BitString {
        private int[] words = new int[4];
        private int count;

        /** The low {@code n} bits of {@code value}, {@code n} from 1 to 16. */
        void add(int value, int n) {
            value &= (1 << n) - 1;
            int free = 32 - (count & 31);
            int index = count >>> 5;
            if (index + 1 >= words.length) {
                words = Arrays.copyOf(words, words.length * 2);
            }
            if (n <= free) {
                words[index] |= value << (free - n);
            } else {
                words[index] |= value >>> (n - free);
                words[index + 1] |= value << (32 - (n - free));
            }
            count += n;
        }

        int[] words() {
            return Arrays.copyOf(words, (count + 31) >>> 5);
        }

        int count() {
            return count;
        }
    }
}
