package dev.wxacode.server.internal.token;

import static dev.wxacode.server.TestServer.GAME;
import static dev.wxacode.server.TestServer.GUARDED;
import static dev.wxacode.server.TestServer.GUARDED_SECRET;
import static dev.wxacode.server.TestServer.SHOP;
import static dev.wxacode.server.TestServer.SHOP_SECRET;
import static dev.wxacode.server.WireAssert.CHARSET;
import static dev.wxacode.server.WireAssert.ENCODING;
import static dev.wxacode.server.WireAssert.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wxacode.core.wire.Errcode;
import dev.wxacode.server.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /cgi-bin/clear_quota}: the daily quotas and minute limits of the token's app start afresh. */
class ClearQuotaTest {
    private static final String CODE = "{\"scene\":\"clear\",\"page\":\"pages/detail/detail\"}";
    private static final String BY_SECRET = "/cgi-bin/clear_quota/v2";
    private static final String TOKEN = "/cgi-bin/token?grant_type=client_credential&appid=" + SHOP + "&secret=" + SHOP_SECRET;
    private static final String STABLE = "{\"grant_type\":\"client_credential\",\"appid\":\"" + SHOP + "\",\"secret\":\"" + SHOP_SECRET + "\"}";

    @TempDir
    Path dir;

    @Test
    void a_clear_gives_back_the_day_and_the_minute_ten_times_a_month() {
        try (TestServer s = TestServer.start(dir, "WXACODE_TOKEN_DAILY_LIMIT", "3", "WXACODE_RATE_LIMIT_PER_MINUTE", "2",
                "WXACODE_STABLE_TOKEN_PER_MINUTE", "1")) {
            String token = s.token(SHOP, SHOP_SECRET);
            s.token(SHOP, SHOP_SECRET);
            s.token(SHOP, SHOP_SECRET);
            assertError(s.get(TOKEN), Errcode.TOKEN_QUOTA_REACHED, ENCODING, s);
            s.clock.advance(Duration.ofMinutes(4));
            s.code(token, CODE);
            s.code(token, CODE);
            assertError(s.code(token, CODE), Errcode.API_QUOTA_REACHED, CHARSET, s);
            s.stableToken(SHOP, SHOP_SECRET);
            assertError(s.post("/cgi-bin/stable_token", STABLE), Errcode.API_QUOTA_REACHED, ENCODING, s);

            HttpResponse<byte[]> cleared = clear(s, token, SHOP);
            assertThat(cleared.statusCode()).isEqualTo(200);
            assertThat(cleared.headers().firstValue("Content-Type")).contains(ENCODING);
            assertThat(TestServer.text(cleared)).isEqualTo("{\"errcode\":0,\"errmsg\":\"ok\"}");
            assertThat(TestServer.decode(s.code(token, CODE).body())).isNotEmpty();
            assertThat(TestServer.json(s.get(TOKEN)).has("access_token")).isTrue();
            assertThat(TestServer.json(s.post("/cgi-bin/stable_token", STABLE)).has("access_token")).isTrue();

            for (int i = 2; i <= 10; i++) {
                assertThat(TestServer.text(clear(s, token, SHOP))).as("clear %d", i).isEqualTo("{\"errcode\":0,\"errmsg\":\"ok\"}");
            }
            assertError(clear(s, token, SHOP), Errcode.CLEAR_QUOTA_LIMIT, ENCODING, s);
            // The next month (Beijing time) brings ten more.
            s.clock.advance(Duration.ofDays(31));
            String next = s.token(SHOP, SHOP_SECRET);
            assertThat(TestServer.text(clear(s, next, SHOP))).isEqualTo("{\"errcode\":0,\"errmsg\":\"ok\"}");
        }
    }

    @Test
    void the_appid_must_be_the_tokens_own_and_the_call_well_formed() {
        try (TestServer s = TestServer.start(dir)) {
            String token = s.token(SHOP, SHOP_SECRET);
            assertError(clear(s, token, GAME), Errcode.INVALID_APPID, ENCODING, s);
            assertError(s.post("/cgi-bin/clear_quota?access_token=" + token, "{}"), Errcode.APPID_MISSING, ENCODING, s);
            assertError(s.post("/cgi-bin/clear_quota?access_token=" + token, "not json"), Errcode.DATA_FORMAT_ERROR, ENCODING, s);
            assertError(s.post("/cgi-bin/clear_quota", "{\"appid\":\"" + SHOP + "\"}"), Errcode.ACCESS_TOKEN_MISSING, ENCODING, s);
            assertError(clear(s, "bogus", SHOP), Errcode.INVALID_CREDENTIAL, ENCODING, s);
            assertError(s.get("/cgi-bin/clear_quota?access_token=" + token), Errcode.REQUIRE_POST_METHOD, ENCODING, s);
        }
    }

    @Test
    void the_secret_form_clears_the_same_and_counts_against_the_same_ten() {
        try (TestServer s = TestServer.start(dir, "WXACODE_TOKEN_DAILY_LIMIT", "1")) {
            String token = s.token(SHOP, SHOP_SECRET);
            assertError(s.get(TOKEN), Errcode.TOKEN_QUOTA_REACHED, ENCODING, s);

            HttpResponse<byte[]> cleared = s.post(BY_SECRET + "?appid=" + SHOP + "&appsecret=" + SHOP_SECRET, "");
            assertThat(cleared.headers().firstValue("Content-Type")).contains(ENCODING);
            assertThat(TestServer.text(cleared)).isEqualTo("{\"errcode\":0,\"errmsg\":\"ok\"}");
            assertThat(TestServer.json(s.get(TOKEN)).has("access_token")).isTrue();

            for (int i = 2; i <= 10; i++) {
                HttpResponse<byte[]> each = i % 2 == 0 ? clear(s, token, SHOP)
                        : s.post(BY_SECRET + "?appid=" + SHOP + "&appsecret=" + SHOP_SECRET, "");
                assertThat(TestServer.text(each)).as("clear %d", i).isEqualTo("{\"errcode\":0,\"errmsg\":\"ok\"}");
            }
            assertError(s.post(BY_SECRET + "?appid=" + SHOP + "&appsecret=" + SHOP_SECRET, ""), Errcode.CLEAR_QUOTA_LIMIT,
                    ENCODING, s);
        }
    }

    @Test
    void the_secret_form_checks_its_credentials_as_a_token_request_does() {
        try (TestServer s = TestServer.start(dir)) {
            assertError(s.post(BY_SECRET + "?appsecret=" + SHOP_SECRET, ""), Errcode.APPID_MISSING, ENCODING, s);
            assertError(s.post(BY_SECRET + "?appid=" + SHOP, ""), Errcode.APPSECRET_MISSING, ENCODING, s);
            assertError(s.post(BY_SECRET + "?appid=wx00000000000000ff&appsecret=" + SHOP_SECRET, ""), Errcode.INVALID_APPID,
                    ENCODING, s);
            assertError(s.post(BY_SECRET + "?appid=" + SHOP + "&appsecret=" + "0".repeat(32), ""), Errcode.INVALID_APPSECRET,
                    ENCODING, s);
            assertError(s.post(BY_SECRET + "?appid=" + GUARDED + "&appsecret=" + GUARDED_SECRET, ""),
                    Errcode.IP_NOT_IN_WHITELIST, "invalid ip 127.0.0.1 ipv6 ::ffff:127.0.0.1, not in whitelist", ENCODING, s);
            assertError(s.get(BY_SECRET + "?appid=" + SHOP + "&appsecret=" + SHOP_SECRET), Errcode.REQUIRE_POST_METHOD,
                    ENCODING, s);
        }
    }

    private static HttpResponse<byte[]> clear(TestServer s, String token, String appid) {
        return s.post("/cgi-bin/clear_quota?access_token=" + token, "{\"appid\":\"" + appid + "\"}");
    }
}
