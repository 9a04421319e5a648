package dev.wxacode.server.internal.http;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * Lets one log line per key through per interval and counts the others, so that an outage (Redis
 * unreachable with fail-open off, every CPU slot taken) gives a line a minute rather than one per
 * request. Keys are the fixed detail texts of our own errors, a handful; the map is cleared if it
 * ever grows past {@link #MAX_KEYS}, which at worst lets a few extra lines through.
 */
public final class LogThrottle {
    static final int MAX_KEYS = 1000;

    private record Window(long openedAtNanos, long suppressed) {
    }

    private final long intervalNanos;
    private final LongSupplier nanos;
    private final ConcurrentMap<String, Window> windows = new ConcurrentHashMap<>();

    public LogThrottle(Duration interval, LongSupplier nanos) {
        this.intervalNanos = interval.toNanos();
        this.nanos = nanos;
    }

    /** @return -1 to drop this line, else how many of the key's lines were dropped since the last one let through */
    public long admit(String key) {
        if (windows.size() > MAX_KEYS) {
            windows.clear();
        }
        long now = nanos.getAsLong();
        long[] dropped = {-1};
        windows.compute(key, (k, w) -> {
            if (w == null || now - w.openedAtNanos() >= intervalNanos) {
                dropped[0] = w == null ? 0 : w.suppressed();
                return new Window(now, 0);
            }
            return new Window(w.openedAtNanos(), w.suppressed() + 1);
        });
        return dropped[0];
    }
}
