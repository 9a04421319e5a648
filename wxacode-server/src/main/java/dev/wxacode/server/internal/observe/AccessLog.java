package dev.wxacode.server.internal.observe;

import dev.wxacode.core.code.Appid;
import dev.wxacode.server.internal.http.Exchange;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One key=value line per request on the {@code wxacode.access} logger, and the request metrics.
 * The raw path and query are never logged: they carry access tokens, secrets and scenes. The
 * route template, errcode and rid are enough to find any request again.
 */
public final class AccessLog {
    private static final Logger log = LoggerFactory.getLogger("wxacode.access");

    private final Metrics metrics;

    public AccessLog(Metrics metrics) {
        this.metrics = metrics;
    }

    public void record(Context ctx, Float millis) {
        String route = Exchange.route(ctx);
        int errcode = Exchange.errcode(ctx);
        String method = Exchange.method(ctx);
        metrics.request(route, method, errcode, (long) (millis * 1_000_000));
        if (log.isInfoEnabled()) {
            String appid = Exchange.appid(ctx);
            log.info("method={} route={} status={} errcode={} appid={} ms={} rid={}", method, route, ctx.statusCode(),
                    errcode, appid == null ? "-" : safe(appid), String.format("%.1f", millis), Exchange.rid(ctx));
        }
    }

    /**
     * An appid comes from the caller, who may have put a secret in that field by mistake: only a
     * well-formed appid is written.
     */
    private static String safe(String value) {
        return Appid.isWellFormed(value) ? value : "invalid";
    }
}
