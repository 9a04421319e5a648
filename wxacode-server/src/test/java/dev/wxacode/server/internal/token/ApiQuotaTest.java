package dev.wxacode.server.internal.token;

import static dev.wxacode.server.TestServer.GAME;
import static dev.wxacode.server.TestServer.GAME_SECRET;
import static dev.wxacode.server.TestServer.OFFICIAL;
import static dev.wxacode.server.TestServer.OFFICIAL_SECRET;
import static dev.wxacode.server.TestServer.SHOP;
import static dev.wxacode.server.TestServer.SHOP_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wxacode.core.wire.Errcode;
import dev.wxacode.server.ServerExtension;
import dev.wxacode.server.TestServer;
import dev.wxacode.server.WireAssert;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** getApiQuota: each endpoint's allowance, counted by the calls the endpoints themselves count. */
class ApiQuotaTest {
    private static final String QUOTA = "/cgi-bin/openapi/quota/get?access_token=";

    @RegisterExtension
    final ServerExtension server = ServerExtension.fresh("WXACODE_TOKEN_DAILY_LIMIT", "5", "WXACODE_RATE_LIMIT_PER_MINUTE", "40");
    final TestServer s = server.get();

    @Test
    void token_calls_are_counted_against_the_daily_limit_and_clear_quota_gives_them_back() {
        s.token(SHOP, SHOP_SECRET);
        String token = s.token(SHOP, SHOP_SECRET);
        s.token(GAME, GAME_SECRET);

        HttpResponse<byte[]> reply = quota(token, "/cgi-bin/token");
        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.headers().firstValue("Content-Type")).hasValue("application/json; encoding=utf-8");
        assertThat(TestServer.text(reply))
                .isEqualTo("{\"errcode\":0,\"errmsg\":\"ok\",\"quota\":{\"daily_limit\":5,\"used\":2,\"remain\":3}}");

        TestServer.json(s.post("/cgi-bin/clear_quota?access_token=" + token, "{\"appid\":\"" + SHOP + "\"}"));
        assertThat(TestServer.text(quota(token, "/cgi-bin/token")))
                .isEqualTo("{\"errcode\":0,\"errmsg\":\"ok\",\"quota\":{\"daily_limit\":5,\"used\":0,\"remain\":5}}");
    }

    @Test
    void remain_never_goes_below_zero_and_a_refused_call_is_not_counted() {
        String token = null;
        for (int i = 0; i < 5; i++) {
            token = s.token(SHOP, SHOP_SECRET);
        }
        WireAssert.assertError(s.get("/cgi-bin/token?grant_type=client_credential&appid=" + SHOP + "&secret=" + SHOP_SECRET),
                Errcode.TOKEN_QUOTA_REACHED, WireAssert.ENCODING, s);
        assertThat(TestServer.text(quota(token, "/cgi-bin/token")))
                .isEqualTo("{\"errcode\":0,\"errmsg\":\"ok\",\"quota\":{\"daily_limit\":5,\"used\":5,\"remain\":0}}");
    }

    @Test
    void stable_token_has_a_daily_and_a_minute_limit() {
        String token = s.stableToken(SHOP, SHOP_SECRET);
        assertThat(TestServer.text(quota(token, "/cgi-bin/stable_token"))).isEqualTo("{\"errcode\":0,\"errmsg\":\"ok\","
                + "\"quota\":{\"daily_limit\":500000,\"used\":1,\"remain\":499999},"
                + "\"rate_limit\":{\"call_count\":10000,\"refresh_second\":60}}");
    }

    @Test
    void the_code_endpoint_has_no_daily_limit_and_the_minute_limit_in_force() {
        String token = s.token(SHOP, SHOP_SECRET);
        assertThat(TestServer.text(quota(token, "/wxa/getwxacodeunlimit"))).isEqualTo("{\"errcode\":0,\"errmsg\":\"ok\","
                + "\"quota\":{\"daily_limit\":0,\"used\":0,\"remain\":0},\"rate_limit\":{\"call_count\":40,\"refresh_second\":60}}");
    }

    @Test
    void an_official_account_has_no_code_endpoint_to_ask_about() {
        String token = s.token(OFFICIAL, OFFICIAL_SECRET);
        WireAssert.assertError(quota(token, "/wxa/getwxacodeunlimit"), Errcode.CGI_PATH_NO_PERMISSION, WireAssert.ENCODING, s);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/cgi-bin/message/custom/send", "cgi-bin/token", "https://api.weixin.qq.com/cgi-bin/token",
            "/cgi-bin/token?", ""})
    void a_path_without_a_quota_here_is_76021(String path) {
        String token = s.token(SHOP, SHOP_SECRET);
        WireAssert.assertError(quota(token, path), Errcode.CGI_PATH_NOT_FOUND, WireAssert.ENCODING, s);
    }

    @Test
    void the_body_and_the_token_are_checked_as_on_every_endpoint() {
        String token = s.token(SHOP, SHOP_SECRET);
        WireAssert.assertError(s.post(QUOTA + token, "{}"), Errcode.CGI_PATH_NOT_FOUND, WireAssert.ENCODING, s);
        WireAssert.assertError(s.post(QUOTA + token, "{\"cgi_path\":7}"), Errcode.DATA_FORMAT_ERROR, WireAssert.ENCODING, s);
        WireAssert.assertError(s.post(QUOTA + "nope", "{\"cgi_path\":\"/cgi-bin/token\"}"), Errcode.INVALID_CREDENTIAL,
                WireAssert.ENCODING, s);
        WireAssert.assertError(s.get(QUOTA + token), Errcode.REQUIRE_POST_METHOD, WireAssert.ENCODING, s);
    }

    private HttpResponse<byte[]> quota(String token, String path) {
        return s.post(QUOTA + token, "{\"cgi_path\":\"" + path + "\"}");
    }
}
