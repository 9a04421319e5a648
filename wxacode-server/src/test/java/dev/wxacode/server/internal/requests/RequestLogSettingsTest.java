package dev.wxacode.server.internal.requests;

import static dev.wxacode.server.TestServer.SHOP;
import static dev.wxacode.server.TestServer.SHOP_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wxacode.server.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The request log's size, its database keeping over a restart, and turning it off. */
class RequestLogSettingsTest {
    private static final String LOG = "/admin/apps/" + SHOP + "/requests";

    @TempDir
    Path dir;

    @Test
    void the_log_keeps_the_newest_calls_up_to_its_size() {
        try (TestServer s = TestServer.start(dir, "WXACODE_REQUEST_LOG_SIZE", "3")) {
            List<String> rids = mint(s, 5);
            JsonNode page = TestServer.json(s.admin("GET", LOG, null));
            assertThat(page.get("capacity").asInt()).isEqualTo(3);
            assertThat(rids(page)).containsExactlyElementsOf(rids.subList(2, 5));
        }
    }

    @Test
    void a_persisted_log_outlives_a_restart_and_keeps_its_size() {
        try (TestServer s = TestServer.start(dir, "WXACODE_REQUEST_LOG_SIZE", "3", "WXACODE_REQUEST_LOG_PERSIST", "true")) {
            List<String> rids = mint(s, 70);
            s.restart();
            assertThat(rids(TestServer.json(s.admin("GET", LOG, null)))).containsExactlyElementsOf(rids.subList(67, 70));
            assertThat(rids(TestServer.json(s.admin("GET", LOG + "?limit=1", null)))).containsExactly(rids.get(69));
            assertThat(s.server().testControl().requestsAfter(SHOP, 0, 100).size()).as("trimmed at least once in 70 calls")
                    .isBetween(3, 3 + 64);

            s.admin("DELETE", LOG, null);
            s.restart();
            assertThat(TestServer.json(s.admin("GET", LOG, null)).get("requests")).isEmpty();
        }
    }

    @Test
    void a_size_of_zero_keeps_nothing() {
        try (TestServer s = TestServer.start(dir, "WXACODE_REQUEST_LOG_SIZE", "0")) {
            s.token(SHOP, SHOP_SECRET);
            s.token(SHOP, SHOP_SECRET);
            assertThat(s.server().testControl().requests(SHOP)).isEmpty();
            JsonNode page = TestServer.json(s.admin("GET", LOG, null));
            assertThat(page.get("capacity").asInt()).isZero();
            assertThat(page.get("requests")).isEmpty();
        }
    }

    /** Makes {@code n} token calls, each a minute apart, and gives their rids. */
    private static List<String> mint(TestServer s, int n) {
        List<String> rids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            s.clock.advance(Duration.ofMinutes(1));
            s.token(SHOP, SHOP_SECRET);
            rids.add(s.server().testControl().requests(SHOP).getLast().rid());
        }
        return rids;
    }

    private static List<String> rids(JsonNode page) {
        List<String> rids = new ArrayList<>();
        page.get("requests").forEach(call -> rids.add(call.get("rid").asText()));
        return rids;
    }
}
