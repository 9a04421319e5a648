package dev.wxacode.server.internal.http;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Puts back WeChat's spelling of the JSON content type just before the headers leave.
 *
 * <p>The servlet layer rewrites {@code application/json; charset=UTF-8} as
 * {@code application/json;charset=utf-8} whenever anything asks for the response's character
 * encoding, and Javalin does when it writes a result. Equivalent by the RFC, but SDKs compare
 * strings (wire spec §2), so the exact bytes matter.
 */
public final class ExactContentType extends Handler.Wrapper {
    private static final String SERVLET_SPELLING = "application/json;charset=utf-8";

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        return super.handle(request, new Response.Wrapper(request, response) {
            @Override
            public void write(boolean last, ByteBuffer content, Callback done) {
                if (!isCommitted()) {
                    HttpField type = getHeaders().getField(HttpHeader.CONTENT_TYPE);
                    if (type != null && type.getValue().equalsIgnoreCase(SERVLET_SPELLING)) {
                        getHeaders().put(HttpHeader.CONTENT_TYPE, Replies.JSON_CHARSET);
                    }
                }
                super.write(last, content, done);
            }
        }, callback);
    }
}
