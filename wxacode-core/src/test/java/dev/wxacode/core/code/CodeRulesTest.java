package dev.wxacode.core.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wxacode.core.wire.Errcode;
import dev.wxacode.core.wire.WxException;
import org.junit.jupiter.api.Test;

class CodeRulesTest {

    @Test
    void widths_are_clamped_to_280_1280_and_fractions_dropped() {
        assertThat(CodeRequest.clampWidth(-5)).isEqualTo(280);
        assertThat(CodeRequest.clampWidth(100)).isEqualTo(280);
        assertThat(CodeRequest.clampWidth(280)).isEqualTo(280);
        assertThat(CodeRequest.clampWidth(430.9)).isEqualTo(430);
        assertThat(CodeRequest.clampWidth(1280)).isEqualTo(1280);
        assertThat(CodeRequest.clampWidth(1e30)).isEqualTo(1280);
        assertThat(CodeRequest.clampWidth(Double.NaN)).isEqualTo(280);
    }

    @Test
    void defaults_follow_the_wire_spec() {
        CodeRequest request = CodeRequest.of("a=1");
        assertThat(request.page().isHome()).isTrue();
        assertThat(request.checkPath()).isTrue();
        assertThat(request.envVersion()).isEqualTo(EnvVersion.RELEASE);
        assertThat(request.width()).isEqualTo(430);
        assertThat(request.autoColor()).isFalse();
        assertThat(request.lineColor()).isEqualTo(LineColor.BLACK);
        assertThat(request.isHyaline()).isFalse();
    }

    @Test
    void values_are_checked_scene_first_then_env_version_then_page() {
        assertThatThrownBy(() -> CodeRequest.checked("", "/p", true, "prod", 430, false, null, false))
                .isInstanceOfSatisfying(WxException.class, e -> assertThat(e.errcode()).isEqualTo(Errcode.INVALID_SCENE_LENGTH));
        assertThatThrownBy(() -> CodeRequest.checked("a", "/p", true, "prod", 430, false, null, false))
                .isInstanceOfSatisfying(WxException.class, e -> assertThat(e.errcode()).isEqualTo(Errcode.INVALID_ENV_VERSION));
        assertThatThrownBy(() -> CodeRequest.checked("a", "/p", true, "trial", 430, false, null, false))
                .isInstanceOfSatisfying(WxException.class, e -> assertThat(e.errcode()).isEqualTo(Errcode.INVALID_PAGE));
    }

    @Test
    void checked_values_take_the_wire_defaults_for_what_is_absent() {
        CodeRequest request = CodeRequest.checked("a=1", null, false, null, 99.5, true, null, true);
        assertThat(request).isEqualTo(new CodeRequest(new Scene("a=1"), PagePath.HOME, false, EnvVersion.RELEASE, 280, true,
                LineColor.BLACK, true));
    }

    @Test
    void env_version_accepts_exactly_three_names() {
        assertThat(EnvVersion.fromWire("release")).isEqualTo(EnvVersion.RELEASE);
        assertThat(EnvVersion.fromWire("trial")).isEqualTo(EnvVersion.TRIAL);
        assertThat(EnvVersion.fromWire("develop")).isEqualTo(EnvVersion.DEVELOP);
        for (String bad : new String[] {"", "Release", "prod", "develop "}) {
            assertThatThrownBy(() -> EnvVersion.fromWire(bad)).isInstanceOfSatisfying(WxException.class,
                    e -> assertThat(e.errcode()).isEqualTo(Errcode.INVALID_ENV_VERSION));
        }
    }

    @Test
    void line_colour_components_are_clamped() {
        assertThat(new LineColor(-1, 300, 128)).isEqualTo(new LineColor(0, 255, 128));
        assertThat(LineColor.parseHex("#07C160").rgb()).isEqualTo(0x07C160);
        assertThat(LineColor.ofRgb(0x123456).hex()).isEqualTo("#123456");
    }

    @Test
    void appid_must_look_like_a_real_one() {
        assertThat(new Appid("wx0123456789abcdef").toBytes()).hasSize(8);
        assertThat(Appid.fromBytes(new Appid("wx0123456789abcdef").toBytes()).value()).isEqualTo("wx0123456789abcdef");
        assertThat(Appid.isWellFormed("wx0123456789ABCDEF")).isFalse();
        assertThat(Appid.isWellFormed("wx0123456789abcde")).isFalse();
        assertThat(Appid.isWellFormed("tt0123456789abcdef")).isFalse();
    }
}
