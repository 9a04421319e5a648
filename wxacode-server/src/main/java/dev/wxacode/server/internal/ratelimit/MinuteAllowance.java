package dev.wxacode.server.internal.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The bucket shape that every {@link RateLimiter} uses: full at each calendar minute (the "retry
 * next minute" that WeChat's 45009 implies), not refilled a token at a time; time read from the
 * injected clock, so tests move it instead of sleeping and nodes agree on the minute.
 */
final class MinuteAllowance {
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private MinuteAllowance() {
    }

    static Bandwidth of(long perMinute, Clock clock) {
        Instant nextMinute = clock.instant().truncatedTo(ChronoUnit.MINUTES).plus(MINUTE);
        return Bandwidth.builder().capacity(perMinute).refillIntervallyAligned(perMinute, MINUTE, nextMinute).build();
    }

    static TimeMeter timeOf(Clock clock) {
        return new TimeMeter() {
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
}
