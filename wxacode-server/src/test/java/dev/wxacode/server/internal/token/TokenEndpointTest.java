package dev.wxacode.server.internal.token;

import static dev.wxacode.server.TestServer.FROZEN;
import static dev.wxacode.server.TestServer.FROZEN_SECRET;
import static dev.wxacode.server.TestServer.GUARDED;
import static dev.wxacode.server.TestServer.GUARDED_SECRET;
import static dev.wxacode.server.TestServer.SHOP;
import static dev.wxacode.server.TestServer.SHOP_SECRET;
import static dev.wxacode.server.WireAssert.ENCODING;
import static dev.wxacode.server.WireAssert.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wxacode.core.wire.Errcode;
import dev.wxacode.server.ServerExtension;
import dev.wxacode.server.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TokenEndpointTest {
    static final String CODE = "{\"scene\":\"a=1\"}";
    @RegisterExtension
    static final ServerExtension server = ServerExtension.shared();
    final TestServer s = server.get();

    String tokenPath(String appid, String secret) {
        return "/cgi-bin/token?grant_type=client_credential&appid=" + appid + "&secret=" + secret;
    }

    @Test
    void token_looks_like_wechats_and_lives_7200_seconds() {
        HttpResponse<byte[]> response = s.get(tokenPath(SHOP, SHOP_SECRET));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains(ENCODING);
        JsonNode json = TestServer.json(response);
        assertThat(TestServer.text(response)).matches("\\{\"access_token\":\"[^\"]+\",\"expires_in\":7200}");
        assertThat(json.get("access_token").asText()).hasSize(136).matches("\\d\\d_[A-Za-z0-9_-]{133}");
        assertThat(json.get("expires_in").asInt()).isEqualTo(7200);
    }

    @Test
    void each_call_mints_a_new_token_and_the_old_one_lives_five_minutes() {
        String first = s.token(SHOP, SHOP_SECRET);
        String second = s.token(SHOP, SHOP_SECRET);
        assertThat(second).isNotEqualTo(first);
        s.clock.advance(Duration.ofSeconds(299));
        assertThat(s.code(first, CODE).statusCode()).isEqualTo(200);
        assertThat(s.code(first, CODE).headers().firstValue("Content-Type")).contains("image/jpeg");
        s.clock.advance(Duration.ofSeconds(1));
        assertError(s.code(first, CODE), Errcode.INVALID_CREDENTIAL, ENCODING, s);
        assertThat(s.code(second, CODE).headers().firstValue("Content-Type")).contains("image/jpeg");
    }

    @Test
    void a_superseded_token_does_not_get_a_longer_grace_from_later_tokens() {
        String first = s.token(SHOP, SHOP_SECRET);
        s.token(SHOP, SHOP_SECRET);
        s.clock.advance(Duration.ofSeconds(200));
        s.token(SHOP, SHOP_SECRET);
        s.clock.advance(Duration.ofSeconds(100));
        assertError(s.code(first, CODE), Errcode.INVALID_CREDENTIAL, ENCODING, s);
    }

    @Test
    void a_token_expires_after_7200_seconds_with_42001() {
        String token = s.token(SHOP, SHOP_SECRET);
        s.clock.advance(Duration.ofSeconds(7199));
        assertThat(s.code(token, CODE).headers().firstValue("Content-Type")).contains("image/jpeg");
        s.clock.advance(Duration.ofSeconds(1));
        assertError(s.code(token, CODE), Errcode.ACCESS_TOKEN_EXPIRED, ENCODING, s);
    }

    @Test
    void expiry_wins_when_it_comes_before_the_supersede_deadline() {
        String first = s.token(SHOP, SHOP_SECRET);
        s.clock.advance(Duration.ofSeconds(7000));
        s.token(SHOP, SHOP_SECRET);
        s.clock.advance(Duration.ofSeconds(200));
        assertError(s.code(first, CODE), Errcode.ACCESS_TOKEN_EXPIRED, ENCODING, s);
    }

    @Test
    void missing_appid_gets_41002() {
        assertError(s.get("/cgi-bin/token?grant_type=client_credential&secret=" + SHOP_SECRET), Errcode.APPID_MISSING, ENCODING, s);
    }

    @Test
    void unknown_appid_gets_40013_even_with_a_bad_grant_type() {
        assertError(s.get("/cgi-bin/token?grant_type=password&appid=wx0000000000000bad&secret=x"), Errcode.INVALID_APPID, ENCODING, s);
    }

    @Test
    void bad_or_missing_grant_type_gets_40002() {
        assertError(s.get("/cgi-bin/token?grant_type=password&appid=" + SHOP + "&secret=" + SHOP_SECRET),
                Errcode.INVALID_GRANT_TYPE, ENCODING, s);
        assertError(s.get("/cgi-bin/token?appid=" + SHOP + "&secret=" + SHOP_SECRET), Errcode.INVALID_GRANT_TYPE, ENCODING, s);
    }

    @Test
    void missing_secret_gets_41004_with_its_comma() {
        HttpResponse<byte[]> response = s.get("/cgi-bin/token?grant_type=client_credential&appid=" + SHOP);
        assertError(response, Errcode.APPSECRET_MISSING, ENCODING, s);
        assertThat(TestServer.text(response)).contains("\"appsecret missing, rid: ");
    }

    @Test
    void wrong_secret_gets_40125() {
        assertError(s.get(tokenPath(SHOP, "ffffffffffffffffffffffffffffffff")), Errcode.INVALID_APPSECRET, ENCODING, s);
    }

    @Test
    void frozen_secret_gets_40243() {
        assertError(s.get(tokenPath(FROZEN, FROZEN_SECRET)), Errcode.APPSECRET_FROZEN, ENCODING, s);
    }

    @Test
    void caller_outside_the_whitelist_gets_40164_naming_its_address() {
        assertError(s.get(tokenPath(GUARDED, GUARDED_SECRET)), Errcode.IP_NOT_IN_WHITELIST,
                "invalid ip 127.0.0.1 ipv6 ::ffff:127.0.0.1, not in whitelist", ENCODING, s);
    }

    @Test
    void post_gets_43001() {
        HttpResponse<byte[]> response = s.send(HttpRequest.newBuilder(URI.create(s.url(tokenPath(SHOP, SHOP_SECRET))))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertError(response, Errcode.REQUIRE_GET_METHOD, ENCODING, s);
    }
}
