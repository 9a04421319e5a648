package dev.wxacode.server.storage;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Rows this node read from the store lately, each trusted for at most {@link #FRESH} by the node's
 * clock. In a cluster any node may change a row at any moment; bounding how long a copy is trusted
 * bounds how late every node sees the change, with no message between nodes to be lost, and costs
 * the store one read per row per second instead of one per request. What this node changes itself
 * it forgets at once.
 *
 * <p>Absent rows are not kept: a row created on another node is seen on the next request.
 */
public final class RecentReads<K, V> {
    public static final Duration FRESH = Duration.ofSeconds(1);

    private final Cache<K, V> cache;

    public RecentReads(Clock clock, long maxEntries) {
        this.cache = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .expireAfterWrite(FRESH)
                .ticker(() -> clock.millis() * 1_000_000L)
                .executor(Runnable::run)
                .build();
    }

    /** The copy read less than {@link #FRESH} ago, else what {@code load} reads now (kept unless empty). */
    public Optional<V> get(K key, Function<K, Optional<V>> load) {
        return Optional.ofNullable(cache.get(key, k -> load.apply(k).orElse(null)));
    }

    public void forget(K key) {
        cache.invalidate(key);
    }

    public void forgetIf(Predicate<V> stale) {
        cache.asMap().values().removeIf(stale);
    }
}
