package dev.wxacode.server.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LogThrottleTest {
    final AtomicLong now = new AtomicLong(1_000);
    final LogThrottle throttle = new LogThrottle(Duration.ofMinutes(1), now::get);

    @Test
    void one_line_per_key_per_interval_then_the_count_of_those_dropped() {
        assertThat(throttle.admit("busy")).isZero();
        assertThat(throttle.admit("busy")).isEqualTo(-1);
        assertThat(throttle.admit("busy")).isEqualTo(-1);
        assertThat(throttle.admit("down")).as("another key").isZero();
        now.addAndGet(Duration.ofMinutes(1).toNanos() - 1);
        assertThat(throttle.admit("busy")).isEqualTo(-1);
        now.addAndGet(1);
        assertThat(throttle.admit("busy")).isEqualTo(3);
        assertThat(throttle.admit("busy")).isEqualTo(-1);
    }

    @Test
    void too_many_keys_start_afresh_rather_than_grow() {
        for (int i = 0; i <= LogThrottle.MAX_KEYS; i++) {
            throttle.admit("k" + i);
        }
        assertThat(throttle.admit("k0")).as("forgotten, so let through").isZero();
    }
}
