package dev.wxacode.core.style;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wxacode.core.qr.Codewords;
import dev.wxacode.core.qr.EcLevel;
import dev.wxacode.core.qr.QrEncoder;
import java.util.List;
import org.junit.jupiter.api.Test;

class StylePlanTest {
    private static final QrEncoder ENCODER = new QrEncoder();
    private static final Logo LOGO = Logo.of(TestLogos.brand());
    /** Long enough for version 7, whose middle holds an alignment pattern. */
    private static final String VERSION_7 = "HTTP://WXA.EXAMPLE.COM/L/" + "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".repeat(4)
            + "ABCDEFGHIJ";

    @Test
    void without_a_logo_the_symbol_keeps_the_plain_version_at_the_highest_level_that_version_holds() {
        for (String text : List.of(StyledCodesTest.SHORT, StyledCodesTest.LONG)) {
            StylePlan plan = StylePlan.of(ENCODER, text, CodeStyle.PLAIN.withModules(ModuleShape.DOT));
            assertThat(plan.symbol().version()).isEqualTo(ENCODER.encode(text).version());
            assertThat(plan.symbol().level()).isGreaterThanOrEqualTo(EcLevel.M);
            assertThat(plan.plateSide()).isZero();
        }
        // 40 alphanumeric characters need version 3 at M (version 2 holds 38), which holds 47 at Q and 35 at H.
        StylePlan boosted = StylePlan.of(ENCODER, "A".repeat(40), CodeStyle.PLAIN.withFrame(Frame.ROUND));
        assertThat(boosted.symbol().version()).isEqualTo(3);
        assertThat(boosted.symbol().level()).isEqualTo(EcLevel.Q);
    }

    @Test
    void every_logo_size_that_fits_leaves_each_block_half_of_what_it_corrects() {
        for (String text : List.of(StyledCodesTest.SHORT, StyledCodesTest.LONG)) {
            CodeStyle style = CodeStyle.PLAIN.withLogo(LOGO, CodeStyle.MIN_LOGO_SIZE);
            double largest = StylePlan.largestLogo(ENCODER, text, style).orElseThrow();
            for (int hundredths = 10; hundredths <= Math.round(largest * 100); hundredths++) {
                StylePlan plan = StylePlan.of(ENCODER, text, style.withLogo(LOGO, hundredths / 100.0));
                Codewords map = Codewords.of(plan.symbol().version(), plan.symbol().level());
                int[] lost = map.lostUnder(plan.plateStart(), plan.plateStart(), plan.plateSide());
                for (int block = 0; block < lost.length; block++) {
                    assertThat(lost[block]).as("%s at %d/100, block %d", text, hundredths, block)
                            .isPositive().isLessThanOrEqualTo(map.correctable(block) / 2);
                }
                assertThat(plan.plateSide() % 2).as("odd, so it sits in the middle").isOne();
                assertThat(plan.symbol().version()).isLessThanOrEqualTo(ENCODER.encode(text).version() + StylePlan.MAX_EXTRA_VERSIONS);
            }
        }
    }

    @Test
    void a_larger_logo_raises_the_level_before_the_version() {
        StylePlan small = StylePlan.of(ENCODER, StyledCodesTest.SHORT, CodeStyle.PLAIN.withLogo(LOGO, 0.12));
        StylePlan larger = StylePlan.of(ENCODER, StyledCodesTest.SHORT, CodeStyle.PLAIN.withLogo(LOGO, 0.25));
        assertThat(larger.plateSide()).isGreaterThan(small.plateSide());
        assertThat(larger.symbol().level().compareTo(small.symbol().level()) > 0
                || larger.symbol().version() > small.symbol().version()).isTrue();
    }

    @Test
    void a_logo_larger_than_any_symbol_of_the_text_carries_is_refused_with_the_block_that_cannot_lose_it() {
        CodeStyle style = CodeStyle.PLAIN.withLogo(LOGO, CodeStyle.MIN_LOGO_SIZE);
        double largest = StylePlan.largestLogo(ENCODER, StyledCodesTest.LONG, style).orElseThrow();
        assertThat(largest).isLessThan(CodeStyle.MAX_LOGO_SIZE);
        assertThatThrownBy(() -> StylePlan.of(ENCODER, StyledCodesTest.LONG, style.withLogo(LOGO, largest + 0.01)))
                .isInstanceOf(StylePlan.LogoDoesNotFit.class)
                .hasMessageContaining("codewords of block")
                .hasMessageContaining("keep half of what it corrects");
    }

    @Test
    void no_logo_fits_a_symbol_with_an_alignment_pattern_in_its_middle() {
        assertThat(ENCODER.encode(VERSION_7).version()).isEqualTo(7);
        CodeStyle style = CodeStyle.PLAIN.withLogo(LOGO, CodeStyle.MIN_LOGO_SIZE);
        assertThatThrownBy(() -> StylePlan.of(ENCODER, VERSION_7, style))
                .isInstanceOf(StylePlan.LogoDoesNotFit.class)
                .hasMessageContaining("version 7 has an alignment pattern under it");
        assertThat(StylePlan.largestLogo(ENCODER, VERSION_7, style)).isEmpty();
    }

    @Test
    void the_plate_is_the_odd_number_of_modules_nearest_below_the_share() {
        assertThat(StylePlan.plateSide(37, 0.2)).isEqualTo(7);
        assertThat(StylePlan.plateSide(33, 0.3)).isEqualTo(9);
        assertThat(StylePlan.plateSide(29, 0.1)).isEqualTo(3);
    }
}
