package dev.wxacode.server.internal.requests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wxacode.core.wire.Endpoint;
import dev.wxacode.core.wire.Errcode;
import dev.wxacode.core.wire.WxException;
import dev.wxacode.server.internal.http.Bodies;
import dev.wxacode.server.internal.http.Exchange;
import dev.wxacode.server.internal.http.Replies;
import dev.wxacode.server.internal.http.Routes;
import dev.wxacode.server.internal.http.WireJson;
import dev.wxacode.server.internal.token.TokenService;
import dev.wxacode.server.registry.App;
import dev.wxacode.server.requests.LoggedRequest;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * {@code POST /cgi-bin/openapi/rid/get?access_token=…} with {@code {"rid":"…"}} (getRidInfo): the
 * call whose answer carried that rid, from the request log, as redacted as the log keeps it.
 * Only the token's own app's calls, and only for 7 days, as WeChat: 76001 for a rid the log does
 * not have (never seen, older, or pushed out by newer calls), 76002 for one not shaped as a rid,
 * 76003 for another app's.
 */
public final class RidRoutes {
    private static final Duration KEPT_FOR = Duration.ofDays(7);
    /** Three groups of 8 lowercase hex digits, as every errmsg here ends ({@code RequestId}). */
    private static final Pattern RID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}");

    private final TokenService tokens;
    private final RequestLog log;
    private final Clock clock;

    public RidRoutes(TokenService tokens, RequestLog log, Clock clock) {
        this.tokens = tokens;
        this.log = log;
        this.clock = clock;
    }

    public void register(Routes routes) {
        routes.wechat(Endpoint.RID_INFO, this::rid);
    }

    private void rid(Context ctx) {
        App app = tokens.authorizeCall(ctx.queryParam("access_token"), appid -> Exchange.appid(ctx, appid));
        ObjectNode body = Bodies.wechatObject(ctx);
        String rid = WireJson.text(body, "rid", Errcode.DATA_FORMAT_ERROR);
        if (rid == null || !RID.matcher(rid).matches()) {
            throw new WxException(Errcode.RID_MALFORMED);
        }
        RequestLogStore.Kept kept = log.find(rid)
                .filter(found -> !found.request().time().isBefore(clock.instant().minus(KEPT_FOR)))
                .orElseThrow(() -> new WxException(Errcode.RID_NOT_FOUND, "no kept call with rid " + rid));
        if (!kept.appid().equals(app.appid())) {
            throw new WxException(Errcode.RID_OTHER_APP, "rid of another app's call");
        }
        LoggedRequest call = kept.request();
        ObjectNode json = WireJson.ok();
        ObjectNode request = json.putObject("request");
        request.put("invoke_time", call.time().getEpochSecond());
        request.put("cost_in_ms", Math.round(call.ms()));
        request.put("request_url", queryString(call.query()));
        request.put("request_body", call.fields().isEmpty() && call.bodyBytes() == 0 ? "" : fields(call.fields()));
        request.put("response_body", call.response());
        request.put("client_ip", call.clientIp());
        Replies.json(ctx, 200, Replies.JSON_ENCODING, json);
    }

    /** The query as a URL carries it, each parameter's first value as the log keeps it (credentials redacted). */
    private static String queryString(Map<String, JsonNode> query) {
        StringJoiner joined = new StringJoiner("&");
        query.forEach((name, value) -> joined.add(name + "=" + value.asText()));
        return joined.toString();
    }

    private static String fields(Map<String, JsonNode> fields) {
        ObjectNode object = WireJson.object();
        fields.forEach(object::set);
        return new String(WireJson.write(object), StandardCharsets.UTF_8);
    }
}
