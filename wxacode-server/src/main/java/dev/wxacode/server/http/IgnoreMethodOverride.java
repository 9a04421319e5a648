package dev.wxacode.server.http;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Drops {@code X-HTTP-Method-Override} before routing. Javalin would otherwise route a GET as the
 * POST the header names, so the method a proxy filtered on, the access log and the metrics would all
 * disagree with what ran. WeChat does not honour the header either.
 */
public final class IgnoreMethodOverride extends Handler.Wrapper {
    static final String HEADER = "X-HTTP-Method-Override";

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!request.getHeaders().contains(HEADER)) {
            return super.handle(request, response, callback);
        }
        HttpFields without = HttpFields.build(request.getHeaders()).remove(HEADER).asImmutable();
        return super.handle(new Request.Wrapper(request) {
            @Override
            public HttpFields getHeaders() {
                return without;
            }
        }, response, callback);
    }
}
