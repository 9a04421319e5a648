package dev.wxacode.core.qr;

import com.google.zxing.qrcode.decoder.Version;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.IntStream;

/**
 * Which codeword, and so which Reed–Solomon block, each module of a symbol carries: the map that
 * says how much of a symbol a logo may cover. A codeword with any of its eight modules hidden is
 * lost, and a block reads back while no more than {@link #correctable} of its codewords are lost;
 * the area a logo covers says little, since interleaving spreads neighbouring modules over every
 * block.
 *
 * <p>The modules are walked as ISO/IEC 18004 §7.7.3 places codewords: two columns at a time from
 * the bottom right, up then down, skipping the vertical timing column and every function module
 * ({@link FunctionPatterns#map}); bits of codeword
 * {@code i} are the {@code 8i}th to {@code 8i + 7}th modules met. Codewords are the blocks' data
 * interleaved, shorter blocks first, then their error correction interleaved (§7.6); blocks and
 * their sizes are ZXing's tables ({@link Version#getECBlocksForLevel}).
 */
public final class Codewords {
    private static final ConcurrentMap<String, Codewords> MAPS = new ConcurrentHashMap<>();

    private final int size;
    /** By module {@code y * size + x}: the codeword it carries, -1 for function and remainder modules. */
    private final int[] codewordAt;
    /** By codeword: its block. */
    private final int[] blockOf;
    private final int[] correctable;

    private Codewords(int size, int[] codewordAt, int[] blockOf, int[] correctable) {
        this.size = size;
        this.codewordAt = codewordAt;
        this.blockOf = blockOf;
        this.correctable = correctable;
    }

    /** The map of every symbol of this version and level; the same instance each time. */
    public static Codewords of(int version, EcLevel level) {
        return MAPS.computeIfAbsent(version + "-" + level, key -> build(version, level));
    }

    private static Codewords build(int version, EcLevel level) {
        Version zxing = Version.getVersionForNumber(version);
        int size = zxing.getDimensionForVersion();
        boolean[] function = FunctionPatterns.map(version);
        Version.ECBlocks ec = zxing.getECBlocksForLevel(level.zxing);
        int[] dataPerBlock = Arrays.stream(ec.getECBlocks())
                .flatMapToInt(group -> IntStream.generate(group::getDataCodewords).limit(group.getCount()))
                .toArray();
        int blocks = dataPerBlock.length;
        int ecPerBlock = ec.getECCodewordsPerBlock();
        int total = zxing.getTotalCodewords();

        int[] blockOf = new int[total];
        int next = 0;
        int longest = Arrays.stream(dataPerBlock).max().orElse(0);
        for (int i = 0; i < longest; i++) {
            for (int b = 0; b < blocks; b++) {
                if (i < dataPerBlock[b]) {
                    blockOf[next++] = b;
                }
            }
        }
        for (int i = 0; i < ecPerBlock; i++) {
            for (int b = 0; b < blocks; b++) {
                blockOf[next++] = b;
            }
        }

        int[] codewordAt = new int[size * size];
        Arrays.fill(codewordAt, -1);
        int bit = 0;
        boolean upwards = true;
        for (int right = size - 1; right > 0; right -= 2) {
            if (right == 6) {
                right--; // the vertical timing pattern takes this whole column
            }
            for (int step = 0; step < size; step++) {
                int y = upwards ? size - 1 - step : step;
                for (int x = right; x >= right - 1; x--) {
                    if (!function[y * size + x]) {
                        // Past the last codeword come the remainder bits, which carry nothing.
                        if (bit < 8 * total) {
                            codewordAt[y * size + x] = bit / 8;
                        }
                        bit++;
                    }
                }
            }
            upwards = !upwards;
        }

        int[] correctable = new int[blocks];
        Arrays.fill(correctable, (ecPerBlock - misdecodeProtection(version, level)) / 2);
        return new Codewords(size, codewordAt, blockOf, correctable);
    }

    /**
     * Codewords the smallest symbols keep back to detect a wrong correction rather than correct
     * (ISO/IEC 18004 Table 9, "p"): they do not count towards what a block corrects.
     */
    private static int misdecodeProtection(int version, EcLevel level) {
        return switch (version) {
            case 1 -> switch (level) {
                case L -> 3;
                case M -> 2;
                default -> 1;
            };
            case 2 -> level == EcLevel.L ? 2 : 0;
            case 3 -> level == EcLevel.L ? 1 : 0;
            default -> 0;
        };
    }

    /** Modules per side. */
    public int size() {
        return size;
    }

    public int blocks() {
        return correctable.length;
    }

    /** Codewords of {@code block} that may be lost and the block still read. */
    public int correctable(int block) {
        return correctable[block];
    }

    /** The codeword module (x, y) carries; -1 for a function or remainder module. */
    public int codewordAt(int x, int y) {
        return codewordAt[y * size + x];
    }

    public int blockOf(int codeword) {
        return blockOf[codeword];
    }

    /**
     * Codewords of each block with at least one module inside the square of {@code side} modules
     * whose top-left module is ({@code left}, {@code top}).
     */
    public int[] lostUnder(int left, int top, int side) {
        boolean[] lost = new boolean[blockOf.length];
        for (int y = Math.max(0, top); y < Math.min(size, top + side); y++) {
            for (int x = Math.max(0, left); x < Math.min(size, left + side); x++) {
                int codeword = codewordAt(x, y);
                if (codeword >= 0) {
                    lost[codeword] = true;
                }
            }
        }
        int[] perBlock = new int[blocks()];
        for (int codeword = 0; codeword < lost.length; codeword++) {
            if (lost[codeword]) {
                perBlock[blockOf[codeword]]++;
            }
        }
        return perBlock;
    }
}
