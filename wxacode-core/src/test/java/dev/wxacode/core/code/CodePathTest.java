package dev.wxacode.core.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wxacode.core.wire.Errcode;
import dev.wxacode.core.wire.WxException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CodePathTest {
    @Test
    void a_path_is_a_page_and_the_query_the_page_receives() {
        CodePath path = CodePath.parse("pages/a/a?id=42&from=&flag&&id2=x=y", CodePath.MAX_BYTES);
        assertThat(path.page().value()).isEqualTo("pages/a/a");
        assertThat(path.query()).isEqualTo("id=42&from=&flag&&id2=x=y");
        assertThat(path.parameters()).containsExactly(Map.entry("id", "42"), Map.entry("from", ""),
                Map.entry("flag", ""), Map.entry("id2", "x=y"));
        assertThat(path).hasToString("pages/a/a?id=42&from=&flag&&id2=x=y");
    }

    @Test
    void a_repeated_name_keeps_its_last_value_and_values_are_not_decoded() {
        assertThat(CodePath.parse("p?a=1&a=%E4%BD%A0", 64).parameters()).containsExactly(Map.entry("a", "%E4%BD%A0"));
    }

    @Test
    void a_query_alone_is_the_home_page_and_one_leading_slash_is_dropped() {
        CodePath home = CodePath.parse("?foo=bar", 64);
        assertThat(home.page().isHome()).isTrue();
        assertThat(home.parameters()).containsExactly(Map.entry("foo", "bar"));
        assertThat(CodePath.parse("/pages/a", 64)).isEqualTo(new CodePath(new PagePath("pages/a"), ""));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            NULL                    | 64 | INVALID_PATH_LENGTH
            ''                      | 64 | INVALID_PATH_LENGTH
            pages/aaaa              | 9  | INVALID_PATH_LENGTH
            你好                     | 5  | INVALID_PATH_LENGTH
            pages/a?scancode_time=1 | 64 | SCANCODE_TIME_NOT_ALLOWED
            //pages/a               | 64 | INVALID_PAGE
            pages/a b?x=1           | 64 | INVALID_PAGE
            """)
    void a_bad_path_gets_its_errcode(String path, int maxBytes, Errcode errcode) {
        assertThatThrownBy(() -> CodePath.parse(path, maxBytes))
                .isInstanceOfSatisfying(WxException.class, e -> assertThat(e.errcode()).isEqualTo(errcode));
    }

    @Test
    void the_byte_limit_counts_utf8_bytes() {
        assertThat(CodePath.parse("你好", 6).toString()).isEqualTo("你好");
    }
}
