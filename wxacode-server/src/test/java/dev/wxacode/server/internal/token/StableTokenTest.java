package dev.wxacode.server.internal.token;

import static dev.wxacode.server.TestServer.SHOP;
import static dev.wxacode.server.TestServer.SHOP_SECRET;
import static dev.wxacode.server.WireAssert.ENCODING;
import static dev.wxacode.server.WireAssert.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wxacode.core.wire.Errcode;
import dev.wxacode.server.ServerExtension;
import dev.wxacode.server.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StableTokenTest {
    static final String CODE = "{\"scene\":\"a=1\"}";
    @RegisterExtension
    final ServerExtension server = ServerExtension.fresh();
    final TestServer s = server.get();

    HttpResponse<byte[]> stable(String body) {
        return s.post("/cgi-bin/stable_token", body);
    }

    JsonNode stable(boolean force) {
        HttpResponse<byte[]> response = stable("{\"grant_type\":\"client_credential\",\"appid\":\"" + SHOP + "\",\"secret\":\""
                + SHOP_SECRET + "\",\"force_refresh\":" + force + "}");
        assertThat(response.headers().firstValue("Content-Type")).contains(ENCODING);
        JsonNode json = TestServer.json(response);
        assertThat(json.has("access_token")).as("reply %s", json).isTrue();
        return json;
    }

    boolean works(String token) {
        return s.code(token, CODE).headers().firstValue("Content-Type").orElse("").equals("image/jpeg");
    }

    @Test
    void the_same_token_comes_back_with_its_remaining_lifetime() {
        JsonNode first = stable(false);
        assertThat(first.get("expires_in").asInt()).isEqualTo(7200);
        assertThat(first.get("access_token").asText()).hasSize(136).matches("\\d\\d_[A-Za-z0-9_-]{133}");
        s.clock.advance(Duration.ofSeconds(1000));
        JsonNode again = stable(false);
        assertThat(again.get("access_token").asText()).isEqualTo(first.get("access_token").asText());
        assertThat(again.get("expires_in").asInt()).isEqualTo(6200);
    }

    @Test
    void in_its_last_five_minutes_a_call_gets_a_new_token_and_both_work() {
        String old = stable(false).get("access_token").asText();
        s.clock.advance(Duration.ofSeconds(7200 - 300));
        assertThat(stable(false).get("access_token").asText()).isEqualTo(old);
        s.clock.advance(Duration.ofSeconds(1));
        JsonNode renewed = stable(false);
        assertThat(renewed.get("access_token").asText()).isNotEqualTo(old);
        assertThat(renewed.get("expires_in").asInt()).isEqualTo(7200);
        assertThat(works(old)).isTrue();
        assertThat(works(renewed.get("access_token").asText())).isTrue();
        s.clock.advance(Duration.ofSeconds(299));
        assertError(s.code(old, CODE), Errcode.ACCESS_TOKEN_EXPIRED, ENCODING, s);
    }

    @Test
    void force_refresh_kills_the_old_token_at_once() {
        String old = stable(false).get("access_token").asText();
        s.clock.advance(Duration.ofSeconds(60));
        String fresh = stable(true).get("access_token").asText();
        assertThat(fresh).isNotEqualTo(old);
        assertError(s.code(old, CODE), Errcode.INVALID_CREDENTIAL, ENCODING, s);
        assertThat(works(fresh)).isTrue();
    }

    @Test
    void force_refresh_within_30_seconds_returns_the_current_token() {
        stable(false);
        s.clock.advance(Duration.ofSeconds(60));
        String forced = stable(true).get("access_token").asText();
        s.clock.advance(Duration.ofSeconds(29));
        assertThat(stable(true).get("access_token").asText()).isEqualTo(forced);
        s.clock.advance(Duration.ofSeconds(1));
        assertThat(stable(true).get("access_token").asText()).isNotEqualTo(forced);
    }

    @Test
    void the_21st_force_refresh_of_the_day_gets_45009() {
        stable(false);
        for (int i = 0; i < 20; i++) {
            s.clock.advance(Duration.ofSeconds(30));
            stable(true);
        }
        s.clock.advance(Duration.ofSeconds(30));
        assertError(stable("{\"grant_type\":\"client_credential\",\"appid\":\"" + SHOP + "\",\"secret\":\"" + SHOP_SECRET
                + "\",\"force_refresh\":true}"), Errcode.API_QUOTA_REACHED, ENCODING, s);
        // A normal call still works and gives the current token.
        assertThat(stable(false).has("access_token")).isTrue();
    }

    @Test
    void stable_and_plain_tokens_never_affect_each_other() {
        String stableToken = stable(false).get("access_token").asText();
        String plain = s.token(SHOP, SHOP_SECRET);
        s.token(SHOP, SHOP_SECRET);
        s.clock.advance(Duration.ofSeconds(301));
        assertThat(works(stableToken)).isTrue();
        assertError(s.code(plain, CODE), Errcode.INVALID_CREDENTIAL, ENCODING, s);
        String fresh = s.token(SHOP, SHOP_SECRET);
        s.clock.advance(Duration.ofSeconds(31));
        stable(true);
        assertThat(works(fresh)).isTrue();
    }

    @Test
    void credential_errors_match_the_plain_endpoint() {
        assertError(stable("{\"grant_type\":\"client_credential\",\"secret\":\"x\"}"), Errcode.APPID_MISSING, ENCODING, s);
        assertError(stable("{\"grant_type\":\"nope\",\"appid\":\"wx0000000000000bad\",\"secret\":\"x\"}"), Errcode.INVALID_APPID, ENCODING, s);
        assertError(stable("{\"grant_type\":\"nope\",\"appid\":\"" + SHOP + "\",\"secret\":\"x\"}"), Errcode.INVALID_GRANT_TYPE, ENCODING, s);
        assertError(stable("{\"grant_type\":\"client_credential\",\"appid\":\"" + SHOP + "\"}"), Errcode.APPSECRET_MISSING, ENCODING, s);
        assertError(stable("{\"grant_type\":\"client_credential\",\"appid\":\"" + SHOP + "\",\"secret\":\"ffffffffffffffffffffffffffffffff\"}"),
                Errcode.INVALID_APPSECRET, ENCODING, s);
    }

    @Test
    void a_non_boolean_force_refresh_or_a_non_json_body_gets_47001() {
        assertError(stable("{\"grant_type\":\"client_credential\",\"appid\":\"" + SHOP + "\",\"secret\":\"" + SHOP_SECRET
                + "\",\"force_refresh\":\"true\"}"), Errcode.DATA_FORMAT_ERROR, ENCODING, s);
        assertError(stable("grant_type=client_credential&appid=" + SHOP), Errcode.DATA_FORMAT_ERROR, ENCODING, s);
        assertError(stable(""), Errcode.EMPTY_POST_DATA, ENCODING, s);
    }

    @Test
    void get_gets_43002() {
        assertError(s.get("/cgi-bin/stable_token"), Errcode.REQUIRE_POST_METHOD, ENCODING, s);
    }

    @ParameterizedTest
    @CsvSource({"WXACODE_STABLE_TOKEN_PER_MINUTE,PT1M", "WXACODE_STABLE_TOKEN_DAILY_LIMIT,P1D"})
    void the_minute_and_daily_limits_answer_45009_until_they_come_back(String setting, Duration period, @TempDir Path other) {
        try (TestServer limited = TestServer.start(other, setting, "2")) {
            String body = "{\"grant_type\":\"client_credential\",\"appid\":\"" + SHOP + "\",\"secret\":\"" + SHOP_SECRET + "\"}";
            limited.post("/cgi-bin/stable_token", body);
            limited.post("/cgi-bin/stable_token", body);
            assertError(limited.post("/cgi-bin/stable_token", body), Errcode.API_QUOTA_REACHED, ENCODING, limited);
            limited.clock.advance(period);
            assertThat(TestServer.json(limited.post("/cgi-bin/stable_token", body)).has("access_token")).isTrue();
        }
    }
}
