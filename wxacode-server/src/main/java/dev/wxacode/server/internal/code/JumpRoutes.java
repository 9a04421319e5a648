package dev.wxacode.server.internal.code;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wxacode.core.code.JumpRequest;
import dev.wxacode.core.wire.Endpoint;
import dev.wxacode.server.internal.http.Inbound;
import dev.wxacode.server.internal.http.Replies;
import dev.wxacode.server.internal.http.Routes;
import dev.wxacode.server.internal.registry.Registry;
import io.javalin.http.Context;

/**
 * The routes of URL Scheme, URL Link and Short Link, and the console's playground for them
 * ({@code POST /admin/apps/{appid}/links/generatescheme}, {@code …/generate_urllink},
 * {@code …/genwxashortlink}); {@link JumpCalls} answers them.
 */
public final class JumpRoutes {
    private final JumpCalls calls;
    private final Registry registry;

    public JumpRoutes(JumpCalls calls, Registry registry) {
        this.calls = calls;
        this.registry = registry;
    }

    public void register(Routes routes) {
        for (JumpRequest.Kind kind : JumpRequest.Kind.values()) {
            routes.wechat(kind.endpoint(), ctx -> json(ctx, calls.generate(Inbound.of(ctx), kind)));
            routes.guarded().post("/admin/apps/{appid}/links/" + kind.endpoint().lastSegment(), ctx ->
                    json(ctx, calls.playground(Inbound.of(ctx), registry.require(ctx.pathParam("appid")), kind)));
        }
        routes.wechat(Endpoint.QUERY_SCHEME, ctx -> json(ctx, calls.query(Inbound.of(ctx), JumpRequest.Kind.SCHEME)));
        routes.wechat(Endpoint.QUERY_URLLINK, ctx -> json(ctx, calls.query(Inbound.of(ctx), JumpRequest.Kind.URL_LINK)));
    }

    private static void json(Context ctx, ObjectNode reply) {
        Replies.json(ctx, 200, Replies.JSON_CHARSET, reply);
    }
}
