package dev.wxacode.core.qr;

import static org.assertj.core.api.Assertions.assertThat;

import io.nayuki.qrcodegen.QrCode;
import io.nayuki.qrcodegen.QrSegment;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The bit-row mask choice against Nayuki's own, module for module. */
class MaskChoiceTest {
    private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567 $%*+-./:";
    private static final String ANY = UPPER + "abcdefghijklmnopqrstuvwxyz?&=_~";

    @Test
    void every_mask_and_the_choice_match_nayuki_for_versions_1_to_11_at_every_level() {
        Random random = new Random(18004);
        int[][] seen = new int[QrCode.Ecc.values().length][41];
        for (int i = 0; i < 1200; i++) {
            String text = randomText(random, 1 + random.nextInt(280), i % 3 == 0 ? ANY : UPPER);
            QrCode.Ecc level = QrCode.Ecc.values()[i % QrCode.Ecc.values().length];
            List<QrSegment> segments = QrSegment.makeSegments(text);
            QrCode auto = QrCode.encodeSegments(segments, level, 1, 40, -1, false);
            if (!MaskChoice.fits(auto.size)) {
                continue;
            }
            seen[level.ordinal()][auto.version]++;
            MaskChoice choice = new MaskChoice(QrCode.encodeSegments(segments, level, 1, 40, 0, false));
            assertThat(choice.best()).as("%s (version %d-%s)", text, auto.version, level).isEqualTo(auto.mask);
            for (int mask = 0; mask < 8; mask++) {
                QrCode nayuki = QrCode.encodeSegments(segments, level, 1, 40, mask, false);
                assertSame(choice.rows(mask), nayuki, text + " " + level + " mask " + mask);
            }
        }
        for (QrCode.Ecc level : QrCode.Ecc.values()) {
            for (int version = 1; version <= 9; version++) {
                assertThat(seen[level.ordinal()][version]).as("texts of version %d-%s", version, level).isPositive();
            }
        }
    }

    @Test
    void the_encoder_gives_nayukis_symbol_for_a_link() {
        String link = "HTTP://127.0.0.1:8080/L/CEAQEAYEAUDAOCAJAIFAYDIOB4IBCEQTCQKRMFYYDENBWHA3DQ";
        QrCode nayuki = QrCode.encodeText(link, QrCode.Ecc.MEDIUM);
        QrMatrix ours = new QrEncoder().encode(link);
        assertThat(nayuki.errorCorrectionLevel).as("no level boost happened").isEqualTo(QrCode.Ecc.MEDIUM);
        for (int y = 0; y < nayuki.size; y++) {
            for (int x = 0; x < nayuki.size; x++) {
                assertThat(ours.isDark(x, y)).as("module %d,%d", x, y).isEqualTo(nayuki.getModule(x, y));
            }
        }
    }

    private static void assertSame(long[] rows, QrCode nayuki, String what) {
        assertThat(rows).hasSize(nayuki.size);
        for (int y = 0; y < nayuki.size; y++) {
            for (int x = 0; x < nayuki.size; x++) {
                assertThat((rows[y] >>> x & 1) != 0).as("%s module %d,%d", what, x, y).isEqualTo(nayuki.getModule(x, y));
            }
        }
    }

    private static String randomText(Random random, int length, String alphabet) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}
