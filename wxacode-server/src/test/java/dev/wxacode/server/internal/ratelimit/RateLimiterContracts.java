package dev.wxacode.server.internal.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxacode.server.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** What every {@link RateLimiter} must do; each implementation runs it. */
abstract class RateLimiterContracts {
    final MutableClock clock = new MutableClock(Instant.parse("2024-11-25T10:00:30Z"));

    /** A limiter with no counts yet, reading {@link #clock}. */
    protected abstract RateLimiter limiter();

    @Test
    void the_allowance_is_per_key_and_per_calendar_minute() {
        RateLimiter limiter = limiter();
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.tryAcquire("a", 5)).isTrue();
        }
        assertThat(limiter.tryAcquire("a", 5)).isFalse();
        assertThat(limiter.tryAcquire("b", 5)).isTrue();
        clock.advance(Duration.ofMillis(29_999));
        assertThat(limiter.tryAcquire("a", 5)).isFalse();
        clock.advance(Duration.ofMillis(1));
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.tryAcquire("a", 5)).isTrue();
        }
        assertThat(limiter.tryAcquire("a", 5)).isFalse();
    }

    @Test
    void a_changed_limit_starts_the_key_afresh() {
        RateLimiter limiter = limiter();
        assertThat(limiter.tryAcquire("a", 1)).isTrue();
        assertThat(limiter.tryAcquire("a", 1)).isFalse();
        assertThat(limiter.tryAcquire("a", 2)).isTrue();
        assertThat(limiter.tryAcquire("a", 2)).isTrue();
        assertThat(limiter.tryAcquire("a", 2)).isFalse();
    }

    @Test
    void a_reset_gives_the_key_its_whole_allowance_again_now() {
        RateLimiter limiter = limiter();
        assertThat(limiter.tryAcquire("a", 2)).isTrue();
        assertThat(limiter.tryAcquire("a", 2)).isTrue();
        assertThat(limiter.tryAcquire("b", 2)).isTrue();
        limiter.reset("a", 2);
        assertThat(limiter.tryAcquire("a", 2)).isTrue();
        assertThat(limiter.tryAcquire("a", 2)).isTrue();
        assertThat(limiter.tryAcquire("a", 2)).isFalse();
        assertThat(limiter.tryAcquire("b", 2)).isTrue();
        assertThat(limiter.tryAcquire("b", 2)).as("another key keeps its count").isFalse();
    }

    @Test
    void concurrent_calls_get_exactly_the_allowance() throws Exception {
        RateLimiter limiter = limiter();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> callers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                callers.add(() -> {
                    int allowed = 0;
                    for (int i = 0; i < 100; i++) {
                        allowed += limiter.tryAcquire("hot", 300) ? 1 : 0;
                    }
                    return allowed;
                });
            }
            int allowed = 0;
            for (Future<Integer> f : pool.invokeAll(callers)) {
                allowed += f.get();
            }
            assertThat(allowed).isEqualTo(300);
        } finally {
            pool.shutdownNow();
        }
    }
}
