package dev.wxacode.bench;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WorkerTest {

    @Test
    void scenes_fit_the_scene_rules_even_late_in_a_long_run() {
        String run = Long.toString(System.currentTimeMillis(), 36);

        String scene = Worker.scene(run, 1023, 10_000_000_000L);

        assertThat(scene).hasSizeLessThanOrEqualTo(32).matches("[A-Za-z0-9!#$&'()*+,/:;=?@._~-]+");
    }

    @Test
    void scenes_differ_by_connection_and_count() {
        assertThat(Worker.scene("run", 1, 11)).isNotEqualTo(Worker.scene("run", 11, 1));
        assertThat(Worker.scene("run", 1, 11)).isEqualTo("run.1.b");
    }

    @Test
    void a_run_of_few_scenes_cycles_through_exactly_that_many_on_every_connection() {
        Worker.Target three = new Worker.Target("127.0.0.1", 80, "", "token", "run", "", 430, false, 3, List.of());
        Set<String> seen = new HashSet<>();
        for (int connection = 0; connection < 16; connection++) {
            Set<String> mine = new HashSet<>();
            for (long n = 0; n < 10; n++) {
                mine.add(Worker.scene(three, connection, n));
            }
            assertThat(mine).hasSize(3);
            seen.addAll(mine);
        }
        assertThat(seen).containsExactlyInAnyOrder("run.s0", "run.s1", "run.s2");
        Worker.Target fresh = new Worker.Target("127.0.0.1", 80, "", "token", "run", "", 430, false, 0, List.of());
        assertThat(Worker.scene(fresh, 1, 11)).isEqualTo("run.1.b");
    }

    @Test
    void window_holds_its_start_not_its_end() {
        Worker.Window window = new Worker.Window(100, 200);

        assertThat(window.contains(100)).isTrue();
        assertThat(window.contains(199)).isTrue();
        assertThat(window.contains(200)).isFalse();
        assertThat(window.contains(99)).isFalse();
    }

    @Test
    void a_server_that_dies_is_counted_as_errors_and_the_worker_keeps_trying_until_the_window_ends() throws Exception {
        ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        // As a node killed with SIGKILL: the open connection ends without a reply, later ones are refused.
        Thread dying = Thread.ofPlatform().start(() -> {
            try (server; Socket accepted = server.accept()) {
                // The whole request (one small write) read first, so the close is a FIN, not a reset.
                accepted.getInputStream().read(new byte[8192]);
            } catch (Exception e) {
                // The worker sees the end either way.
            }
        });
        long now = System.nanoTime();
        Worker.Window window = new Worker.Window(now, now + TimeUnit.MILLISECONDS.toNanos(600));
        Worker.Target target = new Worker.Target("127.0.0.1", server.getLocalPort(), "", "token", "run", "", 430, false, 0, List.of());
        ByteArrayOutputStream shown = new ByteArrayOutputStream();
        Worker worker = new Worker(0, target, window, new Failures(new PrintStream(shown, true, UTF_8)),
                new CountDownLatch(0));

        Thread thread = Thread.ofPlatform().start(worker);
        thread.join(TimeUnit.SECONDS.toMillis(10));
        dying.join();

        assertThat(thread.isAlive()).as("worker still running").isFalse();
        assertThat(worker.tally.successes).isZero();
        // One failure per 100 ms pause: the first on the dead connection, then refusals.
        assertThat(worker.tally.errors).isGreaterThanOrEqualTo(3);
        assertThat(shown.toString(UTF_8)).contains("failed request 1: java.io.EOFException")
                .contains("java.net.ConnectException");
    }

    @Test
    void a_revalidating_worker_sends_its_gets_in_turn_and_counts_each_304_as_a_success() throws Exception {
        ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        List<String> received = new ArrayList<>();
        Thread answering = Thread.ofPlatform().start(() -> {
            try (server; Socket accepted = server.accept()) {
                InputStream in = accepted.getInputStream();
                OutputStream out = accepted.getOutputStream();
                byte[] buffer = new byte[8192];
                for (int n; received.size() < 5 && (n = in.read(buffer)) > 0; ) {
                    received.add(new String(buffer, 0, n, UTF_8));
                    out.write("HTTP/1.1 304 Not Modified\r\nETag: \"abc\"\r\n\r\n".getBytes(UTF_8));
                    out.flush();
                }
            } catch (Exception e) {
                // The worker's connection closes when its window ends.
            }
        });
        String first = "GET /L/A/code.jpg HTTP/1.1\r\nIf-None-Match: \"abc\"\r\n\r\n";
        String second = "GET /L/B/code.jpg HTTP/1.1\r\nIf-None-Match: \"def\"\r\n\r\n";
        long now = System.nanoTime();
        Worker.Window window = new Worker.Window(now, now + TimeUnit.SECONDS.toNanos(1));
        Worker.Target target = new Worker.Target("127.0.0.1", server.getLocalPort(), "", "token", "run", "", 430, false, 2,
                List.of(first.getBytes(UTF_8), second.getBytes(UTF_8)));
        Worker worker = new Worker(0, target, window, new Failures(new PrintStream(new ByteArrayOutputStream(), true, UTF_8)),
                new CountDownLatch(0));

        Thread thread = Thread.ofPlatform().start(worker);
        answering.join(TimeUnit.SECONDS.toMillis(10));
        thread.join(TimeUnit.SECONDS.toMillis(10));

        assertThat(received).containsExactly(first, second, first, second, first);
        // The fifth reply's successor never comes: the server is gone, so that one is an error.
        assertThat(worker.tally.successes).isEqualTo(5);
        assertThat(worker.tally.errors).isPositive();
    }
}
