package dev.wxacode.server.internal.http;

import dev.wxacode.core.wire.Errcode;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.io.AbstractEndPoint;
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
 * part-parsed request, for as long as it likes. Here each request's clock starts at its first byte
 * and is not reset; a request whose headers are not complete by the deadline is answered 408 with
 * the errcode JSON (990400) and its connection closed, without ever reaching a handler.
 *
 * <p>Jetty has no such deadline of its own. Its HTTP/1 connection (an internal class, so a Jetty
 * upgrade may move it) is extended where the parser reports a message's beginning and its
 * headers' end, and after each read, where a request still in its headers gets its timer. The cut itself takes the connection's read interest away first, so it never races
 * a read that is parsing the last header bytes at that very moment.
 */
public final class HeaderDeadline extends HttpConnectionFactory {
    private static final Logger log = LoggerFactory.getLogger(HeaderDeadline.class);
    /** What a cut fails the connection's read interest with, to tell it from a real failure. */
    private static final TimeoutException CUT = new TimeoutException("request headers past their deadline");
    /** How soon a cut that met a read in progress is tried again. */
    private static final long RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final Duration deadline;
    private final RequestId requestIds;
    private final LogThrottle slowClients = new LogThrottle(Duration.ofMinutes(1), System::nanoTime);
    private final LongAdder cut = new LongAdder();

    /** @param deadline zero for none */
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
        HttpConnection connection = deadline.isZero() ? new HttpConnection(getHttpConfiguration(), connector, endPoint)
                : new Watched(getHttpConfiguration(), connector, endPoint);
        connection.setTransferEncodingChunkMaxLength(getTransferEncodingChunkMaxLength());
        return configure(connection, connector, endPoint);
    }

    private final class Watched extends HttpConnection {
        private final Scheduler scheduler;
        /** Which request the clock runs for: a new one starts a new count, and a stale expiry sees it. */
        private long request;
        /** Whether that request's headers are still coming. */
        private boolean timing;
        /** When its first byte was parsed, by {@link System#nanoTime}. */
        private long began;
        private Scheduler.Task expiry;

        Watched(HttpConfiguration configuration, Connector connector, EndPoint endPoint) {
            super(configuration, connector, endPoint);
            scheduler = connector.getScheduler();
        }

        @Override
        protected RequestHandler newRequestHandler() {
            return new RequestHandler() {
                @Override
                public void messageBegin() {
                    start();
                    super.messageBegin();
                }

                @Override
                public boolean headerComplete() {
                    stop();
                    return super.headerComplete();
                }

                @Override
                public void badMessage(org.eclipse.jetty.http.HttpException failure) {
                    stop();
                    super.badMessage(failure);
                }

                @Override
                public void earlyEOF() {
                    stop();
                    super.earlyEOF();
                }
            };
        }

        private synchronized void start() {
            request++;
            timing = true;
            began = System.nanoTime();
        }

        /**
         * After each read: headers still incomplete get their deadline now. Headers that came in
         * one read (nearly all) began and ended inside it, and never cost a timer.
         */
        @Override
        public void onFillable() {
            super.onFillable();
            synchronized (this) {
                if (timing && expiry == null) {
                    long which = request;
                    long left = Math.max(0, began + deadline.toNanos() - System.nanoTime());
                    expiry = scheduler.schedule(() -> expire(which), left, TimeUnit.NANOSECONDS);
                }
            }
        }

        private synchronized void stop() {
            timing = false;
            if (expiry != null) {
                expiry.cancel();
                expiry = null;
            }
        }

        @Override
        public void onClose(Throwable cause) {
            stop();
            super.onClose(cause);
        }

        /**
         * At the deadline of request {@code which}, if its headers are still coming: takes the read
         * interest, which only succeeds while no read is running, and answers in {@link
         * #onFillInterestedFailed}. The lock is held throughout, so a read cannot complete the
         * headers (and the handler begin) between the look and the cut; a read already running
         * gets another look a moment later.
         */
        private synchronized void expire(long which) {
            if (which != request || !timing) {
                return;
            }
            if (getEndPoint() instanceof AbstractEndPoint endPoint && endPoint.getFillInterest().onFail(CUT)) {
                timing = false;
                expiry = null;
            } else {
                expiry = scheduler.schedule(() -> expire(which), RETRY_NANOS, TimeUnit.NANOSECONDS);
            }
        }

        @Override
        public void onFillInterestedFailed(Throwable cause) {
            if (cause != CUT) {
                super.onFillInterestedFailed(cause);
                return;
            }
            cut.increment();
            String client = getEndPoint().getRemoteSocketAddress() instanceof InetSocketAddress peer
                    ? CallerAddress.masked(peer.getAddress().getHostAddress()) : "";
            long since = slowClients.admit(client);
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
}
