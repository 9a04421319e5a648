package dev.wxacode.server.internal.observe;

import static dev.wxacode.server.TestServer.SHOP;
import static dev.wxacode.server.TestServer.SHOP_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wxacode.server.ServerExtension;
import dev.wxacode.server.TestServer;
import dev.wxacode.server.internal.http.Routes;
import java.net.http.HttpResponse;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ObservabilityTest {
    @RegisterExtension
    static final ServerExtension server = ServerExtension.shared();
    final TestServer s = server.get();

    @Test
    void health_reports_the_database() {
        HttpResponse<byte[]> response = s.get("/healthz");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(TestServer.text(response)).isEqualTo("{\"status\":\"ok\",\"checks\":{\"database\":\"ok\"}}");
    }

    @Test
    void metrics_count_requests_by_route_and_errcode_and_time_renders() {
        String ok = "wxacode_requests_total{errcode=\"0\",method=\"POST\",route=\"/wxa/getwxacodeunlimit\"}";
        String bad = "wxacode_requests_total{errcode=\"40169\",method=\"POST\",route=\"/wxa/getwxacodeunlimit\"}";
        String jpg = "wxacode_render_seconds_count{format=\"jpg\"}";
        String png = "wxacode_render_seconds_count{format=\"png\"}";
        String before = s.scrape();
        String token = s.token(SHOP, SHOP_SECRET);
        s.code(token, "{\"scene\":\"m\"}");
        s.code(token, "{\"scene\":\"\"}");
        s.code(token, "{\"scene\":\"h\",\"is_hyaline\":true}");
        assertThat(s.get("/metrics").headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
        String after = s.scrapeWhen(scrape -> TestServer.metric(scrape, ok) - TestServer.metric(before, ok) >= 2
                && TestServer.metric(scrape, bad) - TestServer.metric(before, bad) >= 1);
        assertThat(TestServer.metric(after, ok) - TestServer.metric(before, ok)).isEqualTo(2);
        assertThat(TestServer.metric(after, bad) - TestServer.metric(before, bad)).isEqualTo(1);
        assertThat(TestServer.metric(after, jpg) - TestServer.metric(before, jpg)).isEqualTo(1);
        assertThat(TestServer.metric(after, png) - TestServer.metric(before, png)).isEqualTo(1);
        assertThat(after)
                .contains("wxacode_render_seconds_bucket{format=\"jpg\",le=")
                .contains("wxacode_request_seconds_bucket{route=\"/cgi-bin/token\",le=")
                .contains("wxacode_cpu_waiting 0")
                .contains("jvm_memory_used_bytes");
        assertThat(TestServer.metric(after, "wxacode_jpeg_blocks_coded_total")).as("the JPEG's blocks").isPositive();
        assertThat(TestServer.metric(after, "wxacode_jpeg_blocks_kept")).isPositive();
        assertThat(after).contains("wxacode_jpeg_blocks_found_total");
        assertThat(after).doesNotContain(token, SHOP_SECRET, "scene=");
    }

    @Test
    void the_openapi_document_lists_every_route() {
        JsonNode openapi = TestServer.json(s.get("/openapi.json"));
        assertThat(openapi.get("openapi").asText()).startsWith("3.");
        JsonNode paths = openapi.get("paths");
        for (Routes.Route route : s.routes()) {
            String path = route.path();
            assertThat(paths.has(path)).as("path %s documented", path).isTrue();
            assertThat(paths.get(path).has(route.method().name().toLowerCase(Locale.ROOT)))
                    .as("%s documented", route).isTrue();
        }
        assertThat(paths.size()).as("no stale paths").isEqualTo(s.routes().stream().map(Routes.Route::path).distinct().count());
    }

    @Test
    void the_root_points_to_the_documents_and_the_console() {
        JsonNode root = TestServer.json(s.get("/"));
        assertThat(root.get("openapi").asText()).isEqualTo("/openapi.json");
        assertThat(s.get(root.get("health").asText()).statusCode()).isEqualTo(200);
        assertThat(root.get("console").asText()).isEqualTo("/console");
        assertThat(TestServer.text(s.get(root.get("console").asText()))).contains("<title>wxacode console</title>");
    }
}
