package dev.wxacode.server.cluster;

import static dev.wxacode.server.TestServer.SHOP;
import static dev.wxacode.server.TestServer.SHOP_SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wxacode.server.TestServer;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a load balancer sees of a node that is told to stop. */
class DrainTest {

    @Test
    void a_stopping_node_reports_draining_while_it_still_serves_then_stops_accepting(@TempDir Path dir) throws Exception {
        try (TestServer s = TestServer.start(dir, "WXACODE_DRAIN_DELAY", "3s")) {
            String token = s.token(SHOP, SHOP_SECRET);
            assertThat(s.get("/healthz").statusCode()).isEqualTo(200);

            Thread stopping = Thread.ofPlatform().start(() -> s.server().close());
            // The stop begins on the other thread: ask until it shows (each answer takes a moment).
            HttpResponse<byte[]> health = s.get("/healthz");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (health.statusCode() == 200 && System.nanoTime() < deadline) {
                health = s.get("/healthz");
            }
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(TestServer.json(health).get("status").asText()).isEqualTo("draining");
            assertThat(TestServer.json(health).get("checks").get("database").asText()).isEqualTo("ok");
            // Work that still arrives is done.
            HttpResponse<byte[]> code = s.code(token, "{\"scene\":\"late\",\"page\":\"pages/detail/detail\"}");
            assertThat(code.statusCode()).isEqualTo(200);
            assertThat(TestServer.decode(code.body())).isNotEmpty();
            assertThat(stopping.isAlive()).as("still within the drain delay").isTrue();

            stopping.join();
            assertThatThrownBy(() -> s.get("/healthz")).isInstanceOf(UncheckedIOException.class);
        }
    }
}
