package dev.wxacode.core.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wxacode.core.wire.Errcode;
import dev.wxacode.core.wire.WxException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SceneTest {

    @Test
    void every_documented_character_is_accepted() {
        String all = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$&'()*+,/:;=?@-._~";
        for (int i = 0; i < all.length(); i += Scene.MAX_LENGTH) {
            String chunk = all.substring(i, Math.min(all.length(), i + Scene.MAX_LENGTH));
            assertThat(new Scene(chunk).value()).isEqualTo(chunk);
        }
    }

    @Test
    void thirty_two_characters_are_the_limit() {
        assertThat(new Scene("a".repeat(32)).value()).hasSize(32);
        assertErrcode("a".repeat(33), Errcode.INVALID_SCENE_LENGTH);
    }

    @Test
    void empty_scene_gets_40169() {
        assertErrcode("", Errcode.INVALID_SCENE_LENGTH);
        assertErrcode(null, Errcode.INVALID_SCENE_LENGTH);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a b", "100%", "中文", "a\"b", "a<b", "tab\t", "[x]", "a\\b", "{}", "^", "`", "|"})
    void characters_outside_the_set_get_40129(String scene) {
        assertErrcode(scene, Errcode.INVALID_SCENE);
    }

    @Test
    void length_is_checked_before_characters() {
        assertErrcode(" ".repeat(40), Errcode.INVALID_SCENE_LENGTH);
    }

    @Test
    void uri_encoding_matches_encodeURIComponent() {
        // encodeURIComponent("!#$&'()*+,/:;=?@-._~") in any browser:
        assertThat(new Scene("!#$&'()*+,/:;=?@-._~").uriEncoded())
                .isEqualTo("!%23%24%26'()*%2B%2C%2F%3A%3B%3D%3F%40-._~");
        assertThat(new Scene("id=42&from=poster").uriEncoded()).isEqualTo("id%3D42%26from%3Dposter");
        assertThat(new Scene("AZaz09").uriEncoded()).isEqualTo("AZaz09");
    }

    private static void assertErrcode(String scene, Errcode expected) {
        assertThatThrownBy(() -> new Scene(scene))
                .isInstanceOfSatisfying(WxException.class, e -> assertThat(e.errcode()).isEqualTo(expected));
    }
}
