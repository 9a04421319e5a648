package dev.wxacode.server.internal.http;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Reads away the rest of a request body that was answered without being read (a body over its
 * cap, a call refused before its body mattered), after the answer has gone out and before the
 * exchange ends. Many clients (Python's urllib and requests, and others) write a whole body
 * before they read anything. Left unread, the body makes Jetty close the connection while bytes
 * are still arriving, and the kernel then resets it: such a client sees a broken pipe instead of
 * the errcode JSON that was already sent. Reading the rest away first, as nginx's lingering close
 * does, lets the client finish writing and then read the answer.
 *
 * <p>Bounded: a body declared larger than {@link #MAX_BYTES} is not read at all, an undeclared
 * (chunked) one at most that far, and for at most {@link #MAX_TIME} after the answer (a client
 * that stops sending is cut sooner by the idle timeout). Past a bound the connection is closed as
 * before. Nothing waits on a thread meanwhile: the rest is read as it arrives.
 */
public final class LingeringClose extends Handler.Wrapper {
    public static final long MAX_BYTES = 64L * 1024 * 1024;
    public static final Duration MAX_TIME = Duration.ofSeconds(10);

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long declared = request.getLength();
        if (declared == 0 || declared > MAX_BYTES) {
            return super.handle(request, response, callback);
        }
        return super.handle(request, response, new Linger(request, callback));
    }

    /** The exchange's callback, held back until the body has been read to its end or a bound is met. */
    private static final class Linger extends Callback.Nested implements Runnable {
        private final Request request;
        private long discarded;
        private Scheduler.Task deadline;
        private boolean finished;

        Linger(Request request, Callback callback) {
            super(callback);
            this.request = request;
        }

        /** The answer is out: read what is left of the body before the exchange completes. */
        @Override
        public void succeeded() {
            run();
        }

        /** Reads what has arrived, then asks to run again when more does. */
        @Override
        public void run() {
            synchronized (this) {
                if (finished) {
                    return;
                }
                while (true) {
                    Content.Chunk chunk = request.read();
                    if (chunk == null) {
                        if (deadline == null) {
                            deadline = request.getComponents().getScheduler()
                                    .schedule(this::expire, MAX_TIME.toMillis(), TimeUnit.MILLISECONDS);
                        }
                        request.demand(this);
                        return;
                    }
                    discarded += chunk.remaining();
                    boolean end = chunk.isLast() || Content.Chunk.isFailure(chunk) || discarded > MAX_BYTES;
                    chunk.release();
                    if (end) {
                        break;
                    }
                }
                finished = true;
                if (deadline != null) {
                    deadline.cancel();
                }
            }
            super.succeeded();
        }

        /** Out of time with the body still coming: Jetty closes the connection, as it would have at once. */
        private void expire() {
            synchronized (this) {
                if (finished) {
                    return;
                }
                finished = true;
            }
            super.failed(new LingerExpired());
        }
    }

    private static final class LingerExpired extends Exception {
        LingerExpired() {
            super("request body still arriving " + MAX_TIME.toSeconds() + " s after the answer", null, false, false);
        }
    }
}
