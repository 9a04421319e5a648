package dev.wxacode.server.internal.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wxacode.core.wire.Errcode;
import dev.wxacode.core.wire.WxException;
import dev.wxacode.server.config.ServerConfig;
import io.javalin.http.Context;
import jakarta.servlet.ServletInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads request bodies under a cap. A declared Content-Length over the cap is refused before a
 * byte is read; an undeclared (chunked) body is read up to one byte past the cap, never further.
 */
public final class Bodies {
    private static final Logger log = LoggerFactory.getLogger(Bodies.class);
    /** A slow body costs its sender nothing: one line a minute per client, not one per body. */
    private static final LogThrottle SLOW_CLIENTS = new LogThrottle(Duration.ofMinutes(1), System::nanoTime);
    private static final String CAP = "wxacode.body.cap";
    private static final String REFUSED = "wxacode.body.refused";
    private static final String CAPS = "wxacode.body.caps";
    static final int KEPT_WHEN_DRAINED = 64 * 1024;

    private Bodies() {
    }

    public static void limit(Context ctx, ServerConfig.Bodies caps) {
        ctx.attribute(CAPS, caps);
    }

    private static ServerConfig.Bodies caps(Context ctx) {
        ServerConfig.Bodies caps = ctx.attribute(CAPS);
        if (caps == null) {
            throw new IllegalStateException("no body caps: the server sets them before every route");
        }
        return caps;
    }

    /**
     * WeChat's answer to a chunked body, when the server is set to give it: HTTP 412 with an empty
     * body, before any check (WeChat's gateway refuses it before the API sees the call). Off by
     * default, so that a team's first call works and the request log says why it would not.
     *
     * @return whether the call was answered
     */
    public static boolean refusedChunked(Context ctx) {
        if (!caps(ctx).refuseChunked() || !chunked(ctx)) {
            return false;
        }
        ctx.status(HttpStatus.PRECONDITION_FAILED_412).result(new byte[0]);
        return true;
    }

    private static boolean chunked(Context ctx) {
        String coding = ctx.header(HttpHeader.TRANSFER_ENCODING.asString());
        return coding != null && coding.toLowerCase(Locale.ROOT).contains("chunked");
    }

    /** The image upload cap, for a route that reads its upload another way (a multipart form). */
    public static int uploadCap(Context ctx) {
        return caps(ctx).uploadBytes();
    }

    /**
     * A JSON body, under the JSON cap.
     *
     * @param tooLarge what an oversized body answers; its text may name the cap
     */
    public static RequestBody json(Context ctx, Errcode tooLarge) {
        int cap = caps(ctx).jsonBytes();
        return read(ctx, cap, tooLarge, cap);
    }

    /** The JSON object a WeChat endpoint takes: 47001 for one over the cap or not an object, 44002 for none. */
    public static ObjectNode wechatObject(Context ctx) {
        return json(ctx, Errcode.DATA_FORMAT_ERROR).object(Errcode.DATA_FORMAT_ERROR);
    }

    /** An image, under the upload cap; 990005 when over it. */
    public static RequestBody upload(Context ctx) {
        int cap = caps(ctx).uploadBytes();
        return read(ctx, cap, Errcode.IMAGE_TOO_LARGE, cap + " bytes");
    }

    /**
     * Records the body cap of the route handling {@code ctx}, for {@link #drain}: a body refused
     * for being a little over it is still read away, so that a client still writing it receives
     * the refusal rather than a reset connection.
     */
    public static void cap(Context ctx, long maxBytes) {
        ctx.attribute(CAP, maxBytes);
    }

    /**
     * The request's body, read on the first call under {@code maxBytes}; later calls for the same
     * request return it (or its refusal) again without reading, so each check that needs the
     * body asks for it where its turn comes and none has to hand it on.
     *
     * @param tooLarge what an oversized body answers; {@code args} fill its text
     * @throws WxException {@code tooLarge} when the body is over {@code maxBytes}
     */
    private static RequestBody read(Context ctx, int maxBytes, Errcode tooLarge, Object... args) {
        RuntimeException refused = ctx.attribute(REFUSED);
        if (refused != null) {
            throw refused;
        }
        RequestBody read = ctx.attribute(Exchange.BODY);
        if (read != null) {
            return read;
        }
        try {
            RequestBody body = new RequestBody(readNow(ctx, maxBytes, tooLarge, args), chunked(ctx));
            Exchange.body(ctx, body);
            return body;
        } catch (RuntimeException e) {
            ctx.attribute(REFUSED, e);
            throw e;
        }
    }

    private static byte[] readNow(Context ctx, int maxBytes, Errcode tooLarge, Object... args) {
        cap(ctx, maxBytes);
        return read(() -> ctx.req().getInputStream(), ctx.req().getContentLengthLong(), ctx.req().getRemoteAddr(),
                maxBytes, tooLarge, args);
    }

    /** Opens a request's body for reading. */
    @FunctionalInterface
    interface Opener {
        InputStream open() throws IOException;
    }

    /**
     * Reads a body under {@code maxBytes}, whichever server layer received it.
     *
     * @param declared its Content-Length; -1 for none
     * @param peer     the address it comes from, for the log line of a slow body
     * @throws WxException {@code tooLarge}, or {@link #failure}'s answer when the body could not be read whole
     */
    static byte[] read(Opener body, long declared, String peer, int maxBytes, Errcode tooLarge, Object... args) {
        if (declared > maxBytes) {
            throw new WxException(tooLarge, "declared body of " + declared + " bytes", args);
        }
        try (InputStream in = body.open()) {
            byte[] bytes = in.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw new WxException(tooLarge, "body over " + maxBytes + " bytes", args);
            }
            return bytes;
        } catch (HttpException.RuntimeException | IOException e) {
            // A cut by MinBodyRate comes as Jetty's exception itself, anything else as an I/O error.
            throw failure(e, peer, tooLarge);
        }
    }

    /**
     * What a body that could not be read whole answers, always the caller's doing: a slow body's
     * refusal; otherwise 990400, whether Jetty found the framing bad or the body ended early (its
     * own 400) or the connection was reset under it, which nobody may be left to read but which the
     * log and the metrics then count as the caller's rather than as -1.
     *
     * @param tooLarge what the route answers to a body too large: it tells a WeChat endpoint from ours
     */
    public static WxException failure(Throwable failure, String peer, Errcode tooLarge) {
        return slow(failure, peer, tooLarge).or(() -> badHttp(failure)).orElseGet(() -> {
            log.debug("event=client_gone client={} detail=\"{}\"", CallerAddress.masked(peer), failure.getMessage());
            return new WxException(Errcode.MALFORMED_HTTP, "body cut short", "body cut short");
        });
    }

    /** A slow body's refusal, when that is what {@code failure} is. */
    public static Optional<WxException> slow(Throwable failure, String peer, Errcode tooLarge) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof HttpException http && http.getCode() == HttpStatus.REQUEST_TIMEOUT_408) {
                return Optional.of(tooSlow(peer, tooLarge, http.getReason()));
            }
            if (t instanceof TimeoutException) {
                return Optional.of(tooSlow(peer, tooLarge, "nothing sent for the idle timeout"));
            }
        }
        return Optional.empty();
    }

    /**
     * A body that stalled or came under the minimum rate: the caller's doing, answered in the
     * endpoint's own terms (47001 on WeChat's endpoints, where a body that never arrived whole is
     * one WeChat cannot read; 990408, HTTP 408, on wxacode's), and logged at WARN without a stack.
     */
    private static WxException tooSlow(String peer, Errcode tooLarge, String why) {
        String client = CallerAddress.masked(peer);
        long since = SLOW_CLIENTS.admit(client);
        if (since >= 0) {
            log.warn("event=slow_body client={} detail=\"{}\" same_client_since_last_line={}", client, why, since);
        }
        // A route that answers an oversized body with one of our codes is one of our endpoints.
        return tooLarge.kind() == Errcode.Kind.EXTENSION
                ? new WxException(Errcode.BODY_TOO_SLOW, "body: " + why, why)
                : new WxException(Errcode.DATA_FORMAT_ERROR, "body too slow: " + why);
    }

    /**
     * Reads what is left of the request body before the reply goes out. A request refused early
     * (41001, 40001, a wrong method) leaves its body unread; Jetty then closes the connection
     * without saying so, and a client whose pool reuses it (WxJava, the JDK client) fails its next
     * request. A body larger than {@code maxBytes}, or than twice the route's {@link #cap} where
     * it set one, is not read here: the reply says {@code Connection: close} instead, so the client
     * opens a new connection, and goes out at once (to a client that declared a huge body and
     * waits, too); {@link LingeringClose} reads the rest away after it, for a client still sending.
     * A whole body of up to {@link #KEPT_WHEN_DRAINED} bytes is kept as the request's body, so the
     * request log shows the fields of a call refused before its body was read.
     */
    public static void drain(Context ctx, long maxBytes) {
        Long cap = ctx.attribute(CAP);
        long limit = cap == null ? maxBytes : 2 * cap;
        try {
            ServletInputStream in = ctx.req().getInputStream();
            if (in.isFinished()) {
                return;
            }
            if (ctx.req().getContentLengthLong() > limit) {
                ctx.header("Connection", "close");
                return;
            }
            ByteArrayOutputStream kept = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            long total = 0;
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                total += n;
                if (total > limit) {
                    ctx.header("Connection", "close");
                    return;
                }
                if (total <= KEPT_WHEN_DRAINED) {
                    kept.write(buffer, 0, n);
                }
            }
            if (total <= KEPT_WHEN_DRAINED) {
                Exchange.body(ctx, new RequestBody(kept.toByteArray(), chunked(ctx)));
            }
        } catch (IOException | RuntimeException e) {
            ctx.header("Connection", "close");
        }
    }

    /** Jetty reports a broken body (bad chunk framing, say) as an I/O error caused by an HTTP error. */
    private static Optional<WxException> badHttp(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof HttpException http) {
                return Optional.of(new WxException(Errcode.MALFORMED_HTTP, "body: " + http.getReason(),
                        http.getCode() + " " + HttpStatus.getMessage(http.getCode())));
            }
        }
        return Optional.empty();
    }
}
