package dev.wxacode.server.internal.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxacode.server.config.ServerConfig;
import dev.wxacode.server.internal.storage.Redis;
import dev.wxacode.server.internal.storage.TestRedis;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The limiter contract on a real Redis, a database of its own for each test. */
class RedisRateLimiterTest extends RateLimiterContracts {
    final ServerConfig.Redis database = TestRedis.shared().newDatabase();
    final List<Redis> opened = new ArrayList<>();

    @Override
    protected RateLimiter limiter() {
        Redis redis = Redis.open(database);
        opened.add(redis);
        return new RedisRateLimiter(redis, clock);
    }

    @AfterEach
    void close() {
        opened.forEach(Redis::close);
    }

    @Test
    void two_nodes_take_from_one_allowance() {
        RateLimiter node1 = limiter();
        RateLimiter node2 = limiter();
        int allowed = 0;
        for (int i = 0; i < 50; i++) {
            allowed += node1.tryAcquire("app", 40) ? 1 : 0;
            allowed += node2.tryAcquire("app", 40) ? 1 : 0;
        }
        assertThat(allowed).isEqualTo(40);
        assertThat(node2.tryAcquire("other", 40)).isTrue();
    }

    @Test
    void a_reset_on_one_node_gives_the_allowance_back_to_both() {
        RateLimiter node1 = limiter();
        RateLimiter node2 = limiter();
        assertThat(node1.tryAcquire("app", 1)).isTrue();
        assertThat(node2.tryAcquire("app", 1)).isFalse();
        node1.reset("app", 1);
        assertThat(node2.tryAcquire("app", 1)).isTrue();
        assertThat(node1.tryAcquire("app", 1)).isFalse();
    }

    @Test
    void a_node_that_joins_mid_minute_sees_what_was_taken() {
        RateLimiter node1 = limiter();
        for (int i = 0; i < 10; i++) {
            assertThat(node1.tryAcquire("app", 10)).isTrue();
        }
        assertThat(limiter().tryAcquire("app", 10)).isFalse();
    }
}
