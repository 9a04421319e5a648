package dev.wxacode.core.render;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A transparent code as a 1-bit palette PNG: entry 0 the background, white and fully transparent
 * (white underneath, so a viewer that ignores alpha still shows a normal code), entry 1 the module
 * colour, opaque. One bit per pixel instead of ImageIO's 32, and a pixel row repeated from the one
 * above is written with the "Up" filter, all zeros, which the fastest Deflate level squeezes to
 * almost nothing.
 */
final class PngEncoder {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final int BIT_DEPTH = 1;
    private static final int COLOUR_TYPE_PALETTE = 3;
    private static final byte FILTER_NONE = 0;
    private static final byte FILTER_UP = 2;

    private PngEncoder() {
    }

    static byte[] encode(Bitmap bitmap, int rgb) {
        int width = bitmap.width();
        int stride = bitmap.stride();
        byte[] scanlines = new byte[width * (1 + stride)];
        byte[] previous = null;
        for (int y = 0, at = 0; y < width; y++, at += 1 + stride) {
            byte[] row = bitmap.row(y);
            if (row == previous) {
                scanlines[at] = FILTER_UP; // the rest stays zero: no change from the row above
            } else {
                scanlines[at] = FILTER_NONE;
                System.arraycopy(row, 0, scanlines, at + 1, stride);
            }
            previous = row;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(2048 + width * stride / 16);
        out.writeBytes(SIGNATURE);
        byte[] header = new byte[13];
        putInt(header, 0, width);
        putInt(header, 4, width);
        header[8] = BIT_DEPTH;
        header[9] = COLOUR_TYPE_PALETTE;
        // bytes 10-12: deflate, adaptive filtering, no interlace
        chunk(out, "IHDR", header);
        chunk(out, "PLTE", new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
                (byte) (rgb >>> 16), (byte) (rgb >>> 8), (byte) rgb});
        chunk(out, "tRNS", new byte[] {0}); // entry 0 transparent; entries not listed are opaque
        chunk(out, "IDAT", deflate(scanlines));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try {
            deflater.setInput(data);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 8 + 64);
            byte[] buffer = new byte[8192];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] length = new byte[4];
        putInt(length, 0, data.length);
        out.writeBytes(length);
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(name);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        byte[] sum = new byte[4];
        putInt(sum, 0, (int) crc.getValue());
        out.writeBytes(sum);
    }

    private static void putInt(byte[] into, int at, int value) {
        into[at] = (byte) (value >>> 24);
        into[at + 1] = (byte) (value >>> 16);
        into[at + 2] = (byte) (value >>> 8);
        into[at + 3] = (byte) value;
    }
}
