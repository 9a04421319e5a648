package dev.wxacode.core.render;

import java.io.ByteArrayOutputStream;
import javax.imageio.plugins.jpeg.JPEGHuffmanTable;
import javax.imageio.plugins.jpeg.JPEGQTable;

/**
 * One table slot of the JPEG encoder: the standard quantisation table (T.81 K.1 or K.2) scaled to
 * ImageIO's quality {@link ImageIoRenderer#JPEG_QUALITY}, so the picture matches the library
 * path's, and the standard Huffman tables (K.3) with their codes derived as in T.81 Annex C.
 */
final class JpegTable {
    static final int[] ZIGZAG = {
        0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5,
        12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
        35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51,
        58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63};
    /** Index of DC difference 0: eight-bit samples keep quantised DC, and so differences, within ±2047 (11 bits). */
    static final int DC_ZERO = 2047;
    static final JpegTable LUMA = new JpegTable(0, JPEGQTable.K1Luminance,
            JPEGHuffmanTable.StdDCLuminance, JPEGHuffmanTable.StdACLuminance);
    static final JpegTable CHROMA = new JpegTable(1, JPEGQTable.K2Chrominance,
            JPEGHuffmanTable.StdDCChrominance, JPEGHuffmanTable.StdACChrominance);

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

    private JpegTable(int id, JPEGQTable base, JPEGHuffmanTable dc, JPEGHuffmanTable ac) {
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

    /** This slot's two Huffman tables, DC then AC, as a DHT segment's payload holds them. */
    void putHuffman(ByteArrayOutputStream dht) {
        dht.writeBytes(huffman(0x00 | id, dc));
        dht.writeBytes(huffman(0x10 | id, ac));
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

    /** The JPEG "size" category: bits needed for |value|. */
    static int magnitudeBits(int value) {
        return 32 - Integer.numberOfLeadingZeros(Math.abs(value));
    }
}
