package dev.wxacode.server.internal.code;

import static dev.wxacode.server.TestServer.OFFICIAL;
import static dev.wxacode.server.TestServer.OFFICIAL_SECRET;
import static dev.wxacode.server.TestServer.SHOP;
import static dev.wxacode.server.TestServer.SHOP_SECRET;
import static dev.wxacode.server.WireAssert.CHARSET;
import static dev.wxacode.server.WireAssert.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wxacode.core.wire.Errcode;
import dev.wxacode.server.ServerExtension;
import dev.wxacode.server.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /admin/apps/{appid}/codes}, the console's playground: getwxacodeunlimit without a token. */
class AdminCodeTest {
    @RegisterExtension
    static final ServerExtension server = ServerExtension.shared();
    final TestServer s = server.get();

    HttpResponse<byte[]> adminCode(TestServer on, String appid, String body) {
        return on.admin("POST", "/admin/apps/" + appid + "/codes", body);
    }

    /** Everything of an answer but the rid, which differs from call to call. */
    static String withoutRid(HttpResponse<byte[]> response) {
        return response.statusCode() + " " + response.headers().firstValue("Content-Type").orElse("") + " "
                + TestServer.text(response).replaceFirst(" rid: [0-9a-f-]+\"}$", "\"}");
    }

    @Test
    void the_image_is_the_one_getwxacodeunlimit_makes_for_the_same_body() {
        String body = "{\"scene\":\"id=42\",\"page\":\"pages/detail/detail\",\"env_version\":\"trial\",\"check_path\":false,"
                + "\"width\":300,\"line_color\":{\"r\":200,\"g\":0,\"b\":0}}";

        HttpResponse<byte[]> viaAdmin = adminCode(s, SHOP, body);
        HttpResponse<byte[]> viaToken = s.code(server.shopToken(), body);

        assertThat(viaAdmin.statusCode()).isEqualTo(200);
        assertThat(viaAdmin.headers().firstValue("Content-Type")).contains("image/jpeg");
        assertThat(viaAdmin.body()).isEqualTo(viaToken.body());
        assertThat(viaAdmin.headers().firstValue("Content-Disposition")).isEqualTo(viaToken.headers().firstValue("Content-Disposition"));
        JsonNode opened = s.resolve(viaAdmin.body());
        assertThat(opened.get("appid").asText()).isEqualTo(SHOP);
        assertThat(opened.get("page").asText()).isEqualTo("pages/detail/detail");
        assertThat(opened.get("env_version").asText()).isEqualTo("trial");
        assertThat(opened.get("query").get("scene").asText()).isEqualTo("id%3D42");
    }

    @Test
    void the_playground_says_what_the_request_log_would_warn_of() throws Exception {
        HttpResponse<byte[]> light = adminCode(s, SHOP, "{\"scene\":\"id=1\",\"line_color\":{\"r\":230,\"g\":230,\"b\":120}}");
        assertThat(light.statusCode()).isEqualTo(200);
        JsonNode warnings = TestServer.JSON.readTree(light.headers().firstValue("X-Wxacode-Warnings").orElseThrow());
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0).get("code").asText()).isEqualTo("line_color_light");
        assertThat(warnings.get(0).get("message").asText()).startsWith("line_color 230,230,120 is light: 1.32:1 against white");
        assertThat(s.resolve(light.body()).get("query").get("scene").asText()).as("drawn as asked").isEqualTo("id%3D1");

        HttpResponse<byte[]> limited = s.admin("POST", "/admin/apps/" + SHOP + "/codes/getwxacode", "{\"path\":\"/pages/index/index\"}");
        assertThat(TestServer.JSON.readTree(limited.headers().firstValue("X-Wxacode-Warnings").orElseThrow()).get(0)
                .get("code").asText()).isEqualTo("path_leading_slash");

        HttpResponse<byte[]> plain = adminCode(s, SHOP, "{\"scene\":\"id=1\"}");
        assertThat(plain.headers().firstValue("X-Wxacode-Warnings")).contains("[]");
    }

    @Test
    void the_limited_codes_are_the_ones_their_endpoints_make_and_their_refusals_too() {
        String token = server.shopToken();
        String body = "{\"path\":\"pages/detail/detail?id=5\",\"width\":300}";
        for (String api : List.of("getwxacode", "createwxaqrcode")) {
            String wechat = api.equals("getwxacode") ? "/wxa/getwxacode" : "/cgi-bin/wxaapp/createwxaqrcode";
            HttpResponse<byte[]> viaAdmin = s.admin("POST", "/admin/apps/" + SHOP + "/codes/" + api, body);
            assertThat(viaAdmin.headers().firstValue("Content-Type")).as(api).contains("image/jpeg");
            assertThat(viaAdmin.body()).isEqualTo(s.post(wechat + "?access_token=" + token, body).body());
            assertThat(s.resolve(viaAdmin.body()).get("query").get("id").asText()).isEqualTo("5");
            // The same errcode JSON; labelled as admin replies are, not as /cgi-bin/ ones.
            String bad = "{\"path\":\"\"}";
            assertThat(withoutRid(s.admin("POST", "/admin/apps/" + SHOP + "/codes/" + api, bad)))
                    .isEqualTo(withoutRid(s.post("/wxa/getwxacode?access_token=" + token, bad)));
        }
    }

    @Test
    void every_refusal_is_the_one_getwxacodeunlimit_gives() {
        String token = server.shopToken();
        List<String> bodies = List.of("", "   ", "not json", "[1]", "{\"scene\":\"a\",\"colour\":1}", "{\"scene\":\"\"}",
                "{\"scene\":\"" + "x".repeat(33) + "\"}", "{\"scene\":\"a b\"}", "{\"scene\":\"a\",\"env_version\":\"beta\"}",
                "{\"scene\":\"a\",\"page\":\"/pages/index/index\"}", "{\"scene\":\"a\",\"page\":\"pages/missing/missing\"}",
                "{\"scene\":\"a\",\"check_path\":\"yes\"}", "{\"scene\":\"a\",\"width\":\"wide\"}",
                "{\"scene\":\"a\",\"line_color\":{\"r\":1,\"alpha\":2}}", "{\"scene\":\"a\",\"is_hyaline\":1}",
                "{\"scene\":\"a\",\"page\":\"pages/index/index?scancode_time=1\"}");
        for (String body : bodies) {
            HttpResponse<byte[]> viaAdmin = adminCode(s, SHOP, body);
            assertThat(TestServer.json(viaAdmin).get("errcode").asInt()).as(body).isNotZero();
            assertThat(withoutRid(viaAdmin)).as(body).isEqualTo(withoutRid(s.code(token, body)));
        }
        HttpResponse<byte[]> official = adminCode(s, OFFICIAL, "{\"scene\":\"a\"}");
        assertError(official, Errcode.API_UNAUTHORIZED, "application/json; encoding=utf-8", s);
        assertThat(withoutRid(official)).isEqualTo(withoutRid(s.code(s.token(OFFICIAL, OFFICIAL_SECRET), "{\"scene\":\"a\"}")));
    }

    @Test
    void an_admin_code_uses_no_minute_allowance_and_no_fault_rule(@TempDir Path dir) {
        try (TestServer limited = TestServer.start(dir, "WXACODE_RATE_LIMIT_PER_MINUTE", "2")) {
            assertThat(limited.admin("POST", "/admin/apps/" + SHOP + "/faults",
                    "{\"endpoint\":\"/wxa/getwxacodeunlimit\",\"errcode\":45009,\"times\":1}").statusCode()).isEqualTo(201);
            for (int i = 0; i < 5; i++) {
                assertThat(adminCode(limited, SHOP, "{\"scene\":\"" + i + "\"}").headers().firstValue("Content-Type"))
                        .contains("image/jpeg");
            }
            String token = limited.token(SHOP, SHOP_SECRET);
            // The rule is still there for the backend under test, and so are both calls of the minute.
            assertError(limited.code(token, "{\"scene\":\"r\"}"), Errcode.API_QUOTA_REACHED, CHARSET, limited);
            assertThat(limited.code(token, "{\"scene\":\"s\"}").headers().firstValue("Content-Type")).contains("image/jpeg");
            assertThat(limited.code(token, "{\"scene\":\"t\"}").headers().firstValue("Content-Type")).contains("image/jpeg");
            assertError(limited.code(token, "{\"scene\":\"u\"}"), Errcode.API_QUOTA_REACHED, CHARSET, limited);
        }
    }

    @Test
    void it_needs_the_admin_key_and_a_known_app() {
        HttpResponse<byte[]> anonymous = s.send(HttpRequest.newBuilder(URI.create(s.url("/admin/apps/" + SHOP + "/codes")))
                .POST(HttpRequest.BodyPublishers.ofString("{\"scene\":\"a\"}")));
        assertError(anonymous, Errcode.ADMIN_UNAUTHORIZED, CHARSET, s);
        assertError(adminCode(s, "wx00000000000000ff", "{\"scene\":\"a\"}"), Errcode.APP_NOT_FOUND,
                Errcode.APP_NOT_FOUND.text("wx00000000000000ff"), CHARSET, s);
    }
}
