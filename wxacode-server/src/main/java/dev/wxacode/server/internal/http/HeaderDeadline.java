package dev.wxacode.server.internal.http;

import dev.wxacode.core.wire.Errcode;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A total deadline for each request's line and headers. The idle timeout starts again with every
 * byte, so a client sending a header a byte at a time holds its connection, and the memory of a
 * part-parsed request, for as long as it likes. Here the clock starts at a request's first byte
 * and is not reset; a request whose headers are not complete by the deadline is answered 408 with
 * the errcode JSON (990400) and its connection closed, without ever reaching a handler.
 *
 * <p>Jetty has no such deadline of its own. Its HTTP/1 connection (an internal class, so a Jetty
 * upgrade may move it) is extended for the one hook this needs: the parser's state after each read.
 */
public final class HeaderDeadline extends HttpConnectionFactory {
    private static final Logger log = LoggerFactory.getLogger(HeaderDeadline.class);
    private static final LogThrottle SLOW_CLIENTS = new LogThrottle(Duration.ofMinutes(1), System::nanoTime);

    private final Duration deadline;
    private final RequestId requestIds;
    private final LongAdder cut = new LongAdder();

    public HeaderDeadline(HttpConfiguration configuration, Duration deadline, RequestId requestIds) {
        super(configuration);
        this.deadline = deadline;
        this.requestIds = requestIds;
    }

    /** Requests cut at the deadline so far, for the metrics. */
    public long cut() {
        return cut.sum();
    }

    @Override
    public Connection newConnection(Connector connector, EndPoint endPoint) {
        Watched connection = new Watched(getHttpConfiguration(), connector, endPoint);
        connection.setTransferEncodingChunkMaxLength(getTransferEncodingChunkMaxLength());
        return configure(connection, connector, endPoint);
    }

    private final class Watched extends HttpConnection {
        private final Scheduler scheduler;
        private Scheduler.Task expiry;

        Watched(HttpConfiguration configuration, Connector connector, EndPoint endPoint) {
            super(configuration, connector, endPoint);
            scheduler = connector.getScheduler();
        }

        /** After each read: a request begun and not yet past its headers is on the clock. */
        @Override
        public void onFillable() {
            super.onFillable();
            boolean inHeaders = inHeaders(getParser());
            synchronized (this) {
                if (inHeaders && expiry == null) {
                    expiry = scheduler.schedule(this::expire, deadline.toNanos(), TimeUnit.NANOSECONDS);
                } else if (!inHeaders && expiry != null) {
                    expiry.cancel();
                    expiry = null;
                }
            }
        }

        private void expire() {
            synchronized (this) {
                expiry = null;
            }
            if (!inHeaders(getParser())) {
                return;
            }
            cut.increment();
            String client = getEndPoint().getRemoteSocketAddress() instanceof InetSocketAddress peer
                    ? CallerAddress.masked(peer.getAddress().getHostAddress()) : "";
            long since = SLOW_CLIENTS.admit(client);
            if (since >= 0) {
                log.warn("event=slow_headers client={} detail=\"headers not complete within {} ms\" same_client_since_last_line={}",
                        client, deadline.toMillis(), since);
            }
            byte[] body = WireJson.write(ErrorMapper.body(Errcode.MALFORMED_HTTP, Errcode.MALFORMED_HTTP.text("408 Request Timeout"),
                    requestIds.next()));
            byte[] head = ("HTTP/1.1 408 Request Timeout\r\nContent-Type: " + Replies.JSON_CHARSET + "\r\nContent-Length: "
                    + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
            EndPoint endPoint = getEndPoint();
            endPoint.write(Callback.from(endPoint::close, failed -> endPoint.close()), ByteBuffer.wrap(head), ByteBuffer.wrap(body));
        }
    }

    /** Past a request's first byte and short of the end of its headers. */
    private static boolean inHeaders(HttpParser parser) {
        return !parser.isStart() && parser.inHeaderState();
    }
}
