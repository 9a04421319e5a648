package dev.wxacode.server.internal.code;

import dev.wxacode.core.wire.Endpoint;
import dev.wxacode.server.internal.fault.Faults;
import dev.wxacode.server.internal.fault.Pacing;
import dev.wxacode.server.internal.http.CallerAddress;
import dev.wxacode.server.internal.http.ErrorMapper;
import dev.wxacode.server.internal.http.JettyInbound;
import dev.wxacode.server.internal.http.Reply;
import dev.wxacode.server.internal.http.RequestId;
import dev.wxacode.server.internal.link.LinkRoutes;
import dev.wxacode.server.internal.observe.AccessLog;
import dev.wxacode.server.internal.requests.RequestLog;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The calls made most often, answered on Jetty's own handler API in front of Javalin: {@code POST
 * /wxa/getwxacodeunlimit}, and {@code GET} and {@code HEAD} of {@code /L/{token}/code.jpg} and
 * {@code code.png}, which pages and caches ask for again and again, most often to hear 304. The
 * servlet layer and Javalin's routing and result copying cost more than a fifth of a repeated
 * call's CPU (docs/benchmarks.md, issue 17).
 *
 * <p>The answer is {@link CodeCalls}'s, as on Javalin's routes for the same paths, with the same
 * {@link Reply} values, errcode JSON, fault rules, request log, access log and metrics. A request
 * that is not plainly one of these (a body chunked or declared over the cap, doubled slashes, a
 * query that does not parse, a token that is not base32, another method) goes on to Javalin, which
 * answers it as it answers everything else.
 */
public final class JettyCodes extends Handler.Wrapper {
    static final String JPG = LinkRoutes.PATH + "/code.jpg";
    static final String PNG = LinkRoutes.PATH + "/code.png";
    private static final String UNLIMITED = Endpoint.GET_UNLIMITED.path();
    private static final Pattern LINK = Pattern.compile("/L/([A-Z2-7]+)/code\\.(jpg|png)");

    private final CodeCalls calls;
    private final String prefix;
    private final int jsonCap;
    private final RequestId requestIds;
    private final Clock clock;
    private final RequestLog requests;
    private final CallerAddress callers;
    private final AccessLog accessLog;
    private final Faults.Sleeper sleeper;

    /**
     * @param prefix  the configured path prefix, empty for none; these paths are answered with and without it
     * @param jsonCap the JSON body cap
     * @param callers who a call came from, for the request log
     * @param sleeper how a fault rule's pace waits
     */
    public JettyCodes(CodeCalls calls, String prefix, int jsonCap, RequestId requestIds, Clock clock,
                      RequestLog requests, CallerAddress callers, AccessLog accessLog, Faults.Sleeper sleeper) {
        this.calls = calls;
        this.prefix = prefix;
        this.jsonCap = jsonCap;
        this.requestIds = requestIds;
        this.clock = clock;
        this.requests = requests;
        this.callers = callers;
        this.accessLog = accessLog;
        this.sleeper = sleeper;
    }

    /** One of these paths: its route template, for logs and metrics, and how it is answered. */
    private record Route(String template, Function<JettyInbound, Reply> answer) {
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Route route = route(request);
        JettyInbound inbound = route == null ? null : JettyInbound.of(request, jsonCap).orElse(null);
        if (inbound == null) {
            return super.handle(request, response, callback);
        }
        long started = System.nanoTime();
        Instant arrived = clock.instant();
        String rid = requestIds.next();
        String method = request.getMethod();
        Answer answer = answer(route, inbound, rid);
        boolean keepOpen = !answer.dropped() && inbound.drain();
        int status = answer.dropped() ? ErrorMapper.DROPPED : answer.reply().status();
        // As on Javalin's routes: in the request log before the answer goes (a paced one too), in the access log after.
        requests.record(new RequestLog.Call(inbound.owner(), method, route.template(), inbound.queryValues(),
                inbound.body(), status, answer.errcode(), arrived, millisSince(started), rid, callers.of(inbound),
                answer.reply()));
        Callback logged = Callback.from(callback, () -> accessLog.record(new AccessLog.Line(method, route.template(),
                status, answer.errcode(), inbound.owner(), millisSince(started), rid)));
        if (answer.dropped()) {
            ErrorMapper.drop(request, rid, route.template());
            response.write(true, null, logged);
        } else {
            send(answer.reply(), keepOpen, inbound.pace(), response, logged);
        }
        return true;
    }

    private Route route(Request request) {
        String method = request.getMethod();
        String path = request.getHttpURI().getPath();
        Matcher link = link(method, path, prefix);
        if (link != null) {
            boolean png = link.group(2).equals("png");
            String token = link.group(1);
            return new Route(png ? PNG : JPG, inbound -> calls.ofLink(token, inbound.query("width"),
                    request.getHeaders().get(HttpHeader.IF_NONE_MATCH), png, inbound::owner).reply());
        }
        if (unlimited(method, path, prefix)) {
            return new Route(UNLIMITED, inbound -> CodeRoutes.attached(calls.wechat(inbound)));
        }
        return null;
    }

    /** What a call was answered with; a dropped call has no reply at all. */
    private record Answer(Reply reply, int errcode, boolean dropped) {
    }

    /** The reply, or the errcode JSON Javalin's error mapping gives for the same failure. */
    private static Answer answer(Route route, JettyInbound inbound, String rid) {
        try {
            return new Answer(route.answer().apply(inbound), 0, false);
        } catch (Faults.Dropped dropped) {
            return new Answer(null, 0, true);
        } catch (RuntimeException e) {
            ErrorMapper.Refusal refusal = ErrorMapper.refusal(e, rid, route.template());
            return new Answer(refusal.reply(), refusal.errcode().code(), false);
        }
    }

    /**
     * @param path the request's path, as sent (null for none)
     * @return for a GET or HEAD of a link's image, the token (group 1) and the extension (group 2); otherwise null
     */
    static Matcher link(String method, String path, String prefix) {
        if (!HttpMethod.GET.is(method) && !HttpMethod.HEAD.is(method) || path == null) {
            return null;
        }
        Matcher matcher = LINK.matcher(unprefixed(path, prefix));
        return matcher.matches() ? matcher : null;
    }

    /** Whether this is a POST of exactly getwxacodeunlimit's path; other methods get WeChat's 43002 from Javalin. */
    static boolean unlimited(String method, String path, String prefix) {
        return HttpMethod.POST.is(method) && path != null && unprefixed(path, prefix).equals(UNLIMITED);
    }

    private static String unprefixed(String path, String prefix) {
        return !prefix.isEmpty() && path.startsWith(prefix + "/") ? path.substring(prefix.length()) : path;
    }

    private static double millisSince(long started) {
        return (System.nanoTime() - started) / 1e6;
    }

    /**
     * HEAD too is sent its body: Jetty sends a HEAD reply's headers only, with the GET's
     * Content-Length. A fault rule's pace sends the body in steps on this thread, as on Javalin's.
     */
    private void send(Reply reply, boolean keepOpen, OptionalInt pace, Response response, Callback callback) {
        response.setStatus(reply.status());
        HttpFields.Mutable headers = response.getHeaders();
        reply.headers().forEach(headers::put);
        if (!keepOpen) {
            headers.put(HttpHeader.CONNECTION, "close");
        }
        if (reply.contentType().isEmpty()) {
            response.write(true, null, callback);
            return;
        }
        headers.put(HttpHeader.CONTENT_TYPE, reply.contentType().get());
        headers.put(HttpHeader.CONTENT_LENGTH, reply.body().length);
        if (pace.isEmpty()) {
            response.write(true, ByteBuffer.wrap(reply.body()), callback);
            return;
        }
        try (OutputStream out = Content.Sink.asOutputStream(response)) {
            Pacing.write(reply.body(), pace.getAsInt(), out, sleeper);
        } catch (IOException | RuntimeException e) {
            callback.failed(e);
            return;
        }
        callback.succeeded();
    }
}
