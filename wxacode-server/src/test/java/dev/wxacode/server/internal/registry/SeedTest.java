package dev.wxacode.server.internal.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wxacode.server.TestServer;
import dev.wxacode.server.WxacodeServer;
import dev.wxacode.server.config.ConfigException;
import dev.wxacode.server.config.ConfigLoader;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeedTest {
    static final String APPID = "wx00000000000000b1";

    TestServer server(Path dir, Path seed) {
        return TestServer.bare(dir, Map.of("WXACODE_SEED", seed.toString(), "WXACODE_ADMIN_KEY", TestServer.ADMIN_KEY));
    }

    @Test
    void a_json_seed_is_applied_and_reapplying_it_changes_nothing(@TempDir Path dir) throws IOException {
        Path seed = dir.resolve("seed.json");
        Files.writeString(seed, """
                {"apps":[{"appid":"%s","secret":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","name":"Seeded",
                  "releases":{"release":["pages/index/index"]}}]}""".formatted(APPID));
        try (TestServer s = server(dir, seed)) {
            String token = s.token(APPID, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
            JsonNode before = TestServer.json(s.admin("GET", "/admin/apps/" + APPID + "/releases", null));
            s.restart();
            assertThat(TestServer.json(s.admin("GET", "/admin/apps/" + APPID + "/releases", null))).isEqualTo(before);
            assertThat(s.code(token, "{\"scene\":\"a\"}").headers().firstValue("Content-Type")).contains("image/jpeg");
            assertThat(TestServer.json(s.admin("GET", "/admin/apps", null)).get("apps")).hasSize(1);
        }
    }

    @Test
    void a_changed_seed_updates_secret_settings_releases_and_logo(@TempDir Path dir) throws IOException {
        Path seed = dir.resolve("seed.yaml");
        Files.writeString(seed, """
                apps:
                  - appid: %s
                    secret: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
                    releases:
                      release: [pages/index/index]
                """.formatted(APPID));
        try (TestServer s = server(dir, seed)) {
            BufferedImage logo = new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB);
            for (int i = 0; i < 100; i++) {
                logo.setRGB(i % 10, i / 10, 0xAD1457);
            }
            ImageIO.write(logo, "png", dir.resolve("logo.png").toFile());
            Files.writeString(seed, """
                    apps:
                      - appid: %s
                        secret: bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb
                        name: Renamed
                        logo: logo.png
                        rate_limit_per_minute: 7
                        releases:
                          release: [pages/home/index, pages/index/index]
                          trial: [pages/trial/index]
                    """.formatted(APPID));
            s.restart();
            s.token(APPID, "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
            JsonNode app = TestServer.json(s.admin("GET", "/admin/apps/" + APPID, null));
            assertThat(app.get("name").asText()).isEqualTo("Renamed");
            assertThat(app.get("brand_color").asText()).isEqualTo("#ad1457");
            assertThat(app.get("rate_limit_per_minute").asInt()).isEqualTo(7);
            JsonNode releases = TestServer.json(s.admin("GET", "/admin/apps/" + APPID + "/releases", null)).get("releases");
            assertThat(releases.get("release").get("home_page").asText()).isEqualTo("pages/home/index");
            assertThat(releases.get("trial").get("home_page").asText()).isEqualTo("pages/trial/index");
        }
    }

    @Test
    void a_bad_seed_stops_the_start_naming_the_entry(@TempDir Path dir) throws IOException {
        Path seed = dir.resolve("seed.yaml");
        Files.writeString(seed, "apps:\n  - appid: wx00000000000000b1\n    secret: short\n");
        assertThatThrownBy(() -> WxacodeServer.start(ConfigLoader.load(Optional.empty(), Map.of(
                "WXACODE_PORT", "0", "WXACODE_DATA_DIR", dir.resolve("data").toString(), "WXACODE_SEED", seed.toString()))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("apps[0]").hasMessageContaining("secret");
        Files.writeString(seed, "apps:\n  - appid: wx00000000000000b1\n    secret: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n    colour: red\n");
        assertThatThrownBy(() -> WxacodeServer.start(ConfigLoader.load(Optional.empty(), Map.of(
                "WXACODE_PORT", "0", "WXACODE_DATA_DIR", dir.resolve("data").toString(), "WXACODE_SEED", seed.toString()))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("colour");
    }

    @Test
    void a_style_in_the_seed_is_checked_applied_and_cleared_with_null(@TempDir Path dir) throws IOException {
        Path seed = dir.resolve("seed.yaml");
        String app = "apps:\n  - appid: %s\n    secret: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n".formatted(APPID);
        Files.writeString(seed, app + "    style:\n      modules: dot\n      frame: round\n");
        try (TestServer s = server(dir, seed)) {
            JsonNode style = TestServer.json(s.admin("GET", "/admin/apps/" + APPID + "/style", null)).get("style");
            assertThat(style.get("modules").asText()).isEqualTo("dot");
            assertThat(style.get("frame").asText()).isEqualTo("round");
            assertThat(style.get("finders").asText()).isEqualTo("square");

            Files.writeString(seed, app + "    style: null\n");
            s.restart();
            assertThat(TestServer.json(s.admin("GET", "/admin/apps/" + APPID + "/style", null)).get("style").isNull()).isTrue();

            // Checked as the admin API checks it: a logo the app does not have stops the start.
            Files.writeString(seed, app + "    style: {logo: true}\n");
            assertThatThrownBy(s::restart).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("apps[0]").hasMessageContaining("the app has none: upload one first");
        }
    }
}
