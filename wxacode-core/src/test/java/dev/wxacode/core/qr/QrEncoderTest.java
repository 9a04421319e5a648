package dev.wxacode.core.qr;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QrEncoderTest {

    /**
     * A golden symbol: if the encoder library, the mode choice or the error correction level ever
     * changes, every code we have printed would change its look; this test makes that a decision,
     * not an accident. (Moving from ZXing's encoder to Nayuki's kept this symbol bit for bit.)
     */
    @Test
    void a_known_text_gives_the_known_symbol() {
        QrMatrix matrix = new QrEncoder().encode("HTTP://127.0.0.1:8080/L/AB");
        assertThat(render(matrix)).isEqualTo(GOLDEN);
    }

    @Test
    void versions_grow_with_the_text() {
        assertThat(new QrEncoder().encode("A").version()).isEqualTo(1);
        assertThat(new QrEncoder().encode("A".repeat(122)).version()).isEqualTo(5);
        assertThat(new QrEncoder().encode("A".repeat(123)).version()).isEqualTo(6);
    }

    private static String render(QrMatrix matrix) {
        StringBuilder out = new StringBuilder();
        for (int y = 0; y < matrix.size(); y++) {
            for (int x = 0; x < matrix.size(); x++) {
                out.append(matrix.isDark(x, y) ? '#' : '.');
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static final String GOLDEN = """
            #######..##.##.##.#######
            #.....#....##.#.#.#.....#
            #.###.#.#.#...##..#.###.#
            #.###.#.##.##..#..#.###.#
            #.###.#.##...#..#.#.###.#
            #.....#.##.####...#.....#
            #######.#.#.#.#.#.#######
            ........##.###..#........
            #.#####.....#.#.#.#####..
            #####..##.#....##.#.#....
            .#.####.#.#........#...##
            .....#.#.##.#.#..#.##.#..
            #.##..#...##.......#..#..
            #..#...#....####.#.#.##..
            #.###.###.#..###..#......
            #..#.#..###.##.#.####.###
            #.#..###....#.#######.#.#
            ........###.....#...#.##.
            #######..####..##.#.##..#
            #.....#.#.##..###...#####
            #.###.#.##.#...#######.#.
            #.###.#.#.#.####.#..##..#
            #.###.#.#....###.#.###..#
            #.....#..##.##.#.#.#.....
            #######.##..#.#...#..##.#
            """;
}
