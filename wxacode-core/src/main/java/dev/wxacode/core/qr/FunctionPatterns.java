package dev.wxacode.core.qr;

import java.util.ArrayList;
import java.util.List;

/** Where a symbol's fixed patterns sit, by version (ISO/IEC 18004 §6.3). */
public final class FunctionPatterns {
    /** Modules per side of a finder pattern, its separator not included. */
    public static final int FINDER = 7;
    /** Modules per side of an alignment pattern. */
    public static final int ALIGNMENT = 5;

    private FunctionPatterns() {
    }

    /**
     * The centres ({@code x}, {@code y}) of the symbol's alignment patterns: every pair of the
     * Annex E positions but the three that fall on the finder patterns; none for version 1.
     */
    public static List<int[]> alignments(int version) {
        if (version == 1) {
            return List.of();
        }
        int size = 4 * version + 17;
        int count = version / 7 + 2;
        int step = (version * 4 + count * 2 + 1) / (count * 2 - 2) * 2;
        int[] centres = new int[count];
        centres[0] = 6;
        for (int i = count - 1, at = size - 7; i >= 1; i--, at -= step) {
            centres[i] = at;
        }
        int last = size - 7;
        List<int[]> alignments = new ArrayList<>();
        for (int cy : centres) {
            for (int cx : centres) {
                boolean onFinder = cx == 6 && cy == 6 || cx == 6 && cy == last || cx == last && cy == 6;
                if (!onFinder) {
                    alignments.add(new int[] {cx, cy});
                }
            }
        }
        return alignments;
    }

    /**
     * Every function module of a symbol, by {@code y * size + x}: finders with their separators,
     * timing patterns, alignment patterns, version and format information, and the module that is
     * always dark. The rest carries codewords (or the few remainder bits).
     */
    public static boolean[] map(int version) {
        int size = 4 * version + 17;
        boolean[] function = new boolean[size * size];
        mark(function, size, 0, 0, 9, 9); // top-left finder, separator and both format strips
        mark(function, size, size - 8, 0, 8, 9); // top-right finder, separator and format strip
        mark(function, size, 0, size - 8, 9, 8); // bottom-left, the dark module included
        mark(function, size, 6, 0, 1, size); // timing
        mark(function, size, 0, 6, size, 1);
        for (int[] centre : alignments(version)) {
            mark(function, size, centre[0] - ALIGNMENT / 2, centre[1] - ALIGNMENT / 2, ALIGNMENT, ALIGNMENT);
        }
        if (version >= 7) {
            mark(function, size, size - 11, 0, 3, 6); // version information
            mark(function, size, 0, size - 11, 6, 3);
        }
        return function;
    }

    private static void mark(boolean[] modules, int size, int left, int top, int width, int height) {
        for (int y = top; y < top + height; y++) {
            for (int x = left; x < left + width; x++) {
                modules[y * size + x] = true;
            }
        }
    }
}
