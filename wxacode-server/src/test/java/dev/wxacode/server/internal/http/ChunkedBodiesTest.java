package dev.wxacode.server.internal.http;

import static dev.wxacode.server.TestServer.SHOP;
import static dev.wxacode.server.TestServer.SHOP_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wxacode.server.ServerExtension;
import dev.wxacode.server.TestServer;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With WXACODE_REFUSE_CHUNKED_BODIES on, a chunked body gets WeChat's 412 before anything else is looked at. */
class ChunkedBodiesTest {
    private static final String CODE_BODY = "{\"scene\":\"id=1\"}";

    @RegisterExtension
    static final ServerExtension server = ServerExtension.shared("WXACODE_REFUSE_CHUNKED_BODIES", "true");
    final TestServer s = server.get();

    @Test
    void a_chunked_code_call_gets_412_with_an_empty_body_and_the_same_call_with_its_length_an_image() {
        String token = s.token(SHOP, SHOP_SECRET);
        assertRefused(s.postChunked("/wxa/getwxacodeunlimit?access_token=" + token, CODE_BODY));

        HttpResponse<byte[]> whole = s.code(token, CODE_BODY);
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(TestServer.decode(whole.body())).contains("/L/");
    }

    @Test
    void the_412_comes_before_the_token_check_and_on_every_wechat_post() {
        assertRefused(s.postChunked("/wxa/getwxacodeunlimit?access_token=not-a-token", CODE_BODY));
        assertRefused(s.postChunked("/cgi-bin/stable_token", "{\"grant_type\":\"client_credential\",\"appid\":\"" + SHOP
                + "\",\"secret\":\"" + SHOP_SECRET + "\"}"));
        assertRefused(s.postChunked("/cgi-bin/clear_quota?access_token=not-a-token", "{\"appid\":\"" + SHOP + "\"}"));
    }

    @Test
    void a_refused_call_names_no_app_so_the_request_log_does_not_keep_it() {
        String token = s.token(SHOP, SHOP_SECRET);
        assertRefused(s.postChunked("/wxa/getwxacodeunlimit?access_token=" + token, CODE_BODY));

        JsonNode newest = TestServer.json(s.admin("GET", "/admin/apps/" + SHOP + "/requests?limit=1", null)).get("requests");
        assertThat(newest).hasSize(1);
        assertThat(newest.get(0).get("route").asText()).isEqualTo("/cgi-bin/token");
    }

    private static void assertRefused(HttpResponse<byte[]> response) {
        assertThat(response.statusCode()).isEqualTo(412);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers().firstValue("Content-Length")).hasValue("0");
    }
}
