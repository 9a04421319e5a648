package dev.wxacode.core.qr;

import java.util.BitSet;

/** The modules of a QR symbol, without quiet zone; immutable. */
public final class QrMatrix {
    private final int size;
    private final BitSet dark;
    private final EcLevel level;

    QrMatrix(int size, BitSet dark, EcLevel level) {
        this.size = size;
        this.dark = (BitSet) dark.clone();
        this.level = level;
    }

    /** From bit rows: bit x of {@code rows[y]} is module (x, y); one row per module of the side. */
    static QrMatrix ofRows(long[] rows, EcLevel level) {
        int size = rows.length;
        BitSet dark = new BitSet(size * size);
        for (int y = 0; y < size; y++) {
            for (long bits = rows[y]; bits != 0; bits &= bits - 1) {
                dark.set(y * size + Long.numberOfTrailingZeros(bits));
            }
        }
        return new QrMatrix(size, dark, level);
    }

    /** A symbol without a dark module: what the drawings of every symbol of its size share. */
    public static QrMatrix blank(int size, EcLevel level) {
        return new QrMatrix(size, new BitSet(size * size), level);
    }

    /** Modules per side: 21 for version 1, 4 more per version. */
    public int size() {
        return size;
    }

    public int version() {
        return (size - 17) / 4;
    }

    public EcLevel level() {
        return level;
    }

    public boolean isDark(int x, int y) {
        return dark.get(y * size + x);
    }
}
