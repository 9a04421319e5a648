package dev.wxacode.server.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wxacode.core.wire.Errcode;
import dev.wxacode.core.wire.WxException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestBodyTest {
    static RequestBody body(String text) {
        return new RequestBody(text.getBytes(StandardCharsets.UTF_8), false);
    }

    static void assertRefused(RequestBody body, Errcode expected) {
        assertThatThrownBy(() -> body.object(Errcode.DATA_FORMAT_ERROR))
                .isInstanceOfSatisfying(WxException.class, e -> assertThat(e.errcode()).isEqualTo(expected));
    }

    @Test
    void the_route_and_whoever_looks_later_share_one_parsed_tree() {
        RequestBody body = body("{\"scene\":\"a\"}");
        ObjectNode looked = body.peek().orElseThrow();
        ObjectNode required = body.object(Errcode.DATA_FORMAT_ERROR);
        assertThat(required).isSameAs(looked);
        assertThat(required.get("scene").textValue()).isEqualTo("a");
        assertThat(body.length()).isEqualTo(13);
    }

    @Test
    void a_blank_body_is_44002_and_anything_but_an_object_the_routes_format_error() {
        assertRefused(body(""), Errcode.EMPTY_POST_DATA);
        assertRefused(body(" \r\n\t"), Errcode.EMPTY_POST_DATA);
        for (String notObject : new String[] {"[1]", "\"a\"", "not json", "{\"a\":1} x", "{\"a\":1,\"a\":2}"}) {
            assertRefused(body(notObject), Errcode.DATA_FORMAT_ERROR);
            assertThat(body(notObject).peek()).as(notObject).isEmpty();
        }
        assertThatThrownBy(() -> body("[]").object(Errcode.INVALID_ARGUMENT))
                .isInstanceOfSatisfying(WxException.class, e -> assertThat(e.errcode()).isEqualTo(Errcode.INVALID_ARGUMENT));
    }

    @Test
    void a_body_nested_too_deep_is_a_format_error_not_a_failure() {
        String deep = "{\"a\":".repeat(40) + "1" + "}".repeat(40);
        assertRefused(body(deep), Errcode.DATA_FORMAT_ERROR);
        assertThat(body(deep).peek()).isEmpty();
    }
}
