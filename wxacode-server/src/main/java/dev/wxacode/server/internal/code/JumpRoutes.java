package dev.wxacode.server.internal.code;

import dev.wxacode.core.code.JumpRequest;
import dev.wxacode.core.wire.Endpoint;
import dev.wxacode.server.internal.http.Inbound;
import dev.wxacode.server.internal.http.Replies;
import dev.wxacode.server.internal.http.Routes;

/** The routes of URL Scheme, URL Link and Short Link; {@link JumpCalls} answers them. */
public final class JumpRoutes {
    private final JumpCalls calls;

    public JumpRoutes(JumpCalls calls) {
        this.calls = calls;
    }

    public void register(Routes routes) {
        routes.wechat(Endpoint.GENERATE_SCHEME, ctx -> Replies.json(ctx, 200, Replies.JSON_CHARSET,
                calls.generate(Inbound.of(ctx), JumpRequest.Kind.SCHEME)));
        routes.wechat(Endpoint.QUERY_SCHEME, ctx -> Replies.json(ctx, 200, Replies.JSON_CHARSET,
                calls.query(Inbound.of(ctx), JumpRequest.Kind.SCHEME)));
        routes.wechat(Endpoint.GENERATE_URLLINK, ctx -> Replies.json(ctx, 200, Replies.JSON_CHARSET,
                calls.generate(Inbound.of(ctx), JumpRequest.Kind.URL_LINK)));
        routes.wechat(Endpoint.QUERY_URLLINK, ctx -> Replies.json(ctx, 200, Replies.JSON_CHARSET,
                calls.query(Inbound.of(ctx), JumpRequest.Kind.URL_LINK)));
        routes.wechat(Endpoint.GENERATE_SHORTLINK, ctx -> Replies.json(ctx, 200, Replies.JSON_CHARSET,
                calls.shortLink(Inbound.of(ctx))));
    }
}
