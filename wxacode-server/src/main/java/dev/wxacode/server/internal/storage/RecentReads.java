package dev.wxacode.server.internal.storage;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Rows this node read from the store lately, each trusted for at most {@link #FRESH} by the node's
 * clock. In a cluster any node may change a row at any moment; bounding how long a copy is trusted
 * bounds how late every node sees the change, with no message between nodes to be lost, and costs
 * the store one read per row per second instead of one per request. What this node changes itself
 * it forgets at once.
 *
 * <p>A copy is trusted only while the clock reads between its read time and a second later: a
 * clock set back makes every copy stale rather than trusted for longer. Absent rows are not kept,
 * so a row created on another node is seen on the next request.
 */
public final class RecentReads<K, V> {
    public static final Duration FRESH = Duration.ofSeconds(1);

    private record Copy<V>(V value, long readAtMillis) {
    }

    private final Clock clock;
    private final Cache<K, Copy<V>> copies;
    /** Moved by every forget: a read that overlapped one may hold what was forgotten, and is not kept. */
    private final AtomicLong forgets = new AtomicLong();

    public RecentReads(Clock clock, long maxEntries) {
        this.clock = clock;
        // Caffeine bounds the memory; its own expiry, on the monotonic ticker, only clears out copies
        // long stale, since freshness is judged on each read against the node's clock.
        this.copies = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .expireAfterWrite(FRESH.multipliedBy(60))
                .executor(Runnable::run)
                .build();
    }

    /** The copy read less than {@link #FRESH} ago, else what {@code load} reads now (kept unless empty). */
    public Optional<V> get(K key, Function<K, Optional<V>> load) {
        long now = clock.millis();
        Copy<V> copy = copies.getIfPresent(key);
        if (copy != null && now >= copy.readAtMillis() && now - copy.readAtMillis() < FRESH.toMillis()) {
            return Optional.of(copy.value());
        }
        long forgetsBefore = forgets.get();
        Optional<V> read = load.apply(key);
        if (read.isPresent() && forgets.get() == forgetsBefore) {
            copies.put(key, new Copy<>(read.get(), now));
            // A forget that began after the check above may have run its sweep before this put.
            if (forgets.get() != forgetsBefore) {
                copies.invalidate(key);
            }
        }
        return read;
    }

    public void forget(K key) {
        forgets.incrementAndGet();
        copies.invalidate(key);
    }

    public void forgetIf(Predicate<V> stale) {
        forgets.incrementAndGet();
        copies.asMap().values().removeIf(copy -> stale.test(copy.value()));
    }
}
