package dev.wxacode.server.internal.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.wxacode.core.wire.Errcode;
import dev.wxacode.core.wire.WxException;
import dev.wxacode.server.MutableClock;
import dev.wxacode.server.internal.storage.Redis;
import dev.wxacode.server.internal.storage.TestRedis;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Redis stopped and started under a node's limiter: a real server of the test's own. */
class SharedRateLimiterTest {
    final MutableClock clock = new MutableClock(Instant.parse("2024-11-25T10:00:10Z"));
    final TestRedis server = TestRedis.start();
    final Redis redis = Redis.open(server.database(0));
    final AtomicInteger redisCalls = new AtomicInteger();
    final RateLimiter counted = new RedisRateLimiter(redis, clock);
    final RateLimiter viaRedis = new RateLimiter() {
        @Override
        public boolean tryAcquire(String key, long perMinute) {
            redisCalls.incrementAndGet();
            return counted.tryAcquire(key, perMinute);
        }

        @Override
        public void reset(String key, long perMinute) {
            counted.reset(key, perMinute);
        }
    };
    final Logger logger = (Logger) LoggerFactory.getLogger(SharedRateLimiter.class);
    final ListAppender<ILoggingEvent> log = new ListAppender<>();

    SharedRateLimiterTest() {
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void close() {
        logger.detachAppender(log);
        redis.close();
        server.close();
    }

    @Test
    void fail_open_counts_on_this_node_while_redis_is_down_and_goes_back_to_redis() {
        SharedRateLimiter limiter = new SharedRateLimiter(viaRedis, new LocalRateLimiter(clock), true, "test", clock);
        assertThat(limiter.tryAcquire("app", 3)).isTrue();
        assertThat(limiter.tryAcquire("app", 3)).isTrue();
        assertThat(limiter.sharedUp()).isTrue();

        server.stop();
        // The node's own count starts from nothing: three more, then refused.
        assertThat(List.of(limiter.tryAcquire("app", 3), limiter.tryAcquire("app", 3), limiter.tryAcquire("app", 3),
                limiter.tryAcquire("app", 3))).containsExactly(true, true, true, false);
        assertThat(limiter.sharedUp()).isFalse();
        assertThat(limiter.unsharedCalls()).isEqualTo(4);
        // One probe failed; the next three went straight to the node's count.
        assertThat(redisCalls.get()).isEqualTo(3);
        assertThat(warnings()).hasSize(1);
        assertThat(warnings().get(0)).startsWith("event=limits_store_down store=test").endsWith("then=counted_on_this_node");

        clock.advance(Duration.ofSeconds(1));
        assertThat(limiter.tryAcquire("app", 3)).isFalse();
        assertThat(redisCalls.get()).isEqualTo(4);
        assertThat(warnings()).as("logged once a minute").hasSize(1);
        clock.advance(Duration.ofSeconds(59));
        assertThat(limiter.tryAcquire("app", 3)).isTrue();
        assertThat(warnings()).hasSize(2);

        server.restart();
        awaitShared(limiter);
        assertThat(log.list.get(log.list.size() - 1).getFormattedMessage())
                .matches("event=limits_store_up store=test calls_without_it=\\d+");
        assertThat(List.of(limiter.tryAcquire("app", 3), limiter.tryAcquire("app", 3), limiter.tryAcquire("app", 3),
                limiter.tryAcquire("app", 3))).as("a restarted Redis counts afresh").containsExactly(true, true, true, false);
    }

    @Test
    void a_redis_that_hangs_costs_one_call_its_timeout_then_the_node_counts_alone() {
        SharedRateLimiter limiter = new SharedRateLimiter(viaRedis, new LocalRateLimiter(clock), true, "test", clock);
        assertThat(limiter.tryAcquire("app", 3)).isTrue();
        server.freeze();
        try {
            assertThat(limiter.tryAcquire("app", 3)).as("counted here after the timeout").isTrue();
            assertThat(limiter.sharedUp()).isFalse();
            assertThat(warnings()).singleElement().asString().containsIgnoringCase("timeout");
            assertThat(limiter.tryAcquire("app", 3)).isTrue();
            assertThat(limiter.tryAcquire("app", 3)).isTrue();
            assertThat(limiter.tryAcquire("app", 3)).isFalse();
            assertThat(redisCalls.get()).as("no call waits on Redis within the pause").isEqualTo(2);
        } finally {
            server.thaw();
        }
        awaitShared(limiter);
    }

    @Test
    void a_clock_set_back_does_not_hold_up_the_next_probe() {
        SharedRateLimiter limiter = new SharedRateLimiter(viaRedis, new LocalRateLimiter(clock), true, "test", clock);
        server.stop();
        limiter.tryAcquire("app", 3);
        assertThat(redisCalls.get()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(-10));
        limiter.tryAcquire("app", 3);
        assertThat(redisCalls.get()).isEqualTo(2);
    }

    @Test
    void fail_closed_answers_system_error_while_redis_is_down() {
        SharedRateLimiter limiter = new SharedRateLimiter(viaRedis, new LocalRateLimiter(clock), false, "test", clock);
        assertThat(limiter.tryAcquire("app", 3)).isTrue();
        server.stop();
        assertThatThrownBy(() -> limiter.tryAcquire("app", 3)).isInstanceOfSatisfying(WxException.class,
                e -> assertThat(e.errcode()).isEqualTo(Errcode.SYSTEM_ERROR));
        assertThat(warnings()).singleElement().asString().endsWith("then=answered_-1");
        server.restart();
        awaitShared(limiter);
        assertThat(limiter.tryAcquire("app", 3)).isTrue();
    }

    @Test
    void a_redis_unreachable_at_start_is_reached_once_it_answers() {
        server.stop();
        SharedRateLimiter limiter = new SharedRateLimiter(viaRedis, new LocalRateLimiter(clock), true, "test", clock);
        assertThat(limiter.tryAcquire("app", 1)).isTrue();
        assertThat(limiter.sharedUp()).isFalse();
        assertThat(redis.isHealthy()).isFalse();
        server.restart();
        awaitShared(limiter);
        assertThat(limiter.tryAcquire("app", 1)).as("Redis counts afresh").isTrue();
        assertThat(limiter.tryAcquire("app", 1)).isFalse();
        assertThat(redis.isHealthy()).isTrue();
    }

    /**
     * Probes until a call reaches Redis again: Lettuce reconnects (or first connects) within a
     * second of real time, so this polls; the node's clock moves a second per probe.
     */
    private void awaitShared(SharedRateLimiter limiter) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!limiter.sharedUp() && System.nanoTime() < deadline) {
            clock.advance(Duration.ofSeconds(1));
            try {
                limiter.tryAcquire("probe", 1_000_000);
            } catch (WxException failedClosed) {
                // Still down; the next probe may find it.
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
        assertThat(limiter.sharedUp()).isTrue();
    }

    private List<String> warnings() {
        return log.list.stream().filter(e -> e.getLevel().toString().equals("WARN")).map(ILoggingEvent::getFormattedMessage).toList();
    }
}
