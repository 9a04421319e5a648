package dev.wxacode.server.internal.code;

import dev.wxacode.core.code.LimitedCodeRequest;
import dev.wxacode.core.wire.Endpoint;
import dev.wxacode.server.code.RenderedCode;
import dev.wxacode.server.internal.http.Exchange;
import dev.wxacode.server.internal.http.Inbound;
import dev.wxacode.server.internal.http.Replies;
import dev.wxacode.server.internal.http.Reply;
import dev.wxacode.server.internal.http.Routes;
import dev.wxacode.server.internal.registry.Registry;
import io.javalin.http.Context;

/**
 * The routes that make codes: {@code POST /wxa/getwxacodeunlimit?access_token=…}, its limited
 * siblings {@code /wxa/getwxacode} and {@code /cgi-bin/wxaapp/createwxaqrcode}, and the console's
 * playground {@code POST /admin/apps/{appid}/codes} (and {@code …/codes/getwxacode},
 * {@code …/codes/createwxaqrcode}), whose body and answer are the same (the image, or the same
 * errcode JSON from the same checks); and {@code GET /L/{token}/code.jpg} and
 * {@code code.png}, the image of a link made before, for pages and caches.
 */
public final class CodeRoutes {
    private final CodeCalls calls;
    private final Registry registry;

    public CodeRoutes(CodeCalls calls, Registry registry) {
        this.calls = calls;
        this.registry = registry;
    }

    public void register(Routes routes) {
        routes.wechat(Endpoint.GET_UNLIMITED, ctx -> reply(ctx, calls.wechat(Inbound.of(ctx))));
        for (LimitedCodeRequest.Kind kind : LimitedCodeRequest.Kind.values()) {
            routes.wechat(kind.endpoint(), ctx -> reply(ctx, calls.limited(Inbound.of(ctx), kind)));
        }
        routes.guarded().post("/admin/apps/{appid}/codes",
                ctx -> reply(ctx, calls.playground(Inbound.of(ctx), registry.require(ctx.pathParam("appid")))));
        for (LimitedCodeRequest.Kind kind : LimitedCodeRequest.Kind.values()) {
            routes.guarded().post("/admin/apps/{appid}/codes/" + kind.endpoint().lastSegment(), ctx -> reply(ctx,
                    calls.playgroundLimited(Inbound.of(ctx), registry.require(ctx.pathParam("appid")), kind)));
        }
        routes.get(JettyCodes.JPG, ctx -> shown(ctx, false));
        routes.get(JettyCodes.PNG, ctx -> shown(ctx, true));
    }

    private void shown(Context ctx, boolean transparent) {
        Replies.send(ctx, calls.ofLink(ctx.pathParam("token"), ctx.queryParam("width"), ctx.header("If-None-Match"),
                transparent, appid -> Exchange.appid(ctx, appid)).reply());
    }

    private static void reply(Context ctx, RenderedCode code) {
        Replies.send(ctx, attached(code));
    }

    /** A code as the POST that made it answers it. */
    static Reply attached(RenderedCode code) {
        return Replies.image(code.bytes(), code.format(), code.name());
    }
}
