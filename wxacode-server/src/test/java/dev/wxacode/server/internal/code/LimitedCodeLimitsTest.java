package dev.wxacode.server.internal.code;

import static dev.wxacode.server.TestServer.SHOP;
import static dev.wxacode.server.WireAssert.CHARSET;
import static dev.wxacode.server.WireAssert.ENCODING;
import static dev.wxacode.server.WireAssert.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wxacode.core.wire.Errcode;
import dev.wxacode.server.ServerExtension;
import dev.wxacode.server.TestServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The cap that wxacode.get and createQRCode share (45029), and wxacode.get's daily limit (45009). */
class LimitedCodeLimitsTest {
    @RegisterExtension
    final ServerExtension server = ServerExtension.fresh("WXACODE_LIMITED_CODES_PER_APP", "3",
            "WXACODE_GETWXACODE_DAILY_LIMIT", "6");
    final TestServer s = server.get();
    final String token = server.shopToken();

    HttpResponse<byte[]> get(String path) {
        return s.post("/wxa/getwxacode?access_token=" + token, "{\"path\":\"" + path + "\"}");
    }

    HttpResponse<byte[]> qrcode(String path) {
        return s.post("/cgi-bin/wxaapp/createwxaqrcode?access_token=" + token, "{\"path\":\"" + path + "\"}");
    }

    @Test
    void both_apis_share_the_cap_and_a_code_made_before_is_made_again_past_it() {
        String first = TestServer.decode(get("pages/index/index?n=1").body());
        TestServer.decode(qrcode("pages/index/index?n=2").body());
        TestServer.decode(get("pages/index/index?n=3").body());

        assertError(get("pages/index/index?n=4"), Errcode.CODE_COUNT_LIMIT, CHARSET, s);
        assertError(qrcode("pages/index/index?n=4"), Errcode.CODE_COUNT_LIMIT, ENCODING, s);
        // The same path again is the same code: it does not count, and it is the same link.
        assertThat(TestServer.decode(get("pages/index/index?n=1").body())).isEqualTo(first);
        assertThat(s.resolve(qrcode("pages/index/index?n=2").body()).get("scene").asInt()).isEqualTo(1011);
        // getUnlimited has no such cap.
        assertThat(TestServer.decode(s.code(token, "{\"scene\":\"free\"}").body())).isNotEmpty();
        // A refused value is no code.
        assertError(get(""), Errcode.INVALID_PATH_LENGTH, CHARSET, s);
    }

    @Test
    void wxacode_get_has_a_daily_limit_that_getapiquota_tells_and_midnight_or_clear_quota_renews() {
        for (int i = 0; i < 6; i++) {
            TestServer.decode(get("pages/index/index?n=1").body());
        }
        assertError(get("pages/index/index?n=1"), Errcode.API_QUOTA_REACHED, CHARSET, s);
        assertThat(TestServer.text(s.post("/cgi-bin/openapi/quota/get?access_token=" + token,
                "{\"cgi_path\":\"/wxa/getwxacode\"}")))
                .isEqualTo("{\"errcode\":0,\"errmsg\":\"ok\",\"quota\":{\"daily_limit\":6,\"used\":6,\"remain\":0}}");
        assertThat(TestServer.text(s.post("/cgi-bin/openapi/quota/get?access_token=" + token,
                "{\"cgi_path\":\"/cgi-bin/wxaapp/createwxaqrcode\"}")))
                .isEqualTo("{\"errcode\":0,\"errmsg\":\"ok\",\"quota\":{\"daily_limit\":0,\"used\":0,\"remain\":0}}");
        // createQRCode has no daily limit of its own.
        assertThat(TestServer.decode(qrcode("pages/index/index?n=1").body())).isNotEmpty();

        TestServer.json(s.post("/cgi-bin/clear_quota?access_token=" + token, "{\"appid\":\"" + SHOP + "\"}"));
        assertThat(TestServer.decode(get("pages/index/index?n=1").body())).isNotEmpty();
        for (int i = 0; i < 5; i++) {
            get("pages/index/index?n=1");
        }
        assertError(get("pages/index/index?n=1"), Errcode.API_QUOTA_REACHED, CHARSET, s);
        s.clock.advance(Duration.ofDays(1));
        String tomorrow = server.shopToken();
        assertThat(TestServer.decode(s.post("/wxa/getwxacode?access_token=" + tomorrow,
                "{\"path\":\"pages/index/index?n=1\"}").body())).isNotEmpty();
    }
}
