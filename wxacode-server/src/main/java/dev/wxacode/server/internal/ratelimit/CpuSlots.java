package dev.wxacode.server.internal.ratelimit;

import dev.wxacode.core.wire.Errcode;
import dev.wxacode.core.wire.WxException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Bounds the CPU-heavy work requests do (drawing codes, decoding uploaded images) to a few at a
 * time, one per core by default. A request that finds every slot busy waits, but only while few
 * others wait and only up to a time limit; past either it answers -1 at once, so a flood of
 * renders cannot hold every request thread and starve {@code /healthz} or token calls.
 */
public final class CpuSlots {
    private final Semaphore slots;
    private final int maxWaiting;
    private final Duration maxWait;
    private final AtomicInteger waiting = new AtomicInteger();

    /**
     * @param concurrency how many run at once
     * @param maxWaiting  how many may wait for a slot
     * @param maxWait     how long one may wait
     */
    public CpuSlots(int concurrency, int maxWaiting, Duration maxWait) {
        // Not fair: a fair semaphore hands a freed slot to a waiter that is asleep, and the slot then
        // stays idle until that thread is scheduled. On two busy cores a request held its slot 0.40 ms
        // (wall) for 0.29 ms of drawing; letting the thread that is running take a freed slot made 10
        // and 30 % more codes a second, with a lower p99 (docs/benchmarks.md). A waiter still gets
        // its slot or its -1 within maxWait.
        this.slots = new Semaphore(concurrency, false);
        this.maxWaiting = maxWaiting;
        this.maxWait = maxWait;
    }

    /** Requests waiting for a slot now. */
    public int waiting() {
        return waiting.get();
    }

    /** @throws WxException -1 when no slot is free in time or too many wait already */
    public <T> T run(Supplier<T> work) {
        acquire();
        try {
            return work.get();
        } finally {
            slots.release();
        }
    }

    private void acquire() {
        if (slots.tryAcquire()) {
            return;
        }
        if (waiting.incrementAndGet() > maxWaiting) {
            waiting.decrementAndGet();
            throw new WxException(Errcode.SYSTEM_ERROR, "busy: " + maxWaiting + " requests wait for a CPU slot already");
        }
        try {
            if (!slots.tryAcquire(maxWait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new WxException(Errcode.SYSTEM_ERROR, "busy: no CPU slot within " + maxWait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WxException(Errcode.SYSTEM_ERROR, "interrupted waiting for a CPU slot");
        } finally {
            waiting.decrementAndGet();
        }
    }
}
