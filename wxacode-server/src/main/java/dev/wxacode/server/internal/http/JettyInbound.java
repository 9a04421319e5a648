package dev.wxacode.server.internal.http;

import dev.wxacode.core.wire.Errcode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;

/**
 * A request received on Jetty's handler API, in front of Javalin: its query parsed once, its body
 * read on first need under the JSON cap, as {@link Bodies} reads it for Javalin's routes. Only a
 * request whose body is declared within the cap is taken ({@link #of}); a chunked or oversized
 * body goes on to Javalin, which answers it where WeChat's order of checks puts that answer.
 * One request is handled on one thread, so nothing here needs a lock.
 */
public final class JettyInbound implements Inbound {
    private final Request request;
    private final Fields query;
    private final int cap;
    private RequestBody body;
    private RuntimeException refused;
    private String appid;
    private OptionalInt pace = OptionalInt.empty();

    private JettyInbound(Request request, Fields query, int cap) {
        this.request = request;
        this.query = query;
        this.cap = cap;
    }

    /**
     * @param cap the JSON body cap
     * @return empty for a request to leave to Javalin: a query that does not parse, a chunked body,
     *         or one declared over the cap
     */
    public static Optional<JettyInbound> of(Request request, int cap) {
        if (request.getLength() > cap || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new JettyInbound(request, Request.extractQueryParameters(request), cap));
        } catch (RuntimeException malformed) {
            return Optional.empty();
        }
    }

    @Override
    public String query(String name) {
        return query.getValue(name);
    }

    /** Every query parameter with its values, for the request log. */
    public Map<String, List<String>> queryValues() {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (Fields.Field field : query) {
            values.put(field.getName(), field.getValues());
        }
        return values;
    }

    @Override
    public RequestBody json(Errcode tooLarge) {
        if (refused != null) {
            throw refused;
        }
        if (body == null) {
            try {
                // Never chunked: of() leaves chunked requests to Javalin.
                body = new RequestBody(Bodies.read(() -> Content.Source.asInputStream(request), request.getLength(),
                        Request.getRemoteAddr(request), cap, tooLarge, cap), false);
            } catch (RuntimeException e) {
                refused = e;
                throw e;
            }
        }
        return body;
    }

    /**
     * Reads the body if no check did, before the reply goes out, so the connection can carry the
     * client's next request and the request log shows the body of a call refused before reading
     * it ({@link Bodies#drain} does the same on Javalin's routes).
     *
     * @return false when the body could not be read: the reply must close the connection
     */
    public boolean drain() {
        try {
            json(Errcode.DATA_FORMAT_ERROR);
            return true;
        } catch (RuntimeException unread) {
            return false;
        }
    }

    /** The body as read; empty when it was not, or could not be. */
    public RequestBody body() {
        return body == null ? RequestBody.NONE : body;
    }

    @Override
    public String peer() {
        return Request.getRemoteAddr(request);
    }

    @Override
    public List<String> headers(String name) {
        return request.getHeaders().getValuesList(name);
    }

    @Override
    public void owner(String appid) {
        this.appid = appid;
    }

    /** The app the call turned out to be of; null when it has none. */
    public String owner() {
        return appid;
    }

    @Override
    public void pace(OptionalInt bytesPerSecond) {
        if (bytesPerSecond.isPresent()) {
            pace = bytesPerSecond;
        }
    }

    public OptionalInt pace() {
        return pace;
    }
}
