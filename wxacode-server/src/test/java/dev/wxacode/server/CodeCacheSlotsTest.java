package dev.wxacode.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wxacode.core.code.CodeRequest;
import dev.wxacode.core.wire.Errcode;
import dev.wxacode.core.wire.WxException;
import dev.wxacode.server.code.RenderedCode;
import dev.wxacode.server.config.ConfigLoader;
import dev.wxacode.server.registry.App;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The code cache and the CPU slots, on one engine with a single slot: only drawing takes the
 * slot, so a cached code is answered while it is busy, and identical requests draw once.
 */
class CodeCacheSlotsTest {
    static final String DRAWINGS = "wxacode_render_seconds_count{format=\"jpg\"}";

    @TempDir
    Path dir;

    /** An engine with the seed apps, one CPU slot and room for {@code waiting} requests to wait for it. */
    Engine engine(int waiting) throws IOException {
        Path seed = dir.resolve("seed.yaml");
        Files.writeString(seed, TestServer.SEED);
        return Engine.open(ConfigLoader.load(Optional.empty(), Map.of(
                        "WXACODE_DATA_DIR", dir.resolve("data").toString(),
                        "WXACODE_SEED", seed.toString(),
                        "WXACODE_RENDER_CONCURRENCY", "1",
                        "WXACODE_RENDER_QUEUE_LENGTH", Integer.toString(waiting),
                        "WXACODE_RENDER_QUEUE_TIMEOUT", "1m")),
                new MutableClock(TestServer.START), new SecureRandom());
    }

    /** Occupies the only CPU slot until {@code release} counts down. */
    static CompletableFuture<Void> hold(Engine engine, CountDownLatch release, ExecutorService pool)
            throws InterruptedException {
        CountDownLatch held = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> engine.cpu.run(() -> {
            held.countDown();
            try {
                release.await(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }), pool);
        held.await();
        return holder;
    }

    @Test
    void a_cached_code_is_answered_while_the_only_slot_is_busy_and_a_new_one_is_not() throws Exception {
        try (Engine engine = engine(0); ExecutorService pool = Executors.newFixedThreadPool(1)) {
            App shop = engine.app(TestServer.SHOP);
            RenderedCode cached = engine.createCode(shop, CodeRequest.of("cached"));
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Void> holder = hold(engine, release, pool);

            assertThat(engine.createCode(shop, CodeRequest.of("cached"))).isSameAs(cached);
            assertThatThrownBy(() -> engine.createCode(shop, CodeRequest.of("new")))
                    .isInstanceOfSatisfying(WxException.class, e -> assertThat(e.errcode()).isEqualTo(Errcode.SYSTEM_ERROR))
                    .hasMessageContaining("wait for a CPU slot already");

            release.countDown();
            holder.get();
            // The busy answer was not kept: with the slot free, the new code draws.
            RenderedCode drawn = engine.createCode(shop, CodeRequest.of("new"));
            assertThat(engine.resolve(TestServer.decode(drawn.bytes())).scene().orElseThrow().value()).isEqualTo("new");
            assertThat(engine.resolve(TestServer.decode(cached.bytes())).scene().orElseThrow().value()).isEqualTo("cached");
        }
    }

    @Test
    void identical_requests_at_once_draw_once_and_share_the_image() throws Exception {
        try (Engine engine = engine(1); ExecutorService pool = Executors.newFixedThreadPool(3)) {
            App shop = engine.app(TestServer.SHOP);
            String before = engine.metrics.scrape();
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Void> holder = hold(engine, release, pool);

            CompletableFuture<RenderedCode> drawing =
                    CompletableFuture.supplyAsync(() -> engine.createCode(shop, CodeRequest.of("twins")), pool);
            while (engine.cpu.waiting() == 0) {
                Thread.onSpinWait();
            }
            // The waiting room is full now: had the twin asked for a slot, it would get -1 at once.
            CompletableFuture<RenderedCode> twin =
                    CompletableFuture.supplyAsync(() -> engine.createCode(shop, CodeRequest.of("twins")), pool);
            while (TestServer.metric(engine.metrics.scrape(), "wxacode_code_cache_hits_total") == 0) {
                Thread.onSpinWait();
            }
            assertThat(twin).isNotDone();

            release.countDown();
            holder.get();
            assertThat(twin.get()).isSameAs(drawing.get());
            String after = engine.metrics.scrape();
            assertThat(TestServer.metric(after, DRAWINGS) - TestServer.metric(before, DRAWINGS)).isEqualTo(1);
            assertThat(TestServer.metric(after, "wxacode_code_cache_misses_total")).isEqualTo(1);
            assertThat(TestServer.metric(after, "wxacode_code_cache_hits_total")).isEqualTo(1);
        }
    }
}
