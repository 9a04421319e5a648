package dev.wxacode.server.internal.code;

import dev.wxacode.server.internal.http.ErrorMapper;
import dev.wxacode.server.internal.http.Reply;
import dev.wxacode.server.internal.http.RequestBody;
import dev.wxacode.server.internal.http.RequestId;
import dev.wxacode.server.internal.link.LinkRoutes;
import dev.wxacode.server.internal.observe.AccessLog;
import dev.wxacode.server.internal.requests.RequestLog;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * {@code GET} and {@code HEAD} of {@code /L/{token}/code.jpg} and {@code code.png}, answered on
 * Jetty's own handler API in front of Javalin. Pages and caches ask for a link's image again and
 * again, most often to hear 304, and the servlet layer and Javalin's routing were a fifth of the
 * CPU each of those cost (docs/benchmarks.md, issue 17).
 *
 * <p>The answer is {@link CodeCalls#ofLink}'s, as on Javalin's route for the same paths, and the
 * call goes into the request log, the access log and the metrics as it would there. A request
 * that is not plainly one of these (a body, doubled slashes, a query that does not parse, a token
 * that is not base32) goes on to Javalin, which answers it as it answers everything else.
 */
public final class LinkImages extends Handler.Wrapper {
    static final String JPG = LinkRoutes.PATH + "/code.jpg";
    static final String PNG = LinkRoutes.PATH + "/code.png";
    private static final Pattern PATH = Pattern.compile("/L/([A-Z2-7]+)/code\\.(jpg|png)");

    private final CodeCalls calls;
    private final String prefix;
    private final RequestId requestIds;
    private final Clock clock;
    private final RequestLog requests;
    private final AccessLog accessLog;

    /** @param prefix the configured path prefix, empty for none; these paths are answered with and without it */
    public LinkImages(CodeCalls calls, String prefix, RequestId requestIds, Clock clock, RequestLog requests,
                      AccessLog accessLog) {
        this.calls = calls;
        this.prefix = prefix;
        this.requestIds = requestIds;
        this.clock = clock;
        this.requests = requests;
        this.accessLog = accessLog;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Matcher path = plain(request);
        Fields query = path == null ? null : query(request);
        if (query == null) {
            return super.handle(request, response, callback);
        }
        long started = System.nanoTime();
        Instant arrived = clock.instant();
        String rid = requestIds.next();
        boolean png = path.group(2).equals("png");
        String route = png ? PNG : JPG;
        String method = request.getMethod();
        String[] appid = new String[1];
        Answer answer = answer(route, rid, () -> calls.ofLink(path.group(1), query.getValue("width"),
                request.getHeaders().get(HttpHeader.IF_NONE_MATCH), png, owner -> appid[0] = owner).reply());
        int status = answer.reply().status();
        // As on Javalin's routes: in the request log before the answer goes, in the access log after.
        requests.record(new RequestLog.Call(appid[0], method, route, values(query), RequestBody.NONE, status,
                answer.errcode(), arrived, millisSince(started), rid));
        Runnable logged = () -> accessLog.record(new AccessLog.Line(method, route, status, answer.errcode(), appid[0],
                millisSince(started), rid));
        send(answer.reply(), response, Callback.from(() -> {
            logged.run();
            callback.succeeded();
        }, failure -> {
            logged.run();
            callback.failed(failure);
        }));
        return true;
    }

    private record Answer(Reply reply, int errcode) {
    }

    /** The reply, or the errcode JSON Javalin's error mapping gives for the same failure. */
    private static Answer answer(String route, String rid, Supplier<Reply> reply) {
        try {
            return new Answer(reply.get(), 0);
        } catch (RuntimeException e) {
            ErrorMapper.Refusal refusal = ErrorMapper.refusal(e, rid, route);
            return new Answer(refusal.reply(), refusal.errcode().code());
        }
    }

    /** The path's token and extension, for a bodiless GET or HEAD of exactly one of these paths. */
    private Matcher plain(Request request) {
        HttpFields headers = request.getHeaders();
        boolean body = request.getLength() > 0 || headers.contains(HttpHeader.TRANSFER_ENCODING);
        return plain(request.getMethod(), request.getHttpURI().getPath(), body, prefix);
    }

    /**
     * @param path the request's path, as sent (null for none)
     * @return the token (group 1) and the extension (group 2); null for anything to leave to Javalin
     */
    static Matcher plain(String method, String path, boolean body, String prefix) {
        if (!HttpMethod.GET.is(method) && !HttpMethod.HEAD.is(method) || body || path == null) {
            return null;
        }
        String route = !prefix.isEmpty() && path.startsWith(prefix + "/") ? path.substring(prefix.length()) : path;
        Matcher matcher = PATH.matcher(route);
        return matcher.matches() ? matcher : null;
    }

    /** The query's parameters; null when it does not parse, for Javalin to answer. */
    private static Fields query(Request request) {
        try {
            return Request.extractQueryParameters(request);
        } catch (RuntimeException malformed) {
            return null;
        }
    }

    private static Map<String, List<String>> values(Fields query) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (Fields.Field field : query) {
            values.put(field.getName(), field.getValues());
        }
        return values;
    }

    private static double millisSince(long started) {
        return (System.nanoTime() - started) / 1e6;
    }

    /** HEAD too is sent its body: Jetty sends a HEAD reply's headers only, with the GET's Content-Length. */
    private static void send(Reply reply, Response response, Callback callback) {
        response.setStatus(reply.status());
        HttpFields.Mutable headers = response.getHeaders();
        reply.headers().forEach(headers::put);
        if (reply.contentType().isEmpty()) {
            response.write(true, null, callback);
            return;
        }
        headers.put(HttpHeader.CONTENT_TYPE, reply.contentType().get());
        headers.put(HttpHeader.CONTENT_LENGTH, reply.body().length);
        response.write(true, ByteBuffer.wrap(reply.body()), callback);
    }
}
