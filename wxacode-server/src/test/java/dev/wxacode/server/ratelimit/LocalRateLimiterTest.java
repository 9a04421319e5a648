package dev.wxacode.server.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxacode.server.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LocalRateLimiterTest {
    final MutableClock clock = new MutableClock(Instant.parse("2024-11-25T10:00:30Z"));
    final RateLimiter limiter = new LocalRateLimiter(clock);

    @Test
    void the_allowance_is_per_key_and_per_calendar_minute() {
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.tryAcquire("a", 5)).isTrue();
        }
        assertThat(limiter.tryAcquire("a", 5)).isFalse();
        assertThat(limiter.tryAcquire("b", 5)).isTrue();
        clock.advance(Duration.ofSeconds(29));
        assertThat(limiter.tryAcquire("a", 5)).isFalse();
        clock.advance(Duration.ofSeconds(1));
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.tryAcquire("a", 5)).isTrue();
        }
        assertThat(limiter.tryAcquire("a", 5)).isFalse();
    }

    @Test
    void a_changed_limit_starts_the_key_afresh() {
        assertThat(limiter.tryAcquire("a", 1)).isTrue();
        assertThat(limiter.tryAcquire("a", 1)).isFalse();
        assertThat(limiter.tryAcquire("a", 2)).isTrue();
        assertThat(limiter.tryAcquire("a", 2)).isTrue();
        assertThat(limiter.tryAcquire("a", 2)).isFalse();
    }
}
