package dev.wxacode.server.internal.token;

import static dev.wxacode.server.internal.admin.AdminJson.reply;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wxacode.server.internal.http.Routes;
import dev.wxacode.server.internal.http.WireJson;
import dev.wxacode.server.internal.registry.Registry;
import io.javalin.http.Context;

/**
 * {@code POST /admin/apps/{appid}/tokens/expire} and {@code …/tokens/supersede}: every token of the
 * app ends at once, and is answered from then on as expired (42001) or as superseded by a newer one
 * (40001), so that a backend's refresh can be tested without waiting two hours.
 */
public final class TokenAdminRoutes {
    private final TokenService tokens;
    private final Registry registry;

    public TokenAdminRoutes(TokenService tokens, Registry registry) {
        this.tokens = tokens;
        this.registry = registry;
    }

    public void register(Routes routes) {
        Routes admin = routes.guarded();
        admin.post("/admin/apps/{appid}/tokens/expire", ctx -> end(ctx, true));
        admin.post("/admin/apps/{appid}/tokens/supersede", ctx -> end(ctx, false));
    }

    private void end(Context ctx, boolean expire) {
        String appid = registry.require(ctx.pathParam("appid")).appid();
        tokens.endAll(appid, expire);
        ObjectNode json = WireJson.object();
        json.put("appid", appid);
        json.put("tokens", expire ? "expired" : "superseded");
        reply(ctx, 200, json);
    }
}
