package dev.wxacode.server.internal.http;

import io.javalin.http.Context;
import java.time.Instant;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What a request carries between our handlers, the error mapper and the access log, as
 * Javalin context attributes under one name each.
 */
public final class Exchange {
    static final String RID = "wxacode.rid";
    static final String ROUTE = "wxacode.route";
    static final String ERRCODE = "wxacode.errcode";
    static final String APPID = "wxacode.appid";
    static final String BODY = "wxacode.body";
    static final String ARRIVED = "wxacode.arrived";
    static final String STARTED = "wxacode.started";
    static final String PACE = "wxacode.pace";
    static final String REPLY = "wxacode.reply";
    /** Any token is a valid HTTP method; others are reported together so labels stay bounded. */
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    private Exchange() {
    }

    /** Marks the start of a request with its id and its arrival by the server's clock. */
    public static void begin(Context ctx, String rid, Instant arrived) {
        ctx.attribute(RID, rid);
        ctx.attribute(ARRIVED, arrived);
        ctx.attribute(STARTED, System.nanoTime());
    }

    public static Instant arrived(Context ctx) {
        return ctx.attribute(ARRIVED);
    }

    /** Milliseconds since the request arrived, measured on the monotonic timer. */
    public static double elapsedMillis(Context ctx) {
        Long started = ctx.attribute(STARTED);
        return started == null ? 0 : (System.nanoTime() - started) / 1e6;
    }

    /** The request's method, or {@code OTHER} for one outside HTTP's usual few. */
    public static String method(Context ctx) {
        String method = ctx.req().getMethod();
        return METHODS.contains(method) ? method : "OTHER";
    }

    public static String rid(Context ctx) {
        String rid = ctx.attribute(RID);
        return rid == null ? "00000000-00000000-00000000" : rid;
    }

    /** The route template that matched, e.g. {@code /wxa/getwxacodeunlimit}; never the raw path. */
    public static String route(Context ctx) {
        String route = ctx.attribute(ROUTE);
        return route == null ? "unmatched" : route;
    }

    public static void appid(Context ctx, String appid) {
        ctx.attribute(APPID, appid);
    }

    /** The appid the request named or its token belongs to; null when it has none. */
    public static String appid(Context ctx) {
        return ctx.attribute(APPID);
    }

    /**
     * The request body as a route read it ({@link Bodies#read}), or as {@link Bodies#drain} kept
     * it; empty when neither did.
     */
    public static RequestBody body(Context ctx) {
        RequestBody body = ctx.attribute(BODY);
        return body == null ? RequestBody.NONE : body;
    }

    static void body(Context ctx, RequestBody body) {
        ctx.attribute(BODY, body);
    }

    /** The reply the call was answered with ({@link Replies#send}); null before it has one. */
    public static Reply reply(Context ctx) {
        return ctx.attribute(REPLY);
    }

    /** Marks the call's reply for pacing, when a fault rule asked for it. */
    public static void pace(Context ctx, OptionalInt bytesPerSecond) {
        bytesPerSecond.ifPresent(pace -> ctx.attribute(PACE, pace));
    }

    /** The pace a fault rule set for the reply's body, in bytes a second. */
    public static OptionalInt pace(Context ctx) {
        Integer pace = ctx.attribute(PACE);
        return pace == null ? OptionalInt.empty() : OptionalInt.of(pace);
    }

    /** The errcode the reply carried; 0 for a success. */
    public static int errcode(Context ctx) {
        Integer errcode = ctx.attribute(ERRCODE);
        return errcode == null ? 0 : errcode;
    }
}
