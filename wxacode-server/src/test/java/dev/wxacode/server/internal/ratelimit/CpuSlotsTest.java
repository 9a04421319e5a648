package dev.wxacode.server.internal.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wxacode.core.wire.Errcode;
import dev.wxacode.core.wire.WxException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CpuSlotsTest {

    /** Occupies the only slot until {@code release} counts down. */
    static CompletableFuture<String> hold(CpuSlots slots, CountDownLatch held, CountDownLatch release, ExecutorService pool) {
        return CompletableFuture.supplyAsync(() -> slots.run(() -> {
            held.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "held";
        }), pool);
    }

    @Test
    void past_the_queue_length_a_request_gets_minus_one_at_once_and_waiters_run_when_a_slot_frees() throws Exception {
        CpuSlots slots = new CpuSlots(1, 1, Duration.ofSeconds(30));
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            CountDownLatch held = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<String> holder = hold(slots, held, release, pool);
            held.await();
            CompletableFuture<String> waiter = CompletableFuture.supplyAsync(() -> slots.run(() -> "waited"), pool);
            while (slots.waiting() == 0) {
                Thread.onSpinWait();
            }
            assertThatThrownBy(() -> slots.run(() -> "third"))
                    .isInstanceOfSatisfying(WxException.class, e -> assertThat(e.errcode()).isEqualTo(Errcode.SYSTEM_ERROR))
                    .hasMessageContaining("wait for a CPU slot already");
            release.countDown();
            assertThat(holder.get()).isEqualTo("held");
            assertThat(waiter.get()).isEqualTo("waited");
            assertThat(slots.waiting()).isZero();
        }
    }

    @Test
    void a_waiter_gives_up_after_the_time_limit() throws Exception {
        CpuSlots slots = new CpuSlots(1, 10, Duration.ofMillis(50));
        try (ExecutorService pool = Executors.newFixedThreadPool(1)) {
            CountDownLatch held = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<String> holder = hold(slots, held, release, pool);
            held.await();
            assertThatThrownBy(() -> slots.run(() -> "late")).hasMessageContaining("no CPU slot within");
            release.countDown();
            holder.get();
            assertThat(slots.run(() -> "free again")).isEqualTo("free again");
        }
    }
}
