package dev.wxacode.core.render;

import java.util.BitSet;

/** The modules of a QR symbol, without quiet zone; immutable. */
public final class QrMatrix {
    private final int size;
    private final BitSet dark;

    QrMatrix(int size, BitSet dark) {
        this.size = size;
        this.dark = (BitSet) dark.clone();
    }

    /** Modules per side: 21 for version 1, 4 more per version. */
    public int size() {
        return size;
    }

    public int version() {
        return (size - 17) / 4;
    }

    public boolean isDark(int x, int y) {
        return dark.get(y * size + x);
    }
}
