package dev.wxacode.server.internal.http;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Drops, before routing, request headers that WeChat does not honour and Javalin would act on:
 * <ul>
 *   <li>{@code X-HTTP-Method-Override}: Javalin would route a GET as the POST the header names, so
 *       the method a proxy filtered on, the access log and the metrics would all disagree with what
 *       ran;</li>
 *   <li>{@code If-None-Match} on anything but GET and HEAD: Javalin answers 304 with no body
 *       whenever it equals the ETag a handler set, whatever the method. Code images carry an ETag,
 *       and a client repeating a POST with it would lose its image; a POST is no cache validation
 *       (RFC 9110 §13.1.2 allows 304 for GET and HEAD only).</li>
 * </ul>
 */
public final class IgnoredRequestHeaders extends Handler.Wrapper {
    private static final String METHOD_OVERRIDE = "X-HTTP-Method-Override";

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        HttpFields headers = request.getHeaders();
        boolean validates = HttpMethod.GET.is(request.getMethod()) || HttpMethod.HEAD.is(request.getMethod());
        boolean conditional = !validates && headers.contains(HttpHeader.IF_NONE_MATCH);
        if (!headers.contains(METHOD_OVERRIDE) && !conditional) {
            return super.handle(request, response, callback);
        }
        HttpFields.Mutable kept = HttpFields.build(headers).remove(METHOD_OVERRIDE);
        if (conditional) {
            kept.remove(HttpHeader.IF_NONE_MATCH);
        }
        HttpFields without = kept.asImmutable();
        return super.handle(new Request.Wrapper(request) {
            @Override
            public HttpFields getHeaders() {
                return without;
            }
        }, response, callback);
    }
}
