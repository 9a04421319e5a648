package dev.wxacode.server.internal.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wxacode.server.TestServer;
import dev.wxacode.server.registry.DemoCredentials;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoAppTest {

    @Test
    void a_fresh_server_creates_a_demo_app_whose_credentials_work_and_are_shown_again_after_restart(@TempDir Path dir) {
        try (TestServer s = TestServer.bare(dir, Map.of("WXACODE_ADMIN_KEY", TestServer.ADMIN_KEY))) {
            DemoCredentials demo = s.server().demo().orElseThrow();
            assertThat(demo.appid()).matches("wx[0-9a-f]{16}");
            String secret = demo.secret().orElseThrow();
            assertThat(secret).matches("[0-9a-f]{32}");

            // The README's pair: a token, then a code for the detail page.
            String token = s.token(demo.appid(), secret);
            JsonNode launch = s.resolve(s.code(token, "{\"scene\":\"id=42\",\"page\":\"pages/detail/detail\"}").body());
            assertThat(launch.get("page").asText()).isEqualTo("pages/detail/detail");
            assertThat(s.resolve(s.code(token, "{\"scene\":\"id=42\"}").body()).get("page").asText()).isEqualTo("pages/index/index");

            s.restart();
            assertThat(s.server().demo()).contains(new DemoCredentials(demo.appid(), demo.secret()));
            assertThat(TestServer.json(s.admin("GET", "/admin/apps", null)).get("apps")).hasSize(1);

            s.admin("POST", "/admin/apps/" + demo.appid() + "/secret", null);
            s.restart();
            assertThat(s.server().demo().orElseThrow().secret()).isEmpty();
        }
    }

    @Test
    void no_demo_app_with_a_seed_file_or_when_turned_off(@TempDir Path dir, @TempDir Path other) {
        try (TestServer seeded = TestServer.start(dir)) {
            assertThat(seeded.server().demo()).isEmpty();
        }
        try (TestServer off = TestServer.bare(other, Map.of("WXACODE_DEMO", "false", "WXACODE_ADMIN_KEY", TestServer.ADMIN_KEY))) {
            assertThat(off.server().demo()).isEmpty();
            assertThat(TestServer.json(off.admin("GET", "/admin/apps", null)).get("apps")).isEmpty();
        }
    }
}
