package dev.wxacode.server.internal.token;

import static dev.wxacode.server.TestServer.GAME;
import static dev.wxacode.server.TestServer.GAME_SECRET;
import static dev.wxacode.server.TestServer.SHOP;
import static dev.wxacode.server.TestServer.SHOP_SECRET;
import static dev.wxacode.server.WireAssert.ENCODING;
import static dev.wxacode.server.WireAssert.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wxacode.core.wire.Errcode;
import dev.wxacode.server.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenQuotaTest {

    @Test
    void the_daily_token_quota_answers_45009_and_resets_at_beijing_midnight(@TempDir Path dir) {
        try (TestServer s = TestServer.start(dir, "WXACODE_TOKEN_DAILY_LIMIT", "3")) {
            String path = "/cgi-bin/token?grant_type=client_credential&appid=" + SHOP + "&secret=" + SHOP_SECRET;
            for (int i = 0; i < 3; i++) {
                assertThat(TestServer.json(s.get(path)).has("access_token")).isTrue();
            }
            assertError(s.get(path), Errcode.TOKEN_QUOTA_REACHED, ENCODING, s);
            // Another app has its own quota.
            s.token(GAME, GAME_SECRET);
            // START is Beijing midnight; 23:59:59 later is still the same day there.
            s.clock.advance(Duration.ofHours(24).minusSeconds(1));
            assertError(s.get(path), Errcode.TOKEN_QUOTA_REACHED, ENCODING, s);
            s.clock.advance(Duration.ofSeconds(1));
            assertThat(TestServer.json(s.get(path)).has("access_token")).isTrue();
        }
    }

    @Test
    void failed_requests_do_not_use_the_quota(@TempDir Path dir) {
        try (TestServer s = TestServer.start(dir, "WXACODE_TOKEN_DAILY_LIMIT", "1")) {
            for (int i = 0; i < 5; i++) {
                assertError(s.get("/cgi-bin/token?grant_type=client_credential&appid=" + SHOP + "&secret=bad"),
                        Errcode.INVALID_APPSECRET, ENCODING, s);
            }
            s.token(SHOP, SHOP_SECRET);
        }
    }
}
