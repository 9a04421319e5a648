package dev.wxacode.server.internal.http;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Refuses an HTTP/1.0 request that carries Transfer-Encoding. HTTP/1.0 has no chunked coding, and
 * RFC 9112 §6.1 treats such a message as faulty framing: a proxy in front may read its body one way
 * and this server another, the ground of request smuggling. Jetty decodes the body as chunked;
 * here it is answered 400 with the errcode JSON (990400) and the connection closed, before any
 * handler reads it.
 */
public final class ChunkedHttp10 extends Handler.Wrapper {
    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (request.getConnectionMetaData().getHttpVersion() == HttpVersion.HTTP_1_0
                && request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING)) {
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            Response.writeError(request, response, callback, HttpStatus.BAD_REQUEST_400, "Transfer-Encoding in HTTP/1.0");
            return true;
        }
        return super.handle(request, response, callback);
    }
}
