package dev.wxacode.server.ratelimit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * {@link RateLimiter} in this node's memory, with Bucket4j.
 *
 * <p>Each key gets a bucket refilled whole at every minute boundary (the "retry next minute" that
 * WeChat's 45009 implies), rather than a token at a time. Time comes from the injected clock, so
 * tests move it instead of sleeping.
 */
public final class LocalRateLimiter implements RateLimiter {
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private record Limited(long perMinute, Bucket bucket) {
    }

    private final Clock clock;
    private final TimeMeter time;
    private final ConcurrentMap<String, Limited> buckets = new ConcurrentHashMap<>();

    public LocalRateLimiter(Clock clock) {
        this.clock = clock;
        this.time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return clock.millis() * 1_000_000L;
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }

    @Override
    public boolean tryAcquire(String key, long perMinute) {
        Limited limited = buckets.compute(key, (k, current) ->
                current != null && current.perMinute() == perMinute ? current : new Limited(perMinute, newBucket(perMinute)));
        return limited.bucket().tryConsume(1);
    }

    private Bucket newBucket(long perMinute) {
        Instant nextMinute = clock.instant().truncatedTo(ChronoUnit.MINUTES).plus(MINUTE);
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(perMinute).refillIntervallyAligned(perMinute, MINUTE, nextMinute))
                .withCustomTimePrecision(time)
                .build();
    }
}
