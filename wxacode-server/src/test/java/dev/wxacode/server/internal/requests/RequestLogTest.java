package dev.wxacode.server.internal.requests;

import static dev.wxacode.server.TestServer.SHOP;
import static dev.wxacode.server.TestServer.SHOP_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wxacode.core.wire.Errcode;
import dev.wxacode.server.ServerExtension;
import dev.wxacode.server.TestServer;
import dev.wxacode.server.WireAssert;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The request log through the admin API: what a call leaves in it, and each SDK mistake it warns about. */
class RequestLogTest {
    private static final String LOG = "/admin/apps/" + SHOP + "/requests";
    private static final String TOKEN = "/cgi-bin/token?grant_type=client_credential&appid=" + SHOP + "&secret=" + SHOP_SECRET;

    @RegisterExtension
    static final ServerExtension server = ServerExtension.shared();
    final TestServer s = server.get();

    @BeforeEach
    void emptyTheLog() {
        // Far from every earlier call, so that no call of another test counts as this one's predecessor.
        s.clock.advance(Duration.ofDays(1));
        assertThat(TestServer.json(s.admin("DELETE", LOG, null)).get("requests")).isEmpty();
    }

    @Test
    void a_call_is_logged_with_its_route_fields_answer_and_rid() {
        String token = s.token(SHOP, SHOP_SECRET);
        HttpResponse<byte[]> refused = s.code(token, "{\"scene\":\"id=1\",\"page\":\"pages/nowhere/index\"}");
        WireAssert.assertError(refused, Errcode.INVALID_PAGE, WireAssert.CHARSET, s);

        List<JsonNode> calls = calls();
        assertThat(calls).hasSize(2);
        JsonNode call = calls.get(1);
        assertThat(call.get("method").asText()).isEqualTo("POST");
        assertThat(call.get("route").asText()).isEqualTo("/wxa/getwxacodeunlimit");
        assertThat(call.get("time").asText()).isEqualTo(s.clock.instant().toString());
        assertThat(call.get("query").toString()).isEqualTo("{\"access_token\":\"[redacted]\"}");
        assertThat(call.get("fields").toString()).isEqualTo("{\"scene\":\"id=1\",\"page\":\"pages/nowhere/index\"}");
        assertThat(call.get("body_bytes").asInt()).isEqualTo(45);
        assertThat(call.get("status").asInt()).isEqualTo(200);
        assertThat(call.get("errcode").asInt()).isEqualTo(Errcode.INVALID_PAGE.code());
        assertThat(TestServer.text(refused)).contains("rid: " + call.get("rid").asText() + "\"");
        assertThat(call.get("warnings")).isEmpty();
        assertThat(call.get("seq").asLong()).isGreaterThan(calls.get(0).get("seq").asLong());

        JsonNode mint = calls.get(0);
        assertThat(mint.get("route").asText()).isEqualTo("/cgi-bin/token");
        assertThat(mint.get("query").toString()).isEqualTo("{\"grant_type\":\"client_credential\",\"appid\":\"" + SHOP
                + "\",\"secret\":\"[redacted]\"}");
        assertThat(mint.get("errcode").asInt()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            scene_url_encoded    | 40129 | {"scene":"id%3D1","page":"pages/index/index"}                       | scene looks URL-encoded (%
            scene_double_encoded | 40129 | {"scene":"id%253D1","page":"pages/index/index"}                     | scene looks URL-encoded twice
            page_leading_slash   | 41030 | {"scene":"id=1","page":"/pages/index/index"}                        | page starts with '/'
            page_query           | 41030 | {"scene":"id=1","page":"pages/index/index?id=1"}                    | page carries a query string
            env_version_empty    | 40097 | {"scene":"id=1","env_version":""}                                   | env_version is "":
            env_version_boolean  | 47001 | {"scene":"id=1","env_version":true}                                 | env_version is a boolean
            access_token_in_body | 47001 | {"scene":"id=1","access_token":"ACCESS_TOKEN"}                      | access_token is in the body
            line_color_ignored   | 0     | {"scene":"id=1","auto_color":true,"line_color":{"r":255,"g":0,"b":0}} | line_color is ignored because auto_color is true
            line_color_light     | 0     | {"scene":"id=1","line_color":{"r":230,"g":230,"b":120}}             | line_color 230,230,120 is light: 1.32:1 against white, below 2:1
            line_color_light     | 0     | {"scene":"id=1","line_color":{"r":"200","g":"200","b":"200"}}       | line_color 200,200,200 is light: 1.67:1 against white, below 2:1
            line_color_light     | 0     | {"scene":"id=1","line_color":{"r":184,"g":184,"b":184}}             | line_color 184,184,184 is light: 1.98:1 against white, below 2:1
            """)
    void each_mistake_in_a_code_request_is_warned_about(String code, int errcode, String body, String message) {
        String token = s.token(SHOP, SHOP_SECRET);
        s.code(token, body.replace("ACCESS_TOKEN", token));

        JsonNode call = calls().getLast();
        assertThat(call.get("errcode").asInt()).isEqualTo(errcode);
        assertThat(codes(call)).containsExactly(code);
        assertThat(call.get("warnings").get(0).get("message").asText()).startsWith(message);
    }

    @Test
    void a_path_with_a_leading_slash_is_served_and_warned_about() {
        String token = s.token(SHOP, SHOP_SECRET);
        HttpResponse<byte[]> served = s.post("/wxa/getwxacode?access_token=" + token,
                "{\"path\":\"/pages/index/index?id=1\",\"env_version\":\"\"}");
        assertThat(TestServer.text(served)).contains("40097");
        JsonNode call = calls().getLast();
        assertThat(call.get("route").asText()).isEqualTo("/wxa/getwxacode");
        assertThat(codes(call)).containsExactly("path_leading_slash", "env_version_empty");
        assertThat(call.get("warnings").get(0).get("message").asText()).startsWith("path starts with '/': it is taken off");

        s.post("/cgi-bin/wxaapp/createwxaqrcode?access_token=" + token, "{\"path\":\"pages/index/index\"}");
        assertThat(codes(calls().getLast())).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            trial_page_not_released | 40165 | /wxa/generatescheme    | {"jump_wxa":{"path":"pages/trial/index","env_version":"trial"}} | a trial link to a page the published release lacks
            path_leading_slash      | 40165 | /wxa/generate_urllink  | {"path":"/pages/index/index"}                                   | path starts with '/'
            expiry_past_30_days     | 85401 | /wxa/generatescheme    | {"expire_type":1,"expire_interval":90}                          | the link is asked to last past 30 days
            expiry_past_30_days     | 85401 | /wxa/generate_urllink  | {"expire_time":4102444800}                                      | the link is asked to last past 30 days
            """)
    void each_mistake_in_a_link_request_is_warned_about(String code, int errcode, String route, String body, String message) {
        String token = s.token(SHOP, SHOP_SECRET);
        s.post(route + "?access_token=" + token, body);
        JsonNode call = calls().getLast();
        assertThat(call.get("route").asText()).isEqualTo(route);
        assertThat(call.get("errcode").asInt()).isEqualTo(errcode);
        assertThat(codes(call)).containsExactly(code);
        assertThat(call.get("warnings").get(0).get("message").asText()).startsWith(message);
    }

    @Test
    void a_link_within_30_days_to_a_released_page_has_no_warning() {
        String token = s.token(SHOP, SHOP_SECRET);
        s.post("/wxa/generatescheme?access_token=" + token,
                "{\"jump_wxa\":{\"path\":\"pages/index/index\",\"env_version\":\"trial\"},\"expire_type\":1,\"expire_interval\":30}");
        assertThat(calls().getLast().get("errcode").asInt()).isZero();
        assertThat(codes(calls().getLast())).isEmpty();
    }

    @Test
    void a_chunked_body_is_answered_and_warned_about_and_the_same_body_with_its_length_is_not() {
        String token = s.token(SHOP, SHOP_SECRET);
        HttpResponse<byte[]> chunked = s.postChunked("/wxa/getwxacodeunlimit?access_token=" + token, "{\"scene\":\"id=1\"}");
        assertThat(chunked.statusCode()).isEqualTo(200);
        assertThat(TestServer.decode(chunked.body())).contains("/L/");

        JsonNode call = calls().getLast();
        assertThat(call.get("fields").toString()).isEqualTo("{\"scene\":\"id=1\"}");
        assertThat(codes(call)).containsExactly("chunked_body");
        assertThat(call.get("warnings").get(0).get("message").asText())
                .startsWith("the body came chunked (Transfer-Encoding: chunked, no Content-Length): WeChat answers that"
                        + " with HTTP 412");

        s.code(token, "{\"scene\":\"id=1\"}");
        assertThat(codes(calls().getLast())).isEmpty();
    }

    @Test
    void a_token_sent_in_the_body_only_is_logged_as_its_apps_call_with_the_warning() {
        String token = s.token(SHOP, SHOP_SECRET);
        WireAssert.assertError(s.post("/wxa/getwxacodeunlimit", "{\"scene\":\"id=1\",\"access_token\":\"" + token + "\"}"),
                Errcode.ACCESS_TOKEN_MISSING, WireAssert.ENCODING, s);

        JsonNode call = calls().getLast();
        assertThat(call.get("errcode").asInt()).isEqualTo(Errcode.ACCESS_TOKEN_MISSING.code());
        assertThat(codes(call)).containsExactly("access_token_in_body");
        assertThat(call.get("fields").get("access_token").asText()).isEqualTo("[redacted]");
    }

    @Test
    void calls_with_an_expired_token_are_logged_and_the_new_token_they_call_for_is_no_mistake() {
        String token = s.token(SHOP, SHOP_SECRET);
        s.admin("POST", "/admin/apps/" + SHOP + "/tokens/expire", null);
        WireAssert.assertError(s.code(token, "{\"scene\":\"id=1\"}"), Errcode.ACCESS_TOKEN_EXPIRED, WireAssert.ENCODING, s);
        s.token(SHOP, SHOP_SECRET);

        List<JsonNode> calls = calls();
        assertThat(calls).extracting(call -> call.get("errcode").asInt()).containsExactly(0, 42001, 0);
        assertThat(calls).extracting(RequestLogTest::codes).containsOnly(List.of());
    }

    @Test
    void black_sent_beside_auto_color_as_some_sdks_always_do_is_no_mistake() {
        String token = s.token(SHOP, SHOP_SECRET);
        s.code(token, "{\"scene\":\"id=1\",\"auto_color\":true,\"line_color\":{\"r\":\"0\",\"g\":\"0\",\"b\":\"0\"}}");
        s.code(token, "{\"scene\":\"id=1\",\"auto_color\":true,\"line_color\":{\"r\":0,\"g\":0,\"b\":0}}");

        assertThat(calls()).extracting(RequestLogTest::codes).containsOnly(List.of());
    }

    @Test
    void a_well_formed_request_has_no_warning_and_its_line_color_is_kept() {
        String token = s.token(SHOP, SHOP_SECRET);
        HttpResponse<byte[]> image = s.code(token, "{\"scene\":\"a=1&b=2\",\"page\":\"pages/index/index\",\"env_version\":\"release\","
                + "\"auto_color\":false,\"line_color\":{\"r\":\"10\",\"g\":\"20\",\"b\":\"30\"}}");
        assertThat(TestServer.decode(image.body())).isNotEmpty();

        JsonNode call = calls().getLast();
        assertThat(call.get("warnings")).isEmpty();
        assertThat(call.get("fields").get("line_color").toString()).isEqualTo("{\"r\":\"10\",\"g\":\"20\",\"b\":\"30\"}");
        assertThat(call.get("errcode").asInt()).isZero();
    }

    @Test
    void a_mid_tone_line_color_such_as_wechat_green_is_no_mistake_nor_a_light_one_that_auto_color_replaces() {
        String token = s.token(SHOP, SHOP_SECRET);
        // 2.38:1 and 2.01:1 (the lightest grey at or above 2:1): as legible as mid-greys (docs/compatibility.md,
        // "Light line colours").
        s.code(token, "{\"scene\":\"id=1\",\"line_color\":{\"r\":7,\"g\":193,\"b\":96}}");
        assertThat(codes(calls().getLast())).isEmpty();
        s.code(token, "{\"scene\":\"id=1\",\"line_color\":{\"r\":183,\"g\":183,\"b\":183}}");
        assertThat(codes(calls().getLast())).isEmpty();
        s.code(token, "{\"scene\":\"id=1\",\"auto_color\":true,\"line_color\":{\"r\":230,\"g\":230,\"b\":120}}");
        assertThat(codes(calls().getLast())).containsExactly("line_color_ignored");
    }

    @Test
    void tokens_minted_again_within_half_their_lifetime_are_warned_about() {
        s.token(SHOP, SHOP_SECRET);
        s.clock.advance(Duration.ofSeconds(12));
        s.token(SHOP, SHOP_SECRET);
        s.clock.advance(Duration.ofSeconds(3600));
        s.token(SHOP, SHOP_SECRET);

        List<JsonNode> calls = calls();
        assertThat(calls).extracting(RequestLogTest::codes)
                .containsExactly(List.of(), List.of("token_minted_often"), List.of());
        assertThat(calls.get(1).get("warnings").get(0).get("message").asText())
                .startsWith("a new access_token 12 s after the last one from /cgi-bin/token, which lasts 7200 s");
    }

    @Test
    void a_forced_stable_token_refresh_is_a_mint_and_a_plain_stable_token_call_is_not() {
        String stable = "{\"grant_type\":\"client_credential\",\"appid\":\"" + SHOP + "\",\"secret\":\"" + SHOP_SECRET + "\"";
        s.post("/cgi-bin/stable_token", stable + ",\"force_refresh\":true}");
        s.clock.advance(Duration.ofSeconds(31));
        s.post("/cgi-bin/stable_token", stable + "}");
        s.post("/cgi-bin/stable_token", stable + ",\"force_refresh\":true}");

        List<JsonNode> calls = calls();
        assertThat(calls).extracting(call -> call.get("errcode").asInt()).containsOnly(0);
        assertThat(calls).extracting(RequestLogTest::codes)
                .containsExactly(List.of(), List.of(), List.of("token_minted_often"));
        assertThat(calls.get(0).get("fields").get("secret").asText()).isEqualTo("[redacted]");
    }

    @Test
    void a_retry_within_a_second_of_45009_is_warned_about_and_one_that_waited_is_not() {
        String token = s.token(SHOP, SHOP_SECRET);
        String code = "{\"scene\":\"retry\"}";
        s.admin("POST", "/admin/apps/" + SHOP + "/faults", "{\"endpoint\":\"/wxa/getwxacodeunlimit\",\"errcode\":45009,\"times\":2}");
        WireAssert.assertError(s.code(token, code), Errcode.API_QUOTA_REACHED, WireAssert.CHARSET, s);
        s.clock.advance(Duration.ofMillis(250));
        WireAssert.assertError(s.code(token, code), Errcode.API_QUOTA_REACHED, WireAssert.CHARSET, s);
        s.clock.advance(Duration.ofMillis(100));
        // Another code is another piece of work, no retry.
        assertThat(TestServer.decode(s.code(token, "{\"scene\":\"other\"}").body())).isNotEmpty();
        s.clock.advance(Duration.ofSeconds(2));
        assertThat(TestServer.decode(s.code(token, code).body())).isNotEmpty();

        List<JsonNode> calls = calls();
        assertThat(calls).extracting(RequestLogTest::codes)
                .containsExactly(List.of(), List.of(), List.of("retry_without_waiting"), List.of(), List.of());
        assertThat(calls.get(2).get("warnings").get(0).get("message").asText())
                .startsWith("called again 250 ms after a 45009 on /wxa/getwxacodeunlimit");
    }

    @Test
    void no_token_or_secret_is_in_any_entry() {
        String token = s.token(SHOP, SHOP_SECRET);
        String stable = s.stableToken(SHOP, SHOP_SECRET);
        s.code(token, "{\"scene\":\"id=1\",\"access_token\":\"" + token + "\"}");
        // A token pasted under a name that does not say so, and under a name of its own.
        s.code(token, "{\"scene\":\"id=1\",\"note\":\"" + stable + "\",\"" + token + "\":1,\"deep\":{\"Sig\":\"x\",\"list\":[\""
                + token + "\"]}}");
        s.post("/cgi-bin/clear_quota?access_token=" + stable, "{\"appid\":\"" + SHOP + "\"}");
        s.get("/cgi-bin/token?grant_type=client_credential&appid=" + SHOP + "&secret=" + SHOP_SECRET.toUpperCase());
        s.post("/cgi-bin/clear_quota/v2?appid=" + SHOP + "&appsecret=" + SHOP_SECRET, "");

        String log = TestServer.text(s.admin("GET", LOG, null));
        assertThat(TestServer.json(s.admin("GET", LOG, null)).get("requests")).hasSize(7);
        assertThat(log).doesNotContain(token).doesNotContain(stable).doesNotContain(SHOP_SECRET)
                .doesNotContain(SHOP_SECRET.toUpperCase()).doesNotContain(token.substring(3, 40));
        JsonNode pasted = calls().get(3).get("fields");
        assertThat(pasted.get("note").asText()).isEqualTo("[redacted]");
        assertThat(pasted.get("[redacted]").asInt()).isEqualTo(1);
        assertThat(pasted.get("deep").toString()).isEqualTo("{\"Sig\":\"[redacted]\",\"list\":[\"[redacted]\"]}");
    }

    @Test
    void a_credential_used_as_a_name_is_hidden_whatever_words_it_happens_to_contain() {
        String token = s.token(SHOP, SHOP_SECRET);
        // Token-shaped names holding each word that marks a secret's name: the name is hidden, and the
        // value, which is no credential, is kept.
        for (String word : List.of("key", "Sig", "token", "secret", "password")) {
            String name = "98_" + word + "A".repeat(48);
            s.code(token, "{\"scene\":\"id=1\",\"" + name + "\":7}");
            JsonNode fields = calls().getLast().get("fields");
            assertThat(fields.toString()).as(word).doesNotContain(name);
            assertThat(fields.get("[redacted]").asInt()).as(word).isEqualTo(7);
        }
    }

    @Test
    void a_secret_under_a_misspelt_name_is_hidden_and_token_endpoints_show_only_fields_without_secrets() {
        s.get("/cgi-bin/token?grant_type=client_credential&appid=" + SHOP + "&secert=" + SHOP_SECRET);
        s.post("/cgi-bin/stable_token", "{\"grant_type\":\"client_credential\",\"appid\":\"" + SHOP
                + "\",\"app_scret\":\"typo-" + SHOP_SECRET + "\",\"force_refresh\":false}");
        String token = s.token(SHOP, SHOP_SECRET);
        s.code(token, "{\"scene\":\"id=1\",\"page\":\"" + SHOP_SECRET + "\"}");

        String log = TestServer.text(s.admin("GET", LOG, null));
        assertThat(log).doesNotContain(SHOP_SECRET);
        List<JsonNode> calls = calls();
        assertThat(calls.get(0).get("query").toString()).isEqualTo("{\"grant_type\":\"client_credential\",\"appid\":\""
                + SHOP + "\",\"secert\":\"[redacted]\"}");
        assertThat(calls.get(1).get("fields").toString()).isEqualTo("{\"grant_type\":\"client_credential\",\"appid\":\""
                + SHOP + "\",\"app_scret\":\"[redacted]\",\"force_refresh\":false}");
        assertThat(calls.get(3).get("fields").get("page").asText()).isEqualTo("[redacted]");
    }

    @Test
    void a_large_body_keeps_a_bounded_entry() {
        String token = s.token(SHOP, SHOP_SECRET);
        StringBuilder body = new StringBuilder("{\"scene\":\"id=1\"");
        for (int i = 0; i < 40; i++) {
            body.append(",\"f").append(i).append("\":[");
            for (int j = 0; j < 40; j++) {
                body.append(j == 0 ? "" : ",").append("\"").append("x".repeat(30)).append("\"");
            }
            body.append("]");
        }
        s.code(token, body.append("}").toString());

        JsonNode call = calls().getLast();
        assertThat(call.get("body_bytes").asInt()).isGreaterThan(50_000);
        assertThat(call.get("fields")).hasSize(32);
        assertThat(call.get("fields").get("scene").asText()).isEqualTo("id=1");
        assertThat(call.get("fields").toString().length()).isLessThan(Redaction.BUDGET + 32 * 40);
        assertThat(call.get("fields").get("f30").asText()).matches("\\(\\d+ bytes, left out\\)");
    }

    @Test
    void after_and_limit_page_through_the_log_and_bad_values_are_refused() {
        for (int i = 0; i < 4; i++) {
            s.token(SHOP, SHOP_SECRET);
            s.clock.advance(Duration.ofHours(1));
        }
        List<JsonNode> all = calls();
        long first = all.get(0).get("seq").asLong();
        assertThat(TestServer.json(s.admin("GET", LOG + "?limit=2", null)).get("requests"))
                .extracting(call -> call.get("seq").asLong()).containsExactly(all.get(2).get("seq").asLong(), all.get(3).get("seq").asLong());
        assertThat(TestServer.json(s.admin("GET", LOG + "?after=" + first + "&limit=2", null)).get("requests"))
                .extracting(call -> call.get("seq").asLong()).containsExactly(all.get(1).get("seq").asLong(), all.get(2).get("seq").asLong());
        assertThat(TestServer.json(s.admin("GET", LOG + "?after=" + all.get(3).get("seq").asLong(), null)).get("requests")).isEmpty();

        for (String bad : List.of("limit=0", "limit=abc", "after=-1", "limit=100001")) {
            JsonNode refused = TestServer.json(s.admin("GET", LOG + "?" + bad, null));
            assertThat(refused.get("errcode").asInt()).as(bad).isEqualTo(Errcode.INVALID_ARGUMENT.code());
        }
        assertThat(TestServer.json(s.admin("GET", "/admin/apps/wx0000000000000fff/requests", null)).get("errcode").asInt())
                .isEqualTo(Errcode.APP_NOT_FOUND.code());
    }

    private List<JsonNode> calls() {
        JsonNode page = TestServer.json(s.admin("GET", LOG, null));
        assertThat(page.get("appid").asText()).isEqualTo(SHOP);
        assertThat(page.get("capacity").asInt()).isEqualTo(100);
        List<JsonNode> calls = new ArrayList<>();
        page.get("requests").forEach(calls::add);
        return calls;
    }

    private static List<String> codes(JsonNode call) {
        List<String> codes = new ArrayList<>();
        call.get("warnings").forEach(w -> codes.add(w.get("code").asText()));
        return codes;
    }
}
