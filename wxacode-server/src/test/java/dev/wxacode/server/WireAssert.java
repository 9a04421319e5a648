package dev.wxacode.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxacode.core.wire.Errcode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Exact checks of WeChat-shaped error replies. */
public final class WireAssert {
    public static final String ENCODING = "application/json; encoding=utf-8";
    public static final String CHARSET = "application/json; charset=UTF-8";
    private static final Pattern RID = Pattern.compile(" rid: ([0-9a-f]{8})-[0-9a-f]{8}-[0-9a-f]{8}$");

    private WireAssert() {
    }

    /**
     * The reply is exactly {@code {"errcode":N,"errmsg":"<text> rid: …"}} with that content type, the
     * status the code travels with, and a rid whose first group is the server clock's second.
     */
    public static void assertError(HttpResponse<byte[]> response, Errcode errcode, String contentType, TestServer server) {
        assertError(response, errcode, errcode.text(), contentType, server);
    }

    public static void assertError(HttpResponse<byte[]> response, Errcode errcode, String text, String contentType,
                                   TestServer server) {
        String body = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(response.statusCode()).as("status of %s", body).isEqualTo(errcode.httpStatus());
        assertThat(response.headers().firstValue("Content-Type")).as("content type of %s", body).contains(contentType);
        String prefix = "{\"errcode\":" + errcode.code() + ",\"errmsg\":\"" + text.replace("\"", "\\\"") + " rid: ";
        assertThat(body).startsWith(prefix).endsWith("\"}");
        Matcher rid = RID.matcher(body.substring(0, body.length() - 2));
        assertThat(rid.find()).as("rid in %s", body).isTrue();
        assertThat(Long.parseLong(rid.group(1), 16)).as("rid time").isEqualTo(server.clock.instant().getEpochSecond());
        assertThat(response.headers().firstValue("Content-Length")).contains(Integer.toString(response.body().length));
    }
}
