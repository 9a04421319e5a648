package dev.wxacode.cli.batch;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A batch's request to stop (Ctrl-C). Workers are never interrupted, since an interrupt in the
 * middle of file or database I/O closes the channel under the embedded database; a maker waiting
 * out a limit waits here instead, and wakes up at once when the batch stops.
 */
public final class StopSignal {
    private final CountDownLatch raised = new CountDownLatch(1);

    /** Thrown to a maker whose wait the stop cut short: its row stays undone. */
    public static final class Stopped extends RuntimeException {
        Stopped() {
            super("stopped", null, false, false);
        }
    }

    void raise() {
        raised.countDown();
    }

    boolean isRaised() {
        return raised.getCount() == 0;
    }

    /**
     * Waits for {@code duration}.
     *
     * @throws Stopped if the batch stops first
     */
    public void pause(Duration duration) {
        try {
            if (raised.await(duration.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new Stopped();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stopped();
        }
    }
}
