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
        record(new Line(Exchange.method(ctx), Exchange.route(ctx), ctx.statusCode(), Exchange.errcode(ctx),
                Exchange.appid(ctx), millis, Exchange.rid(ctx)));
    }

    /**
     * What the line and the metrics say of one request.
     *
     * @param method as {@link Exchange#method} reports it
     * @param appid  null when the request has none
     */
    public record Line(String method, String route, int status, int errcode, String appid, double millis, String rid) {
    }

    public void record(Line line) {
        metrics.request(line.route(), line.method(), line.errcode(), (long) (line.millis() * 1_000_000));
        if (log.isInfoEnabled()) {
            log.info("method={} route={} status={} errcode={} appid={} ms={} rid={}", line.method(), line.route(),
                    line.status(), line.errcode(), line.appid() == null ? "-" : safe(line.appid()),
                    String.format("%.1f", line.millis()), line.rid());
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
