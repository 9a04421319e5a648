package dev.wxacode.server.code;

import static dev.wxacode.server.TestServer.OFFICIAL;
import static dev.wxacode.server.TestServer.OFFICIAL_SECRET;
import static dev.wxacode.server.TestServer.SHOP;
import static dev.wxacode.server.TestServer.SHOP_SECRET;
import static dev.wxacode.server.TestServer.UNPUBLISHED;
import static dev.wxacode.server.TestServer.UNPUBLISHED_SECRET;
import static dev.wxacode.server.WireAssert.CHARSET;
import static dev.wxacode.server.WireAssert.ENCODING;
import static dev.wxacode.server.WireAssert.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wxacode.core.wire.Errcode;
import dev.wxacode.server.ServerExtension;
import dev.wxacode.server.TestServer;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every refusal of getwxacodeunlimit in the wire spec, with its exact reply. */
class CodeErrorsTest {
    @RegisterExtension
    static final ServerExtension server = ServerExtension.shared("WXACODE_MAX_BODY_BYTES", "2048");
    final TestServer s = server.get();
    final String token = server.shopToken();

    void assertCode(String body, Errcode errcode) {
        assertError(s.code(token, body), errcode, CHARSET, s);
    }

    @Test
    void no_access_token_gets_41001() {
        assertError(s.post("/wxa/getwxacodeunlimit", "{\"scene\":\"a\"}"), Errcode.ACCESS_TOKEN_MISSING, ENCODING, s);
        assertError(s.post("/wxa/getwxacodeunlimit?access_token=", "{\"scene\":\"a\"}"), Errcode.ACCESS_TOKEN_MISSING, ENCODING, s);
    }

    @Test
    void an_access_token_in_the_body_only_gets_41001() {
        assertError(s.post("/wxa/getwxacodeunlimit", "{\"scene\":\"a\",\"access_token\":\"" + token + "\"}"),
                Errcode.ACCESS_TOKEN_MISSING, ENCODING, s);
    }

    @Test
    void an_access_token_in_the_body_as_well_gets_47001() {
        assertCode("{\"scene\":\"a\",\"access_token\":\"" + token + "\"}", Errcode.DATA_FORMAT_ERROR);
    }

    @Test
    void an_unknown_token_gets_40001_with_the_long_text() {
        HttpResponse<byte[]> response = s.code("98_" + "x".repeat(133), "{\"scene\":\"a\"}");
        assertError(response, Errcode.INVALID_CREDENTIAL, ENCODING, s);
        assertThat(TestServer.text(response)).contains("not latest, could get access_token by getStableAccessToken");
        assertError(s.code("garbage", "{\"scene\":\"a\"}"), Errcode.INVALID_CREDENTIAL, ENCODING, s);
    }

    @Test
    void the_token_is_checked_before_the_body() {
        assertError(s.code("nope", "not json"), Errcode.INVALID_CREDENTIAL, ENCODING, s);
    }

    @Test
    void an_official_account_token_gets_48001() {
        assertError(s.code(s.token(OFFICIAL, OFFICIAL_SECRET), "{\"scene\":\"a\"}"), Errcode.API_UNAUTHORIZED, ENCODING, s);
    }

    @Test
    void get_gets_43002() {
        assertError(s.get("/wxa/getwxacodeunlimit?access_token=" + token), Errcode.REQUIRE_POST_METHOD, CHARSET, s);
    }

    @Test
    void an_empty_body_gets_44002() {
        assertCode("", Errcode.EMPTY_POST_DATA);
        assertCode("  \n", Errcode.EMPTY_POST_DATA);
    }

    @ParameterizedTest
    @ValueSource(strings = {"scene=a", "{\"scene\":\"a\"", "[\"scene\"]", "\"scene\"", "42", "null",
            "{\"scene\":\"a\"} {}", "{\"scene\":\"a\",\"scene\":\"b\"}", "{'scene':'a'}"})
    void a_body_that_is_not_one_json_object_gets_47001(String body) {
        assertCode(body, Errcode.DATA_FORMAT_ERROR);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"scene\":42}",
            "{\"scene\":\"a\",\"is_hyaline\":1}",
            "{\"scene\":\"a\",\"is_hyaline\":\"true\"}",
            "{\"scene\":\"a\",\"auto_color\":0}",
            "{\"scene\":\"a\",\"check_path\":\"false\"}",
            "{\"scene\":\"a\",\"env_version\":true}",
            "{\"scene\":\"a\",\"page\":[\"pages/index/index\"]}",
            "{\"scene\":\"a\",\"width\":true}",
            "{\"scene\":\"a\",\"width\":\"wide\"}",
            "{\"scene\":\"a\",\"width\":{}}",
            "{\"scene\":\"a\",\"line_color\":\"#ff0000\"}",
            "{\"scene\":\"a\",\"line_color\":{\"r\":\"red\"}}",
            "{\"scene\":\"a\",\"line_color\":{\"r\":0,\"alpha\":1}}",
            "{\"scene\":\"a\",\"check_page\":true}",
            "{\"scene\":\"a\",\"path\":\"pages/index/index\"}"})
    void a_wrong_type_or_unknown_key_gets_47001(String body) {
        assertCode(body, Errcode.DATA_FORMAT_ERROR);
    }

    @Test
    void types_are_checked_before_values() {
        assertCode("{\"scene\":\"\",\"is_hyaline\":1}", Errcode.DATA_FORMAT_ERROR);
    }

    @Test
    void a_body_over_the_cap_gets_47001() {
        assertCode("{\"scene\":\"a\",\"page\":\"" + "p".repeat(4000) + "\"}", Errcode.DATA_FORMAT_ERROR);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"scene\":\"\"}", "{\"scene\":null}", "{\"scene\":\"123456789012345678901234567890123\"}",
            "{\"page\":\"pages/index/index\"}"})
    void a_missing_empty_or_too_long_scene_gets_40169(String body) {
        assertCode(body, Errcode.INVALID_SCENE_LENGTH);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a b", "100%", "中文", "a\\\"b", "<x>", "a|b"})
    void a_scene_character_outside_the_set_gets_40129(String scene) {
        assertCode("{\"scene\":\"" + scene + "\"}", Errcode.INVALID_SCENE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "prod", "Release", "DEVELOP"})
    void a_bad_env_version_gets_40097(String env) {
        assertCode("{\"scene\":\"a\",\"env_version\":\"" + env + "\"}", Errcode.INVALID_ENV_VERSION);
    }

    @Test
    void scene_is_checked_before_env_version_and_env_version_before_page() {
        assertCode("{\"scene\":\"\",\"env_version\":\"x\",\"page\":\"/a\"}", Errcode.INVALID_SCENE_LENGTH);
        assertCode("{\"scene\":\"a\",\"env_version\":\"x\",\"page\":\"/a\"}", Errcode.INVALID_ENV_VERSION);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/pages/index/index", "pages/index/index?id=1", "pages/nowhere/index", "pages/dev/index"})
    void a_malformed_or_unreleased_page_gets_41030(String page) {
        assertCode("{\"scene\":\"a\",\"page\":\"" + page + "\"}", Errcode.INVALID_PAGE);
    }

    @Test
    void a_page_released_only_in_another_build_gets_41030() {
        assertCode("{\"scene\":\"a\",\"page\":\"pages/trial/index\"}", Errcode.INVALID_PAGE);
        assertCode("{\"scene\":\"a\",\"page\":\"pages/detail/detail\",\"env_version\":\"trial\"}", Errcode.INVALID_PAGE);
    }

    @Test
    void an_unpublished_app_gets_41030_unless_check_path_is_false() {
        String unpublished = s.token(UNPUBLISHED, UNPUBLISHED_SECRET);
        assertError(s.code(unpublished, "{\"scene\":\"a\"}"), Errcode.INVALID_PAGE, CHARSET, s);
        assertThat(s.code(unpublished, "{\"scene\":\"a\",\"check_path\":false}").headers().firstValue("Content-Type"))
                .contains("image/jpeg");
    }

    @Test
    void a_leading_slash_gets_41030_even_with_check_path_false() {
        assertCode("{\"scene\":\"a\",\"page\":\"/pages/index/index\",\"check_path\":false}", Errcode.INVALID_PAGE);
    }

    @Test
    void scancode_time_in_the_page_gets_85096() {
        assertCode("{\"scene\":\"a\",\"page\":\"pages/index/index?scancode_time=1\"}", Errcode.SCANCODE_TIME_NOT_ALLOWED);
    }

    @Test
    void errors_never_carry_a_content_disposition() {
        HttpResponse<byte[]> response = s.code(token, "{\"scene\":\"\"}");
        assertThat(response.headers().firstValue("Content-Disposition")).isEmpty();
    }
}
