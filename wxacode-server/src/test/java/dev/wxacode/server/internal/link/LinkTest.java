package dev.wxacode.server.internal.link;

import static dev.wxacode.server.TestServer.SHOP;
import static dev.wxacode.server.TestServer.SHOP_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wxacode.core.link.LinkUrl;
import dev.wxacode.server.ServerExtension;
import dev.wxacode.server.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class LinkTest {
    @RegisterExtension
    final ServerExtension server = ServerExtension.fresh();
    final TestServer s = server.get();
    final String token = server.shopToken();

    String linkToken(String body) {
        return LinkUrl.tokenOf(TestServer.decode(s.code(token, body).body())).orElseThrow();
    }

    @Test
    void the_code_carries_an_upper_case_link_to_this_server() {
        String text = TestServer.decode(s.code(token, "{\"scene\":\"a=1\"}").body());
        assertThat(text).matches("HTTP://127\\.0\\.0\\.1:" + s.server().port() + "/L/[A-Z2-7]+");
    }

    @Test
    void a_browser_gets_a_page_showing_what_the_mini_program_receives() {
        String link = linkToken("{\"scene\":\"id=<42>\",\"page\":\"pages/detail/detail\"}".replace("<42>", "42&x=1"));
        HttpResponse<byte[]> page = s.send(HttpRequest.newBuilder(URI.create(s.url("/L/" + link)))
                .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8").GET());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).contains("text/html;charset=utf-8");
        assertThat(TestServer.text(page)).contains("pages/detail/detail", "id%3D42%26x%3D1", "id=42&amp;x=1", "1047", SHOP);
    }

    @Test
    void every_altered_character_of_a_link_is_refused() {
        String link = linkToken("{\"scene\":\"pay=100\"}");
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        for (int i = 0; i < link.length(); i++) {
            char replacement = alphabet.charAt((alphabet.indexOf(link.charAt(i)) + 1) % 32);
            String tampered = link.substring(0, i) + replacement + link.substring(i + 1);
            HttpResponse<byte[]> response = s.get("/L/" + tampered);
            assertThat(response.statusCode()).as("position %d", i).isEqualTo(400);
            assertThat(TestServer.json(response).get("errcode").asInt()).isIn(990001, 990002);
            assertThat(TestServer.text(response)).doesNotContain("pay=100");
        }
    }

    @Test
    void a_link_forged_with_another_key_is_refused_as_unknown_or_invalid() {
        byte[] bytes = new Base32().decode(linkToken("{\"scene\":\"a\"}"));
        bytes[1] = 9; // claims key 9, which this server does not have
        String forged = new Base32().encodeAsString(bytes).replace("=", "");
        HttpResponse<byte[]> response = s.get("/L/" + forged);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(response).get("errcode").asInt()).isEqualTo(990002);
        HttpResponse<byte[]> html = s.send(HttpRequest.newBuilder(URI.create(s.url("/L/" + forged)))
                .header("Accept", "text/html").GET());
        assertThat(html.statusCode()).isEqualTo(400);
        assertThat(TestServer.text(html)).contains("Not a valid code", "rid: ");
    }

    @Test
    void codes_made_before_a_key_rotation_still_resolve_and_new_ones_use_the_new_key() {
        byte[] before = s.code(token, "{\"scene\":\"old\"}").body();
        JsonNode keys = TestServer.json(s.admin("POST", "/admin/keys/rotate", null));
        assertThat(keys.get("active_kid").asInt()).isEqualTo(2);
        assertThat(keys.get("keys")).hasSize(2);
        assertThat(keys.toString()).doesNotContain("secret");
        assertThat(s.resolve(before).get("decoded_scene").asText()).isEqualTo("old");
        byte[] after = s.code(token, "{\"scene\":\"old\"}").body();
        assertThat(after).isNotEqualTo(before);
        assertThat(new Base32().decode(LinkUrl.tokenOf(TestServer.decode(after)).orElseThrow())[1]).isEqualTo((byte) 2);
        assertThat(s.resolve(after).get("decoded_scene").asText()).isEqualTo("old");
    }

    @Test
    void a_disabled_app_codes_stop_resolving_and_resume_when_enabled() {
        String link = linkToken("{\"scene\":\"a\"}");
        s.admin("POST", "/admin/apps/" + SHOP + "/disable", null);
        HttpResponse<byte[]> refused = s.get("/L/" + link);
        assertThat(refused.statusCode()).isEqualTo(410);
        assertThat(TestServer.json(refused).get("errcode").asInt()).isEqualTo(990006);
        s.admin("POST", "/admin/apps/" + SHOP + "/enable", null);
        assertThat(s.get("/L/" + link).statusCode()).isEqualTo(200);
    }

    @Test
    void a_home_page_code_follows_the_current_release() {
        String link = linkToken("{\"scene\":\"home\"}");
        assertThat(TestServer.json(s.get("/L/" + link)).get("page").asText()).isEqualTo("pages/index/index");
        s.admin("PUT", "/admin/apps/" + SHOP + "/releases/release", "{\"pages\":[\"pages/new/home\",\"pages/index/index\"]}");
        assertThat(TestServer.json(s.get("/L/" + link)).get("page").asText()).isEqualTo("pages/new/home");
    }

    @Test
    void a_configured_public_url_is_what_codes_point_to_and_links_resolve_whatever_the_host(@TempDir Path other) {
        try (TestServer custom = TestServer.start(other, "WXACODE_PUBLIC_URL", "https://wxa.example.com/base/")) {
            String t = custom.token(SHOP, SHOP_SECRET);
            String text = TestServer.decode(custom.code(t, "{\"scene\":\"pub\"}").body());
            assertThat(text).startsWith("HTTPS://WXA.EXAMPLE.COM/base/L/");
            JsonNode launch = TestServer.json(custom.get("/L/" + LinkUrl.tokenOf(text).orElseThrow()));
            assertThat(launch.get("decoded_scene").asText()).isEqualTo("pub");
        }
    }
}
