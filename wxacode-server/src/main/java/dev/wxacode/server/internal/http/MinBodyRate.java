package dev.wxacode.server.internal.http;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.NanoTime;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Cuts request bodies that arrive slower than a minimum rate (slow-body attacks), judged only
 * while the server is waiting for the client. Jetty's own check of the same setting compares the
 * bytes read with the time since the first read, whether or not the rest had already arrived: a
 * small body split over two packets 50 ms apart, or a server thread paused for as long between two
 * reads (a collection, a busy core), failed a well-behaved call. Here a read that finds data never
 * fails; one that would have to wait fails when, past a grace period after the server began to
 * read, the body has averaged less than the rate. A client that stops sending altogether is judged
 * too, at the moment its average falls below the rate: the wait for more is given that deadline,
 * rather than the connection's idle timeout, which any byte restarts.
 *
 * <p>A cut body reads as Jetty's 408 error, which {@link Bodies} answers as a slow body.
 */
public final class MinBodyRate extends Handler.Wrapper {
    /** Absorbs the network's hiccups (a lost segment costs a retransmission timeout, 1 s at first). */
    public static final Duration GRACE = Duration.ofSeconds(2);

    private final long bytesPerSecond;

    /** @param bytesPerSecond the minimum average rate; 0 or less checks nothing */
    public MinBodyRate(long bytesPerSecond) {
        this.bytesPerSecond = bytesPerSecond;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (bytesPerSecond <= 0 || request.getLength() == 0) {
            return super.handle(request, response, callback);
        }
        return super.handle(new Paced(request), response, callback);
    }

    private final class Paced extends Request.Wrapper {
        private long firstRead = Long.MIN_VALUE;
        private long arrived;
        private Content.Chunk cut;

        Paced(Request request) {
            super(request);
        }

        @Override
        public Content.Chunk read() {
            if (cut != null) {
                return cut;
            }
            if (firstRead == Long.MIN_VALUE) {
                firstRead = NanoTime.now();
            }
            Content.Chunk chunk = super.read();
            if (chunk != null) {
                arrived += chunk.remaining();
                return chunk;
            }
            long judged = NanoTime.since(firstRead) - GRACE.toNanos();
            if (judged > 0 && arrived < bytesPerSecond * (judged / 1_000_000) / 1000) {
                cut = Content.Chunk.from(tooSlow(), true);
                return cut;
            }
            return null;
        }

        /**
         * Waits for more of the body, or until the body would fall below the rate if nothing more
         * came, whichever is first: then the body is failed as too slow, which wakes the reader.
         */
        @Override
        public void demand(Runnable demandCallback) {
            if (firstRead == Long.MIN_VALUE || cut != null) {
                super.demand(demandCallback);
                return;
            }
            // The first whole millisecond past the grace at which read() finds the average too low.
            long dueMillis = ((arrived + 1) * 1000 + bytesPerSecond - 1) / bytesPerSecond;
            long delayNanos = Math.max(0, GRACE.toNanos() + dueMillis * 1_000_000 - NanoTime.since(firstRead));
            // Whichever comes first, the data or the deadline, settles this wait: a deadline reached
            // while data is being handed over must not fail a body that has just grown.
            AtomicBoolean settled = new AtomicBoolean();
            Scheduler.Task deadline = getComponents().getScheduler().schedule(() -> {
                if (settled.compareAndSet(false, true)) {
                    fail(tooSlow());
                }
            }, delayNanos, TimeUnit.NANOSECONDS);
            super.demand(() -> {
                if (settled.compareAndSet(false, true)) {
                    deadline.cancel();
                }
                demandCallback.run();
            });
        }

        private BadMessageException tooSlow() {
            return new BadMessageException(HttpStatus.REQUEST_TIMEOUT_408, "under " + bytesPerSecond + " bytes a second");
        }
    }
}
