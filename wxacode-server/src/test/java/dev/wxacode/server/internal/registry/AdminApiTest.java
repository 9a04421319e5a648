package dev.wxacode.server.internal.registry;

import static dev.wxacode.server.TestServer.SHOP;
import static dev.wxacode.server.TestServer.SHOP_SECRET;
import static dev.wxacode.server.WireAssert.ENCODING;
import static dev.wxacode.server.WireAssert.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wxacode.core.wire.Errcode;
import dev.wxacode.server.ServerExtension;
import dev.wxacode.server.TestServer;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class AdminApiTest {
    @RegisterExtension
    final ServerExtension server = ServerExtension.fresh();
    final TestServer s = server.get();

    JsonNode admin(String method, String path, String json, int expectedStatus) {
        HttpResponse<byte[]> response = s.admin(method, path, json);
        assertThat(response.statusCode()).as("%s %s -> %s", method, path, TestServer.text(response)).isEqualTo(expectedStatus);
        return TestServer.json(response);
    }

    @Test
    void the_admin_api_is_closed_without_a_configured_key(@TempDir Path other) {
        try (TestServer closed = TestServer.bare(other, Map.of())) {
            HttpResponse<byte[]> response = closed.admin("GET", "/admin/apps", null);
            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(TestServer.json(response).get("errcode").asInt()).isEqualTo(990100);
        }
    }

    @Test
    void a_missing_or_wrong_key_gets_401() {
        for (String header : new String[] {null, "Bearer wrong", "Bearer " + TestServer.ADMIN_KEY + "x", TestServer.ADMIN_KEY,
                "Basic " + TestServer.ADMIN_KEY}) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(s.url("/admin/apps"))).GET();
            if (header != null) {
                request.header("Authorization", header);
            }
            HttpResponse<byte[]> response = s.send(request);
            assertThat(response.statusCode()).as(String.valueOf(header)).isEqualTo(401);
            assertThat(TestServer.json(response).get("errcode").asInt()).isEqualTo(990101);
        }
    }

    @Test
    void a_created_app_gets_realistic_credentials_shown_once_and_works_at_once() {
        JsonNode created = admin("POST", "/admin/apps", "{\"name\":\"New shop\"}", 201);
        String appid = created.get("appid").asText();
        String secret = created.get("secret").asText();
        assertThat(appid).matches("wx[0-9a-f]{16}");
        assertThat(secret).matches("[0-9a-f]{32}");
        assertThat(created.get("name").asText()).isEqualTo("New shop");
        JsonNode shown = admin("GET", "/admin/apps/" + appid, null, 200);
        assertThat(shown.has("secret")).isFalse();
        assertThat(shown.toString()).doesNotContain(secret);
        assertThat(admin("GET", "/admin/apps", null, 200).get("apps").findValuesAsText("appid")).contains(appid, SHOP);

        admin("PUT", "/admin/apps/" + appid + "/releases/release", "{\"pages\":[\"pages/home/home\",\"pages/item/item\"]}", 200);
        String token = s.token(appid, secret);
        JsonNode launch = s.resolve(s.code(token, "{\"scene\":\"s=1\",\"page\":\"pages/item/item\"}").body());
        assertThat(launch.get("appid").asText()).isEqualTo(appid);
        assertThat(launch.get("page").asText()).isEqualTo("pages/item/item");
    }

    @Test
    void a_given_appid_and_secret_are_kept_and_a_taken_appid_gets_409() {
        admin("POST", "/admin/apps", "{\"appid\":\"wx00000000000000f1\",\"secret\":\"abcdefabcdefabcdefabcdefabcdefab\"}", 201);
        s.token("wx00000000000000f1", "abcdefabcdefabcdefabcdefabcdefab");
        JsonNode taken = admin("POST", "/admin/apps", "{\"appid\":\"wx00000000000000f1\"}", 409);
        assertThat(taken.get("errcode").asInt()).isEqualTo(990103);
    }

    @Test
    void malformed_admin_requests_get_400_naming_the_problem() {
        assertThat(admin("POST", "/admin/apps", "{\"appid\":\"not-an-appid\"}", 400).get("errmsg").asText()).contains("appid");
        assertThat(admin("POST", "/admin/apps", "{\"secret\":\"short\"}", 400).get("errmsg").asText()).contains("secret");
        assertThat(admin("POST", "/admin/apps", "{\"colour\":\"red\"}", 400).get("errmsg").asText()).contains("unknown field 'colour'");
        assertThat(admin("POST", "/admin/apps", "{\"type\":\"bank\"}", 400).get("errmsg").asText()).contains("type");
        assertThat(admin("POST", "/admin/apps", "{\"ip_whitelist\":[\"example.com\"]}", 400).get("errmsg").asText()).contains("IP");
        assertThat(admin("POST", "/admin/apps", "not json", 400).get("errcode").asInt()).isEqualTo(990104);
        assertThat(admin("PATCH", "/admin/apps/" + SHOP, " ", 400).get("errmsg").asText()).contains("JSON object");
        String addresses = String.join(",", Collections.nCopies(65, "\"10.0.0.1\""));
        assertThat(admin("PATCH", "/admin/apps/" + SHOP, "{\"ip_whitelist\":[" + addresses + "]}", 400).get("errmsg").asText())
                .contains("at most 64");
        assertThat(admin("PUT", "/admin/apps/" + SHOP + "/releases/prod", "{\"pages\":[\"a\"]}", 400).get("errmsg").asText())
                .contains("env_version");
        assertThat(admin("PUT", "/admin/apps/" + SHOP + "/releases/release", "{\"pages\":[]}", 400).get("errmsg").asText())
                .contains("home page");
        assertThat(admin("PUT", "/admin/apps/" + SHOP + "/releases/release", "{\"pages\":[\"/abs\"]}", 400).get("errmsg").asText())
                .contains("/abs");
        assertThat(admin("GET", "/admin/apps/wx0000000000000bad", null, 404).get("errcode").asInt()).isEqualTo(990102);
    }

    @Test
    void rotating_a_secret_kills_the_old_one_at_once() {
        String secret = admin("POST", "/admin/apps/" + SHOP + "/secret", null, 200).get("secret").asText();
        assertThat(secret).matches("[0-9a-f]{32}").isNotEqualTo(SHOP_SECRET);
        assertError(s.get("/cgi-bin/token?grant_type=client_credential&appid=" + SHOP + "&secret=" + SHOP_SECRET),
                Errcode.INVALID_APPSECRET, ENCODING, s);
        s.token(SHOP, secret);
    }

    @Test
    void disabling_an_app_refuses_its_tokens_and_credentials() {
        String token = s.token(SHOP, SHOP_SECRET);
        assertThat(admin("POST", "/admin/apps/" + SHOP + "/disable", null, 200).get("disabled").asBoolean()).isTrue();
        assertError(s.code(token, "{\"scene\":\"a\"}"), Errcode.INVALID_CREDENTIAL, ENCODING, s);
        assertError(s.get("/cgi-bin/token?grant_type=client_credential&appid=" + SHOP + "&secret=" + SHOP_SECRET),
                Errcode.INVALID_APPID, ENCODING, s);
        admin("POST", "/admin/apps/" + SHOP + "/enable", null, 200);
        assertThat(s.code(token, "{\"scene\":\"a\"}").headers().firstValue("Content-Type")).contains("image/jpeg");
    }

    @Test
    void settings_can_be_changed_and_cleared() {
        JsonNode changed = admin("PATCH", "/admin/apps/" + SHOP,
                "{\"name\":\"Renamed\",\"brand_color\":\"#123456\",\"ip_whitelist\":[\"::ffff:10.0.0.1\"],\"rate_limit_per_minute\":10}", 200);
        assertThat(changed.get("name").asText()).isEqualTo("Renamed");
        assertThat(changed.get("brand_color").asText()).isEqualTo("#123456");
        assertThat(changed.get("ip_whitelist").get(0).asText()).isEqualTo("10.0.0.1");
        assertThat(changed.get("rate_limit_per_minute").asInt()).isEqualTo(10);
        JsonNode cleared = admin("PATCH", "/admin/apps/" + SHOP, "{\"brand_color\":null,\"rate_limit_per_minute\":null,\"ip_whitelist\":[]}", 200);
        assertThat(cleared.get("brand_color").isNull()).isTrue();
        assertThat(cleared.get("rate_limit_per_minute").isNull()).isTrue();
        assertThat(cleared.get("ip_whitelist")).isEmpty();
        assertThat(cleared.get("name").asText()).isEqualTo("Renamed");
    }

    @Test
    void freezing_a_secret_gets_40243_until_unfrozen() {
        admin("PATCH", "/admin/apps/" + SHOP, "{\"secret_frozen\":true}", 200);
        assertError(s.get("/cgi-bin/token?grant_type=client_credential&appid=" + SHOP + "&secret=" + SHOP_SECRET),
                Errcode.APPSECRET_FROZEN, ENCODING, s);
        admin("PATCH", "/admin/apps/" + SHOP, "{\"secret_frozen\":false}", 200);
        s.token(SHOP, SHOP_SECRET);
    }

    @Test
    void a_logo_sets_the_brand_colour_that_auto_color_uses() throws IOException {
        BufferedImage logo = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = logo.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 64, 64);
        g.setColor(new Color(0x1565C0));
        g.fillOval(8, 8, 48, 48);
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(logo, "png", png);
        HttpResponse<byte[]> response = s.send(HttpRequest.newBuilder(URI.create(s.url("/admin/apps/" + SHOP + "/logo")))
                .header("Authorization", "Bearer " + TestServer.ADMIN_KEY)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(png.toByteArray())));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(TestServer.json(response).get("brand_color").asText()).isEqualTo("#1565c0");

        HttpResponse<byte[]> notImage = s.send(HttpRequest.newBuilder(URI.create(s.url("/admin/apps/" + SHOP + "/logo")))
                .header("Authorization", "Bearer " + TestServer.ADMIN_KEY)
                .PUT(HttpRequest.BodyPublishers.ofString("nope")));
        assertThat(notImage.statusCode()).isEqualTo(415);
    }

    @Test
    void releases_are_listed_per_env_version() {
        JsonNode releases = admin("GET", "/admin/apps/" + SHOP + "/releases", null, 200).get("releases");
        assertThat(releases.get("release").get("home_page").asText()).isEqualTo("pages/index/index");
        assertThat(releases.get("trial").get("pages")).hasSize(2);
        assertThat(releases.get("develop").get("pages").get(0).asText()).isEqualTo("pages/dev/index");
    }

    @Test
    void signing_keys_are_listed_without_secrets() {
        JsonNode keys = admin("GET", "/admin/keys", null, 200);
        assertThat(keys.get("active_kid").asInt()).isEqualTo(1);
        assertThat(keys.get("keys").get(0).get("kid").asInt()).isEqualTo(1);
        assertThat(keys.get("keys").get(0).get("active").asBoolean()).isTrue();
        assertThat(keys.get("keys").get(0).size()).isEqualTo(3);
    }
}
