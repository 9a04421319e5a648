package dev.wxacode.server.internal.code;

import dev.wxacode.core.wire.Endpoint;
import dev.wxacode.server.code.RenderedCode;
import dev.wxacode.server.internal.http.Replies;
import dev.wxacode.server.internal.http.Routes;
import dev.wxacode.server.internal.link.LinkRoutes;
import dev.wxacode.server.internal.registry.Registry;
import io.javalin.http.Context;

/**
 * The routes that make codes: {@code POST /wxa/getwxacodeunlimit?access_token=…}, and the console's
 * playground {@code POST /admin/apps/{appid}/codes}, whose body and answer are the same (the
 * image, or the same errcode JSON from the same checks); and {@code GET /L/{token}/code.jpg} and
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
        routes.wechat(Endpoint.GET_UNLIMITED, ctx -> reply(ctx, calls.wechat(ctx)));
        routes.guarded().post("/admin/apps/{appid}/codes",
                ctx -> reply(ctx, calls.playground(ctx, registry.require(ctx.pathParam("appid")))));
        routes.get(LinkRoutes.PATH + "/code.jpg", ctx -> replyShown(ctx, calls.ofLink(ctx, false)));
        routes.get(LinkRoutes.PATH + "/code.png", ctx -> replyShown(ctx, calls.ofLink(ctx, true)));
    }

    private static void replyShown(Context ctx, CodeCalls.LinkImage answer) {
        answer.image().ifPresentOrElse(code -> Replies.shownImage(ctx, code.bytes(), code.format(), code.name()),
                () -> Replies.notModified(ctx, answer.name()));
    }

    private static void reply(Context ctx, RenderedCode code) {
        Replies.image(ctx, code.bytes(), code.format(), code.name());
    }
}
