package dev.wxacode.core.render;

import dev.wxacode.core.qr.Layout;
import dev.wxacode.core.qr.QrMatrix;
import java.util.Arrays;

/**
 * A code as one bit per pixel, 1 for a dark module, rows packed most significant bit first: the
 * layout of a 1-bit PNG scanline, and eight pixels of a JPEG block row per byte. Pixel rows of the
 * same module row share one array, and so do all quiet-zone rows, so drawing costs one packed row
 * per module row rather than one write per pixel.
 */
final class Bitmap {
    private final int width;
    private final byte[][] rows;

    private Bitmap(int width, byte[][] rows) {
        this.width = width;
        this.rows = rows;
    }

    /** @throws IllegalArgumentException if the symbol and its quiet zone need more than {@code width} pixels */
    static Bitmap of(QrMatrix modules, int width) {
        Layout layout = Layout.of(modules.size(), width);
        int stride = (width + 7) / 8;
        byte[] blank = new byte[stride];
        byte[][] moduleRows = new byte[layout.modules()][];
        for (int y = 0; y < layout.modules(); y++) {
            byte[] packed = new byte[stride];
            for (int x = 0; x < layout.modules(); x++) {
                if (modules.isDark(x, y)) {
                    int end = x + 1;
                    while (end < layout.modules() && modules.isDark(end, y)) {
                        end++;
                    }
                    fill(packed, layout.offset() + x * layout.scale(), layout.offset() + end * layout.scale());
                    x = end;
                }
            }
            moduleRows[y] = packed;
        }
        byte[][] rows = new byte[width][];
        for (int py = 0; py < width; py++) {
            int my = layout.moduleAt(py);
            rows[py] = my < 0 ? blank : moduleRows[my];
        }
        return new Bitmap(width, rows);
    }

    /**
     * Sets pixels {@code from} to {@code to} (exclusive), a run of dark modules: whole bytes
     * inside it, so a wide module costs a byte store rather than one per pixel.
     */
    private static void fill(byte[] packed, int from, int to) {
        int first = from >>> 3;
        int last = (to - 1) >>> 3;
        int head = 0xFF >>> (from & 7);
        int tail = 0xFF00 >>> (((to - 1) & 7) + 1) & 0xFF;
        if (first == last) {
            packed[first] |= (byte) (head & tail);
        } else {
            packed[first] |= (byte) head;
            Arrays.fill(packed, first + 1, last, (byte) 0xFF);
            packed[last] |= (byte) tail;
        }
    }

    int width() {
        return width;
    }

    /** Bytes per row: {@code ceil(width / 8)}; bits past the width are 0. */
    int stride() {
        return rows[0].length;
    }

    /** Pixel row {@code y}, shared: never written to. */
    byte[] row(int y) {
        return rows[y];
    }
}
