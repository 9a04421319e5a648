package dev.wxacode.server.internal.code;

import static dev.wxacode.server.TestServer.OFFICIAL;
import static dev.wxacode.server.TestServer.OFFICIAL_SECRET;
import static dev.wxacode.server.TestServer.UNPUBLISHED;
import static dev.wxacode.server.TestServer.UNPUBLISHED_SECRET;
import static dev.wxacode.server.WireAssert.CHARSET;
import static dev.wxacode.server.WireAssert.ENCODING;
import static dev.wxacode.server.WireAssert.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wxacode.core.wire.Errcode;
import dev.wxacode.server.ServerExtension;
import dev.wxacode.server.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
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
    void check_path_looks_at_the_published_build_whatever_env_version_asks_for() {
        assertCode("{\"scene\":\"a\",\"page\":\"pages/trial/index\"}", Errcode.INVALID_PAGE);
        assertCode("{\"scene\":\"a\",\"page\":\"pages/trial/index\",\"env_version\":\"trial\"}", Errcode.INVALID_PAGE);
        assertCode("{\"scene\":\"a\",\"page\":\"pages/dev/index\",\"env_version\":\"develop\"}", Errcode.INVALID_PAGE);
    }

    @Test
    void an_app_with_only_a_trial_build_is_not_published() {
        String appid = TestServer.json(s.admin("POST", "/admin/apps", "{}")).get("appid").asText();
        String secret = TestServer.json(s.admin("POST", "/admin/apps/" + appid + "/secret", null)).get("secret").asText();
        s.admin("PUT", "/admin/apps/" + appid + "/releases/trial", "{\"pages\":[\"pages/index/index\"]}");
        assertError(s.code(s.token(appid, secret), "{\"scene\":\"a\",\"env_version\":\"trial\"}"), Errcode.INVALID_PAGE, CHARSET, s);
    }

    @Test
    void the_account_type_is_checked_before_the_body() {
        String official = s.token(OFFICIAL, OFFICIAL_SECRET);
        assertError(s.code(official, "not json"), Errcode.API_UNAUTHORIZED, ENCODING, s);
        assertError(s.post("/wxa/getwxacodeunlimit?access_token=" + official, "multipart/form-data; boundary=x",
                "--x\r\nContent-Disposition: form-data; name=\"scene\"\r\n\r\na\r\n--x--\r\n".getBytes()),
                Errcode.API_UNAUTHORIZED, ENCODING, s);
    }

    @Test
    void a_multipart_form_body_gets_47001() {
        assertError(s.post("/wxa/getwxacodeunlimit?access_token=" + token, "multipart/form-data; boundary=x",
                "--x\r\nContent-Disposition: form-data; name=\"scene\"\r\n\r\na\r\n--x--\r\n".getBytes()),
                Errcode.DATA_FORMAT_ERROR, CHARSET, s);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PUT", "DELETE", "PATCH", "OPTIONS"})
    void any_other_method_gets_wechats_method_error_with_http_200(String method) {
        HttpResponse<byte[]> code = s.send(HttpRequest.newBuilder(URI.create(s.url("/wxa/getwxacodeunlimit?access_token=" + token)))
                .method(method, HttpRequest.BodyPublishers.ofString("{\"scene\":\"a\"}")));
        assertError(code, Errcode.REQUIRE_POST_METHOD, CHARSET, s);
        HttpResponse<byte[]> tokenCall = s.send(HttpRequest.newBuilder(URI.create(s.url("/cgi-bin/token")))
                .method(method, HttpRequest.BodyPublishers.noBody()));
        assertError(tokenCall, Errcode.REQUIRE_GET_METHOD, ENCODING, s);
        HttpResponse<byte[]> stable = s.send(HttpRequest.newBuilder(URI.create(s.url("/cgi-bin/stable_token")))
                .method(method, HttpRequest.BodyPublishers.noBody()));
        assertError(stable, Errcode.REQUIRE_POST_METHOD, ENCODING, s);
    }

    @Test
    void a_new_page_beyond_the_apps_page_table_gets_41030(@TempDir Path dir) {
        try (TestServer capped = TestServer.start(dir, "WXACODE_MAX_PAGES_PER_APP", "2")) {
            String t = capped.token(UNPUBLISHED, UNPUBLISHED_SECRET);
            String body = "{\"scene\":\"a\",\"check_path\":false,\"page\":\"pages/%s/index\"}";
            assertThat(capped.code(t, body.formatted("one")).headers().firstValue("Content-Type")).contains("image/jpeg");
            assertThat(capped.code(t, body.formatted("two")).headers().firstValue("Content-Type")).contains("image/jpeg");
            assertError(capped.code(t, body.formatted("three")), Errcode.INVALID_PAGE, CHARSET, capped);
            assertThat(capped.code(t, body.formatted("one")).headers().firstValue("Content-Type")).contains("image/jpeg");
        }
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
