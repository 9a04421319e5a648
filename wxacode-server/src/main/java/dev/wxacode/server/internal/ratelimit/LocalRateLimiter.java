package dev.wxacode.server.internal.ratelimit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** {@link RateLimiter} in this node's memory, with Bucket4j. */
public final class LocalRateLimiter implements RateLimiter {

    private record Limited(long perMinute, Bucket bucket) {
    }

    private final Clock clock;
    private final TimeMeter time;
    private final ConcurrentMap<String, Limited> buckets = new ConcurrentHashMap<>();

    public LocalRateLimiter(Clock clock) {
        this.clock = clock;
        this.time = MinuteAllowance.timeOf(clock);
    }

    @Override
    public boolean tryAcquire(String key, long perMinute) {
        Limited limited = buckets.compute(key, (k, current) ->
                current != null && current.perMinute() == perMinute ? current : new Limited(perMinute, newBucket(perMinute)));
        return limited.bucket().tryConsume(1);
    }

    @Override
    public void reset(String key, long perMinute) {
        buckets.remove(key);
    }

    private Bucket newBucket(long perMinute) {
        return Bucket.builder().addLimit(MinuteAllowance.of(perMinute, clock)).withCustomTimePrecision(time).build();
    }
}
