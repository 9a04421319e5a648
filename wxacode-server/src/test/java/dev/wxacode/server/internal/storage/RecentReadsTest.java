package dev.wxacode.server.internal.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxacode.server.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RecentReadsTest {
    final MutableClock clock = new MutableClock(Instant.parse("2024-11-25T10:00:00Z"));
    final RecentReads<String, String> recent = new RecentReads<>(clock, 100);
    final Map<String, String> store = new HashMap<>();
    final AtomicInteger reads = new AtomicInteger();

    Optional<String> read(String key) {
        return recent.get(key, k -> {
            reads.incrementAndGet();
            return Optional.ofNullable(store.get(k));
        });
    }

    @Test
    void a_copy_is_trusted_for_less_than_a_second_of_the_nodes_clock() {
        store.put("a", "1");
        assertThat(read("a")).contains("1");
        store.put("a", "2");
        clock.advance(RecentReads.FRESH.minusMillis(1));
        assertThat(read("a")).contains("1");
        assertThat(reads.get()).isEqualTo(1);
        clock.advance(Duration.ofMillis(1));
        assertThat(read("a")).contains("2");
        assertThat(reads.get()).isEqualTo(2);
    }

    @Test
    void a_clock_set_back_makes_copies_stale_rather_than_trusted_longer() {
        store.put("a", "1");
        read("a");
        store.put("a", "2");
        clock.advance(Duration.ofMillis(-1));
        assertThat(read("a")).contains("2");
        assertThat(reads.get()).isEqualTo(2);
    }

    @Test
    void a_read_that_overlapped_a_forget_is_not_kept() {
        store.put("a", "old");
        // The store answers the old row, and the node forgets while that answer is on its way.
        assertThat(recent.get("a", k -> {
            reads.incrementAndGet();
            recent.forgetIf(v -> true);
            return Optional.of(store.get(k));
        })).contains("old");
        store.put("a", "new");
        assertThat(read("a")).contains("new");
    }

    @Test
    void an_absent_row_is_read_again_every_time() {
        assertThat(read("new")).isEmpty();
        store.put("new", "here");
        assertThat(read("new")).contains("here");
        assertThat(reads.get()).isEqualTo(2);
    }

    @Test
    void what_this_node_changes_it_forgets_at_once() {
        store.put("a", "1");
        store.put("b", "1");
        store.put("c", "x");
        read("a");
        read("b");
        read("c");
        store.replaceAll((k, v) -> v + "'");
        recent.forget("a");
        recent.forgetIf(v -> v.equals("1"));
        assertThat(read("a")).contains("1'");
        assertThat(read("b")).contains("1'");
        assertThat(read("c")).contains("x");
        assertThat(reads.get()).isEqualTo(5);
    }
}
