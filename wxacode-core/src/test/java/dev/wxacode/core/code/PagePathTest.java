package dev.wxacode.core.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wxacode.core.wire.Errcode;
import dev.wxacode.core.wire.WxException;
import org.junit.jupiter.api.Test;

class PagePathTest {

    @Test
    void ordinary_paths_and_empty_are_accepted() {
        assertThat(new PagePath("pages/index/index").isHome()).isFalse();
        assertThat(new PagePath("").isHome()).isTrue();
        assertThat(new PagePath(null).isHome()).isTrue();
    }

    @Test
    void leading_slash_gets_41030() {
        assertErrcode("/pages/index/index", Errcode.INVALID_PAGE);
    }

    @Test
    void query_string_gets_41030() {
        assertErrcode("pages/index/index?id=1", Errcode.INVALID_PAGE);
    }

    @Test
    void scancode_time_gets_85096_even_with_a_query() {
        assertErrcode("pages/index/index?scancode_time=1", Errcode.SCANCODE_TIME_NOT_ALLOWED);
        assertErrcode("pages/scancode_time/index", Errcode.SCANCODE_TIME_NOT_ALLOWED);
    }

    @Test
    void spaces_controls_and_overlong_paths_get_41030() {
        assertErrcode("pages/a b", Errcode.INVALID_PAGE);
        assertErrcode("pages/a\nb", Errcode.INVALID_PAGE);
        assertErrcode("p".repeat(PagePath.MAX_LENGTH + 1), Errcode.INVALID_PAGE);
        assertThat(new PagePath("p".repeat(PagePath.MAX_LENGTH)).value()).hasSize(PagePath.MAX_LENGTH);
    }

    private static void assertErrcode(String page, Errcode expected) {
        assertThatThrownBy(() -> new PagePath(page))
                .isInstanceOfSatisfying(WxException.class, e -> assertThat(e.errcode()).isEqualTo(expected));
    }
}
