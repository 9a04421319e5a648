package dev.wxacode.server.cluster;

import static dev.wxacode.server.TestServer.SHOP;
import static dev.wxacode.server.TestServer.SHOP_SECRET;
import static dev.wxacode.server.WireAssert.CHARSET;
import static dev.wxacode.server.WireAssert.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wxacode.core.wire.Errcode;
import dev.wxacode.server.TestServer;
import dev.wxacode.server.internal.storage.TestRedis;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node whose Redis dies and comes back, failing open (the default) or closed. */
class RedisOutageTest {
    private static final String CODE = "{\"scene\":\"outage\",\"page\":\"pages/detail/detail\"}";
    private static final String OK = "{\"status\":\"ok\",\"checks\":{\"database\":\"ok\",\"redis\":\"ok\"}}";

    @TempDir
    Path dir;
    final TestRedis redis = TestRedis.start();

    @AfterEach
    void stop() {
        redis.close();
    }

    @Test
    void failing_open_the_node_keeps_serving_counts_alone_and_says_so() {
        try (TestServer s = TestServer.start(dir, "WXACODE_REDIS_URL", redis.database(0).url(),
                "WXACODE_RATE_LIMIT_PER_MINUTE", "3")) {
            assertHealth(s, 200, OK);
            String token = s.token(SHOP, SHOP_SECRET);
            assertThat(s.code(token, CODE).statusCode()).isEqualTo(200);
            assertThat(TestServer.metric(s.scrape(), "wxacode_redis_up")).isEqualTo(1);

            redis.stop();
            // Counted by the node alone from now on: its own three, then 45009.
            for (int i = 0; i < 3; i++) {
                assertThat(TestServer.decode(s.code(token, CODE).body())).isNotEmpty();
            }
            assertError(s.code(token, CODE), Errcode.API_QUOTA_REACHED, CHARSET, s);
            assertHealth(s, 200, "{\"status\":\"degraded\",\"checks\":{\"database\":\"ok\",\"redis\":\"down\"}}");
            String scrape = s.scrape();
            assertThat(TestServer.metric(scrape, "wxacode_redis_up")).isEqualTo(0);
            assertThat(TestServer.metric(scrape, "wxacode_limits_unshared_total")).isEqualTo(4);

            redis.restart();
            awaitHealth(s, OK);
            // Redis came back empty: the shared count starts afresh.
            s.clock.advance(Duration.ofSeconds(1));
            assertThat(TestServer.decode(s.code(token, CODE).body())).isNotEmpty();
            assertThat(TestServer.metric(s.scrape(), "wxacode_redis_up")).isEqualTo(1);
        }
    }

    @Test
    void failing_closed_the_calls_that_need_a_limit_answer_minus_one() {
        try (TestServer s = TestServer.start(dir, "WXACODE_REDIS_URL", redis.database(0).url(),
                "WXACODE_REDIS_FAIL_OPEN", "false")) {
            String token = s.token(SHOP, SHOP_SECRET);
            redis.stop();
            assertError(s.code(token, CODE), Errcode.SYSTEM_ERROR, CHARSET, s);
            // Still 200: every node shares this Redis, so taking them out would stop tokens and scans too.
            assertHealth(s, 200, "{\"status\":\"degraded\",\"checks\":{\"database\":\"ok\",\"redis\":\"down\"}}");
            // /cgi-bin/token has no minute limit: it goes on.
            assertThat(s.token(SHOP, SHOP_SECRET)).hasSize(136);

            redis.restart();
            awaitHealth(s, OK);
            s.clock.advance(Duration.ofSeconds(1));
            assertThat(TestServer.decode(s.code(token, CODE).body())).isNotEmpty();
        }
    }

    @Test
    void a_node_whose_redis_is_down_when_it_starts_serves_and_joins_it_once_it_answers() {
        redis.stop();
        try (TestServer s = TestServer.start(dir, "WXACODE_REDIS_URL", redis.database(0).url())) {
            assertHealth(s, 200, "{\"status\":\"degraded\",\"checks\":{\"database\":\"ok\",\"redis\":\"down\"}}");
            String token = s.token(SHOP, SHOP_SECRET);
            assertThat(TestServer.decode(s.code(token, CODE).body())).isNotEmpty();
            assertThat(TestServer.metric(s.scrape(), "wxacode_limits_unshared_total")).isEqualTo(1);

            redis.restart();
            awaitHealth(s, OK);
            s.clock.advance(Duration.ofSeconds(1));
            assertThat(TestServer.decode(s.code(token, CODE).body())).isNotEmpty();
            assertThat(TestServer.metric(s.scrape(), "wxacode_limits_unshared_total")).as("counted in Redis again").isEqualTo(1);
        }
    }

    private static void assertHealth(TestServer s, int status, String json) {
        HttpResponse<byte[]> health = s.get("/healthz");
        assertThat(health.statusCode()).isEqualTo(status);
        assertThat(TestServer.text(health)).isEqualTo(json);
    }

    /** Lettuce reconnects within a second of real time after Redis is back: poll for it. */
    private static void awaitHealth(TestServer s, String json) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!TestServer.text(s.get("/healthz")).equals(json) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
        assertHealth(s, 200, json);
    }
}
