package dev.wxacode.server.http;

import io.javalin.http.Context;

/**
 * What a request carries between our handlers, the error mapper and the access log, as
 * Javalin context attributes under one name each.
 */
public final class Exchange {
    static final String RID = "wxacode.rid";
    static final String ROUTE = "wxacode.route";
    static final String ERRCODE = "wxacode.errcode";
    static final String APPID = "wxacode.appid";

    private Exchange() {
    }

    /** Marks the start of a request with its id. */
    public static void begin(Context ctx, String rid) {
        ctx.attribute(RID, rid);
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

    static String appid(Context ctx) {
        return ctx.attribute(APPID);
    }

    static int errcode(Context ctx) {
        Integer errcode = ctx.attribute(ERRCODE);
        return errcode == null ? 0 : errcode;
    }
}
