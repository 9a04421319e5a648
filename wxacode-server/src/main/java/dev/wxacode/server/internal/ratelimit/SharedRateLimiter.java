package dev.wxacode.server.internal.ratelimit;

import dev.wxacode.core.wire.Errcode;
import dev.wxacode.core.wire.WxException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cluster node's limiter: every call is counted in the shared (Redis) limiter, so the nodes
 * together allow what one would. While that cannot be reached, calls are counted by this node
 * alone (fail-open, the default: an outage of the cache does not become an outage of the codes)
 * or refused with -1 (fail-closed).
 *
 * <p>After a failure the shared limiter is left alone for a second, one call then probes it: a
 * server that hangs costs one call per second its timeout, not every call. The outage is logged
 * when it starts, once a minute while it lasts, and when it ends.
 */
public final class SharedRateLimiter implements RateLimiter {
    private static final Logger log = LoggerFactory.getLogger(SharedRateLimiter.class);
    static final Duration RETRY = Duration.ofSeconds(1);
    static final Duration LOG_EVERY = Duration.ofMinutes(1);

    private final RateLimiter shared;
    private final RateLimiter local;
    private final boolean failOpen;
    private final String where;
    private final Clock clock;
    private final AtomicLong unshared = new AtomicLong();
    /** While shared is down, when the next probe may go; {@code Long.MIN_VALUE} while it is up. */
    private final AtomicLong probeAt = new AtomicLong(Long.MIN_VALUE);
    private long loggedAt;

    /**
     * @param where the shared store as the log names it, e.g. its URL without password
     */
    public SharedRateLimiter(RateLimiter shared, RateLimiter local, boolean failOpen, String where, Clock clock) {
        this.shared = shared;
        this.local = local;
        this.failOpen = failOpen;
        this.where = where;
        this.clock = clock;
    }

    @Override
    public boolean tryAcquire(String key, long perMinute) {
        long now = clock.millis();
        long at = probeAt.get();
        // A clock set back past the pause probes at once rather than wait for it to catch up.
        boolean due = now >= at || now < at - RETRY.toMillis();
        if (at == Long.MIN_VALUE || (due && probeAt.compareAndSet(at, now + RETRY.toMillis()))) {
            try {
                boolean allowed = shared.tryAcquire(key, perMinute);
                if (at != Long.MIN_VALUE) {
                    recovered();
                }
                return allowed;
            } catch (Unavailable e) {
                failed(now, e);
            }
        }
        unshared.incrementAndGet();
        if (!failOpen) {
            throw failedClosed();
        }
        return local.tryAcquire(key, perMinute);
    }

    /** Both counts: the shared one, and this node's, which served while the shared one was down. */
    @Override
    public void reset(String key, long perMinute) {
        local.reset(key, perMinute);
        try {
            shared.reset(key, perMinute);
        } catch (Unavailable e) {
            failed(clock.millis(), e);
            if (!failOpen) {
                throw failedClosed();
            }
        }
    }

    /** False from a failed call until a call succeeds again. */
    public boolean sharedUp() {
        return probeAt.get() == Long.MIN_VALUE;
    }

    /** Calls counted by this node alone, or refused, because the shared limiter was down. */
    public long unsharedCalls() {
        return unshared.get();
    }

    private static WxException failedClosed() {
        return new WxException(Errcode.SYSTEM_ERROR, "limits store unreachable and fail-open is off");
    }

    private void failed(long now, Unavailable e) {
        boolean started = probeAt.getAndUpdate(at -> at == Long.MIN_VALUE ? now + RETRY.toMillis() : at) == Long.MIN_VALUE;
        synchronized (this) {
            if (started || now - loggedAt >= LOG_EVERY.toMillis() || now < loggedAt) {
                loggedAt = now;
                log.warn("event=limits_store_down store={} error=\"{}\" calls_without_it={} then={}", where, e.getMessage(),
                        unshared.get(), failOpen ? "counted_on_this_node" : "answered_-1");
            }
        }
    }

    private void recovered() {
        if (probeAt.getAndSet(Long.MIN_VALUE) != Long.MIN_VALUE) {
            log.info("event=limits_store_up store={} calls_without_it={}", where, unshared.get());
        }
    }
}
