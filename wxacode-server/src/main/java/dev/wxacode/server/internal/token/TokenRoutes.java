package dev.wxacode.server.internal.token;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wxacode.core.wire.Endpoint;
import dev.wxacode.core.wire.Errcode;
import dev.wxacode.server.internal.fault.Faults;
import dev.wxacode.server.internal.http.Bodies;
import dev.wxacode.server.internal.http.CallerAddress;
import dev.wxacode.server.internal.http.Exchange;
import dev.wxacode.server.internal.http.Replies;
import dev.wxacode.server.internal.http.Routes;
import dev.wxacode.server.internal.http.WireJson;
import io.javalin.http.Context;
import java.util.Optional;

/** {@code GET /cgi-bin/token} and {@code POST /cgi-bin/stable_token}. */
public final class TokenRoutes {
    private final TokenService tokens;
    private final CallerAddress callers;
    private final Faults faults;

    public TokenRoutes(TokenService tokens, CallerAddress callers, Faults faults) {
        this.tokens = tokens;
        this.callers = callers;
        this.faults = faults;
    }

    public void register(Routes routes) {
        routes.wechat(Endpoint.TOKEN, this::token);
        routes.wechat(Endpoint.STABLE_TOKEN, this::stableToken);
    }

    private void token(Context ctx) {
        String appid = ctx.queryParam("appid");
        Exchange.appid(ctx, appid);
        String caller = callers.of(ctx);
        injectFault(ctx, appid, Endpoint.TOKEN, caller);
        reply(ctx, tokens.token(new TokenService.Credentials(ctx.queryParam("grant_type"), appid,
                ctx.queryParam("secret"), caller)));
    }

    /** JSON only (wire spec §4), whatever Content-Type the client claims. */
    private void stableToken(Context ctx) {
        ObjectNode body = Bodies.wechatObject(ctx);
        String appid = WireJson.text(body, "appid", Errcode.DATA_FORMAT_ERROR);
        Exchange.appid(ctx, appid);
        boolean forceRefresh = WireJson.bool(body, "force_refresh", false, Errcode.DATA_FORMAT_ERROR);
        String grantType = WireJson.text(body, "grant_type", Errcode.DATA_FORMAT_ERROR);
        String secret = WireJson.text(body, "secret", Errcode.DATA_FORMAT_ERROR);
        String caller = callers.of(ctx);
        injectFault(ctx, appid, Endpoint.STABLE_TOKEN, caller);
        reply(ctx, tokens.stableToken(new TokenService.Credentials(grantType, appid, secret, caller), forceRefresh));
    }

    /** A test's fault rule for the app answers instead, before anything is checked. */
    private void injectFault(Context ctx, String appid, Endpoint endpoint, String caller) {
        if (appid != null) {
            Exchange.pace(ctx, faults.check(appid, new Faults.Call(endpoint, caller, Optional.empty(), Optional.empty())));
        }
    }

    private static void reply(Context ctx, TokenService.Issued issued) {
        ObjectNode json = WireJson.object();
        json.put("access_token", issued.accessToken());
        json.put("expires_in", issued.expiresIn());
        Replies.json(ctx, 200, Replies.JSON_ENCODING, json);
    }
}
