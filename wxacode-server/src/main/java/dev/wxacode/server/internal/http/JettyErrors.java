package dev.wxacode.server.internal.http;

import dev.wxacode.core.wire.Errcode;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors that Jetty answers before our handlers run (a malformed request line, headers too large,
 * a bad URI) get the same errcode JSON as everything else, instead of Jetty's HTML page. Jetty's
 * status is kept; the message names it, and no stack or server detail is shown.
 */
public final class JettyErrors extends ErrorHandler {
    private final RequestId requestIds;

    public JettyErrors(RequestId requestIds) {
        this.requestIds = requestIds;
        setShowStacks(false);
        setShowCauses(false);
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Replies.JSON_CHARSET);
        response.write(true, ByteBuffer.wrap(body(code)), callback);
    }

    private byte[] body(int status) {
        Errcode errcode = status == 404 ? Errcode.NOT_FOUND : Errcode.MALFORMED_HTTP;
        String reason = status + " " + HttpStatus.getMessage(status);
        return WireJson.write(ErrorMapper.body(errcode, errcode.text(reason), requestIds.next()));
    }
}
