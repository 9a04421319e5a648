package dev.wxacode.server.internal.http;

import dev.wxacode.core.wire.Errcode;
import dev.wxacode.core.wire.WxException;
import io.javalin.http.Context;
import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;

/**
 * What a WeChat call reads of its request, and what it leaves on it for the logs and the reply,
 * whichever server layer received it: Javalin's routes ({@link #of}) or a handler in front of
 * Javalin ({@link JettyInbound}). A call written against this answers alike on both.
 */
public interface Inbound {
    /** A query parameter's first value; null without one. */
    String query(String name);

    /**
     * The body under the JSON cap, read on first need and the same (or the same refusal) after.
     *
     * @param tooLarge what an oversized body answers
     * @throws WxException {@code tooLarge}, or for a body not read whole ({@link Bodies#failure})
     */
    RequestBody json(Errcode tooLarge);

    /** The TCP peer's address. */
    String peer();

    /** Every value of a request header, in order. */
    List<String> headers(String name);

    /** The app the call turned out to be of, for the request and access logs. */
    void owner(String appid);

    /** A fault rule's pace for the reply's body, in bytes a second, when one asked for it. */
    void pace(OptionalInt bytesPerSecond);

    /** A request received by Javalin. */
    static Inbound of(Context ctx) {
        return new Inbound() {
            @Override
            public String query(String name) {
                return ctx.queryParam(name);
            }

            @Override
            public RequestBody json(Errcode tooLarge) {
                return Bodies.json(ctx, tooLarge);
            }

            @Override
            public String peer() {
                return ctx.req().getRemoteAddr();
            }

            @Override
            public List<String> headers(String name) {
                return Collections.list(ctx.req().getHeaders(name));
            }

            @Override
            public void owner(String appid) {
                Exchange.appid(ctx, appid);
            }

            @Override
            public void pace(OptionalInt bytesPerSecond) {
                Exchange.pace(ctx, bytesPerSecond);
            }
        };
    }
}
