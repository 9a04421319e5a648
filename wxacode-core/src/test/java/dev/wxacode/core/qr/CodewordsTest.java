package dev.wxacode.core.qr;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.ReaderException;
import com.google.zxing.qrcode.decoder.Decoder;
import com.google.zxing.qrcode.decoder.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The module-to-codeword map against the standard's counts and ZXing's decoder. */
class CodewordsTest {
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 $%*+-./:";

    @ParameterizedTest
    @EnumSource(EcLevel.class)
    void every_codeword_has_eight_modules_and_only_remainder_bits_are_left(EcLevel level) {
        for (int version = 1; version <= 40; version++) {
            Codewords map = Codewords.of(version, level);
            Version zxing = Version.getVersionForNumber(version);
            int total = zxing.getTotalCodewords();
            int[] modules = new int[total];
            int carrying = 0;
            for (int y = 0; y < map.size(); y++) {
                for (int x = 0; x < map.size(); x++) {
                    int codeword = map.codewordAt(x, y);
                    if (codeword >= 0) {
                        modules[codeword]++;
                        carrying++;
                    }
                }
            }
            assertThat(modules).as("version %d", version).containsOnly(8);
            boolean[] function = FunctionPatterns.map(version);
            int free = 0;
            for (boolean f : function) {
                free += f ? 0 : 1;
            }
            // ISO/IEC 18004 Table 1: 0, 3, 4 or 7 remainder bits.
            assertThat(free - carrying).as("remainder bits of version %d", version).isIn(0, 3, 4, 7);
            int blocks = zxing.getECBlocksForLevel(level.zxing).getNumBlocks();
            assertThat(map.blocks()).isEqualTo(blocks);
        }
    }

    /**
     * The map is right exactly when ZXing, decoding a symbol with one bit wrong in each of some of
     * one block's codewords, reads it while no more are wrong than the map says the block corrects,
     * and fails at one more. Versions 1 to 3 keep codewords back against wrong corrections, which
     * the map does not count and ZXing uses anyway: there, only the first half holds.
     */
    @Test
    void a_block_reads_with_as_many_wrong_codewords_as_it_corrects_and_not_one_more() {
        Random random = new Random(2);
        for (int version : new int[] {1, 2, 3, 4, 5, 6, 7, 10, 14}) {
            for (EcLevel level : EcLevel.values()) {
                String text = fill(version, level, random);
                QrSymbol symbol = QrSymbol.of(text, level, version, false);
                assertThat(symbol.version()).isEqualTo(version);
                QrMatrix matrix = symbol.withMask(symbol.standardMask());
                Codewords map = Codewords.of(version, level);
                for (int block = 0; block < map.blocks(); block++) {
                    List<int[]> firstModules = firstModuleOfEachCodeword(map, block);
                    int correctable = map.correctable(block);
                    String what = "version " + version + "-" + level + " block " + block;
                    assertThat(decode(matrix, firstModules.subList(0, correctable))).as(what).isEqualTo(text);
                    if (version >= 4) {
                        assertThat(decode(matrix, firstModules.subList(0, correctable + 1))).as(what).isNotEqualTo(text);
                    }
                }
            }
        }
    }

    /** The codewords of one block in order, each by its first module (x, y). */
    private static List<int[]> firstModuleOfEachCodeword(Codewords map, int block) {
        List<int[]> first = new ArrayList<>();
        boolean[] seen = new boolean[8 * 3706];
        for (int y = 0; y < map.size(); y++) {
            for (int x = 0; x < map.size(); x++) {
                int codeword = map.codewordAt(x, y);
                if (codeword >= 0 && map.blockOf(codeword) == block && !seen[codeword]) {
                    seen[codeword] = true;
                    first.add(new int[] {x, y});
                }
            }
        }
        return first;
    }

    /** The text ZXing reads with these modules flipped, or "" when it reads none. */
    private static String decode(QrMatrix matrix, List<int[]> flipped) {
        boolean[][] modules = new boolean[matrix.size()][matrix.size()];
        for (int y = 0; y < matrix.size(); y++) {
            for (int x = 0; x < matrix.size(); x++) {
                modules[y][x] = matrix.isDark(x, y);
            }
        }
        for (int[] at : flipped) {
            modules[at[1]][at[0]] = !modules[at[1]][at[0]];
        }
        try {
            return new Decoder().decode(modules).getText();
        } catch (ReaderException e) {
            return "";
        }
    }

    /** The longest alphanumeric text that still fits {@code version} at {@code level}. */
    private static String fill(int version, EcLevel level, Random random) {
        StringBuilder text = new StringBuilder();
        while (true) {
            text.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
            if (QrSymbol.of(text.toString(), level, 1, false).version() > version) {
                return text.substring(0, text.length() - 1);
            }
        }
    }
}
