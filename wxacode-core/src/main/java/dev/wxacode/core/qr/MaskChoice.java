package dev.wxacode.core.qr;

import io.nayuki.qrcodegen.QrCode;

/**
 * The standard's mask choice, on bit rows: the fast path beside Nayuki's own choice.
 *
 * <p>Nayuki's encoder picks the mask by drawing the symbol eight times and scoring each drawing
 * module by module (ISO/IEC 18004 §7.8.3); that is three quarters of its time (docs/benchmarks.md).
 * Here the symbol is encoded once with mask 0, unmasked, and each candidate is a row-wise XOR of
 * 64-bit words scored with bit operations. Rules, weights, the light border around the symbol and
 * the tie-break (lowest mask number) are the same as Nayuki's, so the chosen mask and every module
 * are too: {@code MaskChoiceTest} holds the two against each other. Symbols wider than 61 modules
 * (version 12 and up, far beyond our links) keep Nayuki's path. One instance per symbol: it
 * reuses a buffer, so it is not for sharing between threads.
 */
final class MaskChoice {
    /** Version 11: a line and its light border on both sides fit one 64-bit word. */
    static final int MAX_SIZE = 61;
    private static final int MASKS = 8;
    private static final int N1 = 3;
    private static final int N2 = 3;
    private static final int N3 = 40;
    private static final int N4 = 10;
    private static final Geometry[] GEOMETRY = new Geometry[(MAX_SIZE - 17) / 4 + 1];

    static {
        for (int version = 1; version < GEOMETRY.length; version++) {
            GEOMETRY[version] = new Geometry(version);
        }
    }

    private final int size;
    private final Geometry geometry;
    /** The format words of the symbol's level, by mask. */
    private final long[][] formatBits;
    /** Data modules unmasked; function modules as drawn, format areas cleared. */
    private final long[] base;
    /** Run lengths of the line being scored; reused, as scoring one symbol reads 8 × 2 × size lines. */
    private final int[] runs;
    /** The bits of a line that are modules: 0 to size - 1. */
    private final long inside;

    /** @param maskZero a symbol of version ≤ 11, any level, encoded with mask 0 */
    MaskChoice(QrCode maskZero) {
        this.size = maskZero.size;
        this.geometry = GEOMETRY[maskZero.version];
        this.formatBits = geometry.formatBits[EcLevel.of(maskZero.errorCorrectionLevel).ordinal()];
        this.base = new long[size];
        this.runs = new int[size + 3];
        this.inside = (1L << size) - 1;
        for (int y = 0; y < size; y++) {
            long row = 0;
            for (int x = 0; x < size; x++) {
                if (maskZero.getModule(x, y)) {
                    row |= 1L << x;
                }
            }
            base[y] = (row ^ geometry.patterns[0][y] & ~geometry.function[y]) & ~geometry.format[y];
        }
    }

    static boolean fits(int size) {
        return size <= MAX_SIZE;
    }

    /** The mask the standard's penalty rules pick; ties go to the lower number. */
    int best() {
        int best = 0;
        int lowest = Integer.MAX_VALUE;
        for (int mask = 0; mask < MASKS; mask++) {
            int penalty = penalty(rows(mask));
            if (penalty < lowest) {
                lowest = penalty;
                best = mask;
            }
        }
        return best;
    }

    /** The symbol with this mask and its format information: bit x of row y is module (x, y). */
    long[] rows(int mask) {
        long[] rows = new long[size];
        for (int y = 0; y < size; y++) {
            rows[y] = base[y] ^ geometry.patterns[mask][y] & ~geometry.function[y] | formatBits[mask][y];
        }
        return rows;
    }

    int penalty(long[] rows) {
        long[] columns = new long[size];
        int dark = 0;
        for (int y = 0; y < size; y++) {
            long row = rows[y];
            dark += Long.bitCount(row);
            for (long bits = row; bits != 0; bits &= bits - 1) {
                columns[Long.numberOfTrailingZeros(bits)] |= 1L << y;
            }
        }
        int penalty = 0;
        for (int i = 0; i < size; i++) {
            penalty += linePenalty(rows[i]) + linePenalty(columns[i]);
        }
        long blockStarts = inside >>> 1; // x from 0 to size - 2: a 2×2 block starts there
        for (int y = 0; y + 1 < size; y++) {
            long same = ~(rows[y] ^ rows[y + 1]);
            long blocks = same & same >>> 1 & ~(rows[y] ^ rows[y] >>> 1) & blockStarts;
            penalty += N2 * Long.bitCount(blocks);
        }
        int total = size * size;
        // The smallest k with (45 - 5k)% <= dark share <= (55 + 5k)%.
        int k = (Math.abs(dark * 20 - total * 10) + total - 1) / total - 1;
        return penalty + k * N4;
    }

    /**
     * Runs of five or more (N1) and finder-like 1:1:3:1:1 runs with four light modules on one side
     * (N3) in one row or column.
     */
    private int linePenalty(long line) {
        long light = ~line & inside;
        // Bit x: modules x to x + 4 have one colour. A run of r >= 5 sets r - 4 neighbouring bits
        // and costs N1 + r - 5, i.e. its bits plus 2.
        long same = ~(line ^ line >>> 1) & inside >>> 1;
        long fives = same & same >>> 1 & same >>> 2 & same >>> 3;
        int penalty = Long.bitCount(fives) + (N1 - 1) * Long.bitCount(fives & ~(fives << 1));
        // A finder-like pattern needs a dark run of exactly 3 between single modules, or a dark run
        // of 6 or more; most lines have neither and skip the run-by-run count. The border is light.
        long dark = line << 1;
        long bordered = light << 1 | 1L | 1L << (size + 1);
        long singleCore = bordered & dark >>> 1 & bordered >>> 2 & dark >>> 3 & dark >>> 4 & dark >>> 5
                & bordered >>> 6 & dark >>> 7 & bordered >>> 8;
        long sixes = line & line >>> 1 & line >>> 2 & line >>> 3 & line >>> 4 & line >>> 5;
        if (singleCore != 0 || sixes != 0) {
            penalty += finderLikePenalty(line);
        }
        return penalty;
    }

    /** N3 of one line, run by run. The light border counts as {@code size} light modules at each end, as in Nayuki's scoring. */
    private int finderLikePenalty(long line) {
        int count = 0;
        int start = 0;
        boolean dark = false;
        if ((line & 1) != 0) {
            runs[count++] = 0; // an empty light run before a dark first module
            dark = true;
        }
        while (start < size) {
            long rest = dark ? ~line >>> start : line >>> start;
            int length = Math.min(Long.numberOfTrailingZeros(rest), size - start);
            runs[count++] = length;
            start += length;
            dark = !dark;
        }
        if (!dark) {
            runs[count++] = 0; // the last run was dark: the border is a light run of its own
        }
        runs[0] += size;
        runs[count - 1] += size;
        int penalty = 0;
        // Even indices are light runs; a finder-like pattern ends at each light run from the seventh on.
        for (int i = 6; i < count; i += 2) {
            int n = runs[i - 1];
            boolean core = runs[i - 2] == n && runs[i - 3] == 3 * n && runs[i - 4] == n && runs[i - 5] == n;
            if (core) {
                if (runs[i] >= 4 * n && runs[i - 6] >= n) {
                    penalty += N3;
                }
                if (runs[i - 6] >= 4 * n && runs[i] >= n) {
                    penalty += N3;
                }
            }
        }
        return penalty;
    }

    /**
     * What every symbol of one version shares: its function modules, format-information modules,
     * the eight mask patterns and the format words of each level and mask, as bit rows.
     */
    private static final class Geometry {
        final long[] function;
        final long[] format;
        final long[][] patterns = new long[MASKS][];
        /** By level ({@link EcLevel#ordinal}), then mask. */
        final long[][][] formatBits = new long[EcLevel.values().length][MASKS][];

        Geometry(int version) {
            int size = 4 * version + 17;
            function = new long[size];
            format = new long[size];
            boolean[] map = FunctionPatterns.map(version);
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    if (map[y * size + x]) {
                        function[y] |= 1L << x;
                    }
                }
            }
            int[][] positions = formatPositions(size);
            for (int[] at : positions) {
                format[at[1]] |= 1L << at[0];
            }
            for (int mask = 0; mask < MASKS; mask++) {
                patterns[mask] = new long[size];
                for (int y = 0; y < size; y++) {
                    for (int x = 0; x < size; x++) {
                        if (inverts(mask, x, y)) {
                            patterns[mask][y] |= 1L << x;
                        }
                    }
                }
                for (EcLevel level : EcLevel.values()) {
                    long[] bits = new long[size];
                    int word = formatWord(level, mask);
                    for (int i = 0; i < positions.length; i++) {
                        if ((word >>> i % 15 & 1) != 0) {
                            bits[positions[i][1]] |= 1L << positions[i][0];
                        }
                    }
                    formatBits[level.ordinal()][mask] = bits;
                }
            }
        }

        /** (x, y) of format bits 0–14, first copy, then 0–14 of the second copy. */
        private static int[][] formatPositions(int size) {
            int[][] at = new int[30][];
            for (int i = 0; i < 15; i++) {
                at[i] = i <= 5 ? new int[] {8, i} : i == 6 ? new int[] {8, 7} : i == 7 ? new int[] {8, 8}
                        : i == 8 ? new int[] {7, 8} : new int[] {14 - i, 8};
                at[15 + i] = i < 8 ? new int[] {size - 1 - i, 8} : new int[] {8, size - 15 + i};
            }
            return at;
        }

        /** The level and the mask, BCH(15, 5)-protected and XORed with 101010000010010. */
        private static int formatWord(EcLevel level, int mask) {
            int data = level.formatBits << 3 | mask;
            int remainder = data;
            for (int i = 0; i < 10; i++) {
                remainder = remainder << 1 ^ (remainder >>> 9) * 0x537;
            }
            return (data << 10 | remainder) ^ 0x5412;
        }

        private static boolean inverts(int mask, int x, int y) {
            return switch (mask) {
                case 0 -> (x + y) % 2 == 0;
                case 1 -> y % 2 == 0;
                case 2 -> x % 3 == 0;
                case 3 -> (x + y) % 3 == 0;
                case 4 -> (x / 3 + y / 2) % 2 == 0;
                case 5 -> x * y % 2 + x * y % 3 == 0;
                case 6 -> (x * y % 2 + x * y % 3) % 2 == 0;
                default -> ((x + y) % 2 + x * y % 3) % 2 == 0;
            };
        }
    }
}
