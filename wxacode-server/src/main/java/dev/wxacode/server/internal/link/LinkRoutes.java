package dev.wxacode.server.internal.link;

import dev.wxacode.core.link.LinkUrl;
import dev.wxacode.core.wire.WxException;
import dev.wxacode.server.internal.http.ErrorMapper;
import dev.wxacode.server.internal.http.Exchange;
import dev.wxacode.server.internal.http.Replies;
import dev.wxacode.server.internal.http.Routes;
import dev.wxacode.server.link.Resolution;
import io.javalin.http.Context;

/**
 * {@code GET /L/{token}}: what a phone opens when any scanner reads one of our codes. JSON for
 * programs; a small page for browsers (Accept: text/html).
 */
public final class LinkRoutes {
    public static final String PATH = "/" + LinkUrl.SEGMENT + "/{token}";

    private final Resolver resolver;

    public LinkRoutes(Resolver resolver) {
        this.resolver = resolver;
    }

    public void register(Routes routes) {
        routes.get(PATH, this::open);
    }

    private void open(Context ctx) {
        boolean html = Replies.prefersHtml(ctx);
        Resolution resolution;
        try {
            resolution = resolver.resolve(ctx.pathParam("token"));
        } catch (WxException e) {
            if (!html) {
                throw e;
            }
            ErrorMapper.note(e, ctx);
            Replies.html(ctx, e.errcode().httpStatus(), LinkPage.error(e.errmsgText(), Exchange.rid(ctx)));
            return;
        }
        Exchange.appid(ctx, resolution.appid());
        if (html) {
            Replies.html(ctx, 200, LinkPage.of(resolution));
        } else {
            Replies.json(ctx, 200, Replies.JSON_CHARSET, resolution.toJson());
        }
    }
}
