package dev.wxacode.server.internal.ratelimit;

import dev.wxacode.server.internal.storage.Redis;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.BucketExceptions;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * {@link RateLimiter} kept in Redis with Bucket4j, so that every node takes from one allowance.
 *
 * <p>The Redis key names the limit as well as the caller ({@code wxacode:limit:<key>:<perMinute>}),
 * so a changed limit starts afresh, as in {@link LocalRateLimiter}. Concurrent calls for one key on
 * this node are batched into one compare-and-swap, which keeps a hot app from retrying against
 * itself. Keys expire a minute after their allowance is whole again.
 *
 * <p>Every failure to reach Redis is thrown as {@link RateLimiter.Unavailable}; {@link SharedRateLimiter}
 * decides what a caller gets.
 */
public final class RedisRateLimiter implements RateLimiter {
    private static final Duration KEEP_WHOLE = Duration.ofMinutes(1);

    private record Limited(long perMinute, BucketProxy bucket) {
    }

    private final Redis redis;
    private final Clock clock;
    private final ConcurrentMap<String, Limited> buckets = new ConcurrentHashMap<>();
    private volatile ProxyManager<byte[]> proxies;

    public RedisRateLimiter(Redis redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    @Override
    public boolean tryAcquire(String key, long perMinute) {
        try {
            return acquire(key, perMinute);
        } catch (RedisException | BucketExceptions.BucketExecutionException e) {
            // Lettuce's own failures, and Bucket4j's (its request timeout among them).
            throw new Unavailable(e);
        }
    }

    private boolean acquire(String key, long perMinute) {
        ProxyManager<byte[]> manager = proxies();
        Limited limited = buckets.compute(key, (k, current) ->
                current != null && current.perMinute() == perMinute ? current : new Limited(perMinute, manager.builder()
                        .withOptimization(Optimizations.batching())
                        .build(redisKey(k, perMinute),
                                () -> BucketConfiguration.builder().addLimit(MinuteAllowance.of(perMinute, clock)).build())));
        return limited.bucket().tryConsume(1);
    }

    @Override
    public void reset(String key, long perMinute) {
        buckets.remove(key);
        try {
            proxies().removeProxy(redisKey(key, perMinute));
        } catch (RedisException | BucketExceptions.BucketExecutionException e) {
            throw new Unavailable(e);
        }
    }

    private static byte[] redisKey(String key, long perMinute) {
        return ("wxacode:limit:" + key + ":" + perMinute).getBytes(StandardCharsets.UTF_8);
    }

    /** Built once Redis is first reached; Lettuce keeps that connection, reconnecting it as needed. */
    private ProxyManager<byte[]> proxies() {
        ProxyManager<byte[]> current = proxies;
        if (current == null) {
            synchronized (this) {
                if (proxies == null) {
                    proxies = Bucket4jLettuce.casBasedBuilder(redis.connection())
                            .clientClock(MinuteAllowance.timeOf(clock))
                            .requestTimeout(redis.config().timeout())
                            .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_WHOLE))
                            .build();
                }
                current = proxies;
            }
        }
        return current;
    }
}
