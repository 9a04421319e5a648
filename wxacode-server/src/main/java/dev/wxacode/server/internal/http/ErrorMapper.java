package dev.wxacode.server.internal.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wxacode.core.wire.Errcode;
import dev.wxacode.core.wire.WxException;
import io.javalin.http.Context;
import java.time.Duration;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.server.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become replies: {@code {"errcode":N,"errmsg":"… rid: …"}} with
 * WeChat's content type and HTTP 200 for WeChat codes, our own status for wxacode's codes. Nothing
 * else of an exception (class, message, stack) ever reaches the caller.
 */
public final class ErrorMapper {
    private static final Logger log = LoggerFactory.getLogger(ErrorMapper.class);
    /** The status logged for a call a fault rule answered with no reply at all, as nginx logs one. */
    public static final int DROPPED = 444;
    private static final LogThrottle SYSTEM_ERRORS = new LogThrottle(Duration.ofMinutes(1), System::nanoTime);

    private ErrorMapper() {
    }

    /** A refusal: its detail logged, answered with its code. */
    public static void handle(WxException e, Context ctx) {
        note(e, ctx);
        reply(ctx, e.errcode(), e.errmsgText());
    }

    /**
     * Logs a refusal and records its code for the access log, for a handler that answers in
     * another form (an HTML page). The access log line already says who was refused and why at
     * INFO; the detail, for debugging, is at DEBUG. Only -1 is our fault, at ERROR, once a minute
     * for each detail (an outage would otherwise write a line per request), with the count of the
     * lines left out since.
     */
    public static void note(WxException e, Context ctx) {
        ctx.attribute(Exchange.ERRCODE, e.errcode().code());
        note(e, Exchange.rid(ctx), Exchange.route(ctx));
    }

    /** What a failure is answered with, for a request served in front of Javalin. */
    public record Refusal(Errcode errcode, Reply reply) {
    }

    /**
     * For a request served in front of Javalin: logs {@code e} as {@link #handle} and {@link
     * #handleUnexpected} do, and gives the same reply.
     */
    public static Refusal refusal(RuntimeException e, String rid, String route) {
        if (e instanceof WxException refused) {
            note(refused, rid, route);
            return new Refusal(refused.errcode(), reply(refused.errcode(), refused.errmsgText(), route, rid));
        }
        unexpected(e, rid, route);
        return new Refusal(Errcode.SYSTEM_ERROR, reply(Errcode.SYSTEM_ERROR, Errcode.SYSTEM_ERROR.text(), route, rid));
    }

    private static void note(WxException e, String rid, String route) {
        if (e.errcode() == Errcode.SYSTEM_ERROR && !e.isInjected()) {
            long dropped = SYSTEM_ERRORS.admit(e.getMessage());
            if (dropped >= 0) {
                log.error("event=system_error rid={} route={} detail=\"{}\" same_since_last_line={}", rid, route,
                        e.getMessage(), dropped);
            }
        } else {
            log.debug("event=refused rid={} route={} detail=\"{}\"", rid, route, e.getMessage());
        }
    }

    /**
     * A test's fault rule asked for no answer at all: the connection is closed under the request,
     * as when a server dies mid-call; the client sees the connection end without a reply.
     */
    public static void drop(Context ctx) {
        // Never sent; the access log shows it as nginx shows a connection closed without a reply.
        ctx.status(DROPPED);
        drop(ServletContextRequest.getServletContextRequest(ctx.req()), Exchange.rid(ctx), Exchange.route(ctx));
    }

    /** As {@link #drop(Context)}, for a request served in front of Javalin. */
    public static void drop(Request request, String rid, String route) {
        log.debug("event=dropped rid={} route={}", rid, route);
        request.getConnectionMetaData().getConnection().getEndPoint().close();
    }

    /** Our fault: logged at ERROR with the stack and the rid, answered with -1. */
    public static void handleUnexpected(Exception e, Context ctx) {
        unexpected(e, Exchange.rid(ctx), Exchange.route(ctx));
        reply(ctx, Errcode.SYSTEM_ERROR, Errcode.SYSTEM_ERROR.text());
    }

    private static void unexpected(Exception e, String rid, String route) {
        log.error("event=unexpected rid={} route={}", rid, route, e);
    }

    /**
     * For Javalin's status handlers (404, 405), which also run after our own handlers answered with
     * that status: only a request nobody answered yet gets the generic reply.
     */
    public static void replyIfUnanswered(Context ctx, Errcode errcode) {
        if (ctx.attribute(Exchange.ERRCODE) == null && ctx.attribute(Exchange.ROUTE) == null) {
            reply(ctx, errcode, errcode.text());
        }
    }

    public static void reply(Context ctx, Errcode errcode, String text) {
        ctx.attribute(Exchange.ERRCODE, errcode.code());
        ctx.removeHeader("Content-Disposition");
        Replies.send(ctx, reply(errcode, text, Exchange.route(ctx), Exchange.rid(ctx)));
    }

    /** The errcode JSON, with its status and content type, for a request on {@code route}. */
    public static Reply reply(Errcode errcode, String text, String route, String rid) {
        return Replies.json(errcode.httpStatus(), contentType(errcode, route), body(errcode, text, rid));
    }

    public static ObjectNode body(Errcode errcode, String text, String rid) {
        ObjectNode body = WireJson.object();
        body.put("errcode", errcode.code());
        body.put("errmsg", text + " rid: " + rid);
        return body;
    }

    /**
     * Sources disagree on WeChat's label (wire spec §2): credential errors and everything from the
     * token endpoints were seen as {@code encoding=utf-8}, parameter errors as {@code charset=UTF-8}.
     */
    static String contentType(Errcode errcode, String route) {
        return errcode.kind() == Errcode.Kind.CREDENTIAL || route.startsWith("/cgi-bin/")
                ? Replies.JSON_ENCODING : Replies.JSON_CHARSET;
    }
}
