package dev.wxacode.server.internal.token;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wxacode.core.wire.Endpoint;
import dev.wxacode.core.wire.Errcode;
import dev.wxacode.core.wire.WxException;
import dev.wxacode.server.internal.http.Bodies;
import dev.wxacode.server.internal.http.Exchange;
import dev.wxacode.server.internal.http.Replies;
import dev.wxacode.server.internal.http.Routes;
import dev.wxacode.server.internal.http.WireJson;
import dev.wxacode.server.internal.ratelimit.MinuteLimits;
import dev.wxacode.server.internal.ratelimit.Quota;
import dev.wxacode.server.internal.ratelimit.Quotas;
import dev.wxacode.server.registry.App;
import io.javalin.http.Context;

/**
 * {@code POST /cgi-bin/clear_quota?access_token=…} with {@code {"appid":"…"}}: the app's daily
 * counts (tokens, stable tokens, force refreshes) start again from nothing, and so do its minute
 * limits, so that a test can run again at once. As WeChat: 10 clears a calendar month (48006
 * beyond), and the appid must be the token's own (40013).
 */
public final class ClearQuotaRoutes {
    static final int CLEARS_A_MONTH = 10;

    private final TokenService tokens;
    private final Quotas quotas;
    private final MinuteLimits minutes;

    public ClearQuotaRoutes(TokenService tokens, Quotas quotas, MinuteLimits minutes) {
        this.tokens = tokens;
        this.quotas = quotas;
        this.minutes = minutes;
    }

    public void register(Routes routes) {
        routes.wechat(Endpoint.CLEAR_QUOTA, this::clear);
    }

    private void clear(Context ctx) {
        App app = tokens.authorizeCall(ctx.queryParam("access_token"), appid -> Exchange.appid(ctx, appid));
        ObjectNode body = Bodies.json(ctx, Errcode.DATA_FORMAT_ERROR).object(Errcode.DATA_FORMAT_ERROR);
        String appid = WireJson.text(body, "appid", Errcode.DATA_FORMAT_ERROR);
        if (appid == null || appid.isBlank()) {
            throw new WxException(Errcode.APPID_MISSING);
        }
        if (!appid.equals(app.appid())) {
            throw new WxException(Errcode.INVALID_APPID, "clear_quota for another app than the token's");
        }
        if (!quotas.tryConsumeThisMonth(appid, Quota.CLEAR_QUOTA, CLEARS_A_MONTH)) {
            throw new WxException(Errcode.CLEAR_QUOTA_LIMIT);
        }
        quotas.clearToday(appid);
        minutes.restore(appid, app.rateLimitPerMinute());
        ObjectNode json = WireJson.object();
        json.put("errcode", 0);
        json.put("errmsg", "ok");
        Replies.json(ctx, 200, Replies.JSON_ENCODING, json);
    }
}
