package dev.wxacode.server.internal.code;

import static dev.wxacode.server.TestServer.GAME;
import static dev.wxacode.server.TestServer.GAME_SECRET;
import static dev.wxacode.server.TestServer.SHOP;
import static dev.wxacode.server.TestServer.SHOP_SECRET;
import static dev.wxacode.server.WireAssert.CHARSET;
import static dev.wxacode.server.WireAssert.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wxacode.core.wire.Errcode;
import dev.wxacode.server.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodeRateLimitTest {

    boolean image(TestServer s, String token, String body) {
        return s.code(token, body).headers().firstValue("Content-Type").orElse("").equals("image/jpeg");
    }

    @Test
    void calls_over_the_minute_limit_get_45009_until_the_next_minute(@TempDir Path dir) {
        try (TestServer s = TestServer.start(dir, "WXACODE_RATE_LIMIT_PER_MINUTE", "3")) {
            String token = s.token(SHOP, SHOP_SECRET);
            s.clock.advance(Duration.ofSeconds(10));
            for (int i = 0; i < 3; i++) {
                assertThat(image(s, token, "{\"scene\":\"" + i + "\"}")).isTrue();
            }
            assertError(s.code(token, "{\"scene\":\"4\"}"), Errcode.API_QUOTA_REACHED, CHARSET, s);
            // The limit is checked before the body: even a bad body gets 45009 now.
            assertError(s.code(token, "not json"), Errcode.API_QUOTA_REACHED, CHARSET, s);
            // Another app has its own minute.
            assertThat(image(s, s.token(GAME, GAME_SECRET), "{\"scene\":\"g\"}")).isTrue();
            // The allowance comes back whole at the next minute boundary.
            s.clock.advance(Duration.ofSeconds(49));
            assertError(s.code(token, "{\"scene\":\"5\"}"), Errcode.API_QUOTA_REACHED, CHARSET, s);
            s.clock.advance(Duration.ofSeconds(1));
            assertThat(image(s, token, "{\"scene\":\"6\"}")).isTrue();
        }
    }

    @Test
    void a_per_app_limit_overrides_the_server_default_and_zero_turns_it_off(@TempDir Path dir) {
        try (TestServer s = TestServer.start(dir, "WXACODE_RATE_LIMIT_PER_MINUTE", "0")) {
            String token = s.token(SHOP, SHOP_SECRET);
            for (int i = 0; i < 5; i++) {
                assertThat(image(s, token, "{\"scene\":\"" + i + "\"}")).isTrue();
            }
            assertThat(s.admin("PATCH", "/admin/apps/" + SHOP, "{\"rate_limit_per_minute\":1}").statusCode()).isEqualTo(200);
            assertThat(image(s, token, "{\"scene\":\"x\"}")).isTrue();
            assertError(s.code(token, "{\"scene\":\"y\"}"), Errcode.API_QUOTA_REACHED, CHARSET, s);
        }
    }
}
