package dev.wxacode.server.internal.requests;

import static dev.wxacode.server.TestServer.GAME;
import static dev.wxacode.server.TestServer.GAME_SECRET;
import static dev.wxacode.server.TestServer.SHOP;
import static dev.wxacode.server.TestServer.SHOP_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wxacode.core.wire.Errcode;
import dev.wxacode.server.ServerExtension;
import dev.wxacode.server.TestServer;
import dev.wxacode.server.WireAssert;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** getRidInfo: a refused call found again by the rid its errmsg carried. */
class RidInfoTest {
    private static final String RID_INFO = "/cgi-bin/openapi/rid/get?access_token=";
    private static final Pattern RID = Pattern.compile("rid: ([0-9a-f-]{26})\"");

    @RegisterExtension
    final ServerExtension server = ServerExtension.fresh();
    final TestServer s = server.get();

    @Test
    void a_refused_code_call_comes_back_with_its_url_body_answer_and_caller_redacted() {
        String token = s.token(SHOP, SHOP_SECRET);
        HttpResponse<byte[]> refused = s.code(token, "{\"scene\":\"id=1\",\"page\":\"pages/nowhere/index\"}");
        String answer = TestServer.text(refused);
        String rid = rid(answer);

        HttpResponse<byte[]> reply = ridInfo(token, rid);
        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.headers().firstValue("Content-Type")).hasValue("application/json; encoding=utf-8");
        JsonNode json = TestServer.json(reply);
        assertThat(json.get("errcode").asInt()).isZero();
        assertThat(json.get("errmsg").asText()).isEqualTo("ok");
        JsonNode request = json.get("request");
        assertThat(request.get("invoke_time").asLong()).isEqualTo(s.clock.instant().getEpochSecond());
        assertThat(request.get("cost_in_ms").isIntegralNumber()).isTrue();
        assertThat(request.get("request_url").asText()).isEqualTo("access_token=[redacted]");
        assertThat(request.get("request_body").asText()).isEqualTo("{\"scene\":\"id=1\",\"page\":\"pages/nowhere/index\"}");
        assertThat(request.get("response_body").asText()).isEqualTo(answer);
        assertThat(request.get("client_ip").asText()).isEqualTo("127.xx.0.1");
        assertThat(TestServer.text(reply)).doesNotContain(token);
    }

    @Test
    void a_successful_token_call_is_found_without_its_token() {
        HttpResponse<byte[]> refused = s.get("/cgi-bin/token?grant_type=client_credential&appid=" + SHOP + "&secret=wrong");
        String rid = rid(TestServer.text(refused));
        String token = s.token(SHOP, SHOP_SECRET);

        JsonNode request = TestServer.json(ridInfo(token, rid)).get("request");
        assertThat(request.get("request_url").asText())
                .isEqualTo("grant_type=client_credential&appid=" + SHOP + "&secret=[redacted]");
        assertThat(request.get("request_body").asText()).isEmpty();
        assertThat(request.get("response_body").asText()).startsWith("{\"errcode\":40125,");
    }

    @Test
    void another_apps_rid_is_76003_and_an_unknown_one_76001() {
        String shop = s.token(SHOP, SHOP_SECRET);
        String rid = rid(TestServer.text(s.code(shop, "{\"scene\":\"%\"}")));
        String game = s.token(GAME, GAME_SECRET);

        WireAssert.assertError(ridInfo(game, rid), Errcode.RID_OTHER_APP, WireAssert.ENCODING, s);
        WireAssert.assertError(ridInfo(shop, "00000000-00000000-00000000"), Errcode.RID_NOT_FOUND, WireAssert.ENCODING, s);
    }

    @Test
    void a_rid_older_than_7_days_is_not_found() {
        String token = s.token(SHOP, SHOP_SECRET);
        String rid = rid(TestServer.text(s.code(token, "{\"scene\":\"%\"}")));
        s.clock.advance(Duration.ofDays(7));
        String fresh = s.token(SHOP, SHOP_SECRET);
        assertThat(TestServer.json(ridInfo(fresh, rid)).get("errcode").asInt()).isZero();

        s.clock.advance(Duration.ofSeconds(1));
        WireAssert.assertError(ridInfo(s.token(SHOP, SHOP_SECRET), rid), Errcode.RID_NOT_FOUND, WireAssert.ENCODING, s);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not-a-rid", "6743C2A1-1A2B3C4D-5E6F7A8B", "6743c2a1-1a2b3c4d-5e6f7a8b ", "6743c2a1-1a2b3c4d"})
    void a_rid_not_shaped_as_one_is_76002(String rid) {
        WireAssert.assertError(ridInfo(s.token(SHOP, SHOP_SECRET), rid), Errcode.RID_MALFORMED, WireAssert.ENCODING, s);
    }

    @Test
    void the_body_and_the_token_are_checked_as_on_every_endpoint() {
        String token = s.token(SHOP, SHOP_SECRET);
        WireAssert.assertError(s.post(RID_INFO + token, "{}"), Errcode.RID_MALFORMED, WireAssert.ENCODING, s);
        WireAssert.assertError(s.post(RID_INFO + token, "{\"rid\":1}"), Errcode.DATA_FORMAT_ERROR, WireAssert.ENCODING, s);
        WireAssert.assertError(s.post(RID_INFO + "nope", "{\"rid\":\"00000000-00000000-00000000\"}"),
                Errcode.INVALID_CREDENTIAL, WireAssert.ENCODING, s);
    }

    private HttpResponse<byte[]> ridInfo(String token, String rid) {
        return s.post(RID_INFO + token, "{\"rid\":\"" + rid + "\"}");
    }

    private static String rid(String errorReply) {
        Matcher matcher = RID.matcher(errorReply);
        assertThat(matcher.find()).as(errorReply).isTrue();
        return matcher.group(1);
    }
}
