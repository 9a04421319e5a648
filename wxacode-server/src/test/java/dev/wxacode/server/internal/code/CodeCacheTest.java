package dev.wxacode.server.internal.code;

import static dev.wxacode.server.TestServer.SHOP;
import static dev.wxacode.server.TestServer.SHOP_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wxacode.core.link.LinkUrl;
import dev.wxacode.server.ServerExtension;
import dev.wxacode.server.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Repeated identical requests get the same bytes and ETag from one drawing; whatever changes the
 * link (scene, signing key) or the drawing (width, colour) is another image.
 */
class CodeCacheTest {
    static final String HITS = "wxacode_code_cache_hits_total";
    static final String MISSES = "wxacode_code_cache_misses_total";
    static final String BYTES = "wxacode_code_cache_bytes";
    static final String JPEG_DRAWINGS = "wxacode_render_seconds_count{format=\"jpg\"}";

    @RegisterExtension
    static final ServerExtension server = ServerExtension.shared();
    final TestServer s = server.get();
    final String token = server.shopToken();

    /**
     * An image reply's ETag: the quoted 32-hex-digit name its file also carries (derived from the
     * link and spec, see DrawingVersionTest, so equal tags below mean equal requests' images).
     */
    static String etagOf(HttpResponse<byte[]> response, String extension) {
        assertThat(response.statusCode()).isEqualTo(200);
        String disposition = response.headers().firstValue("Content-Disposition").orElseThrow();
        assertThat(disposition).as(TestServer.text(response)).matches("attachment; filename=\"[0-9a-f]{32}\\." + extension + "\"");
        String name = disposition.substring("attachment; filename=\"".length(), disposition.length() - extension.length() - 2);
        assertThat(response.headers().firstValue("Content-Length")).contains(Integer.toString(response.body().length));
        assertThat(response.headers().allValues("ETag")).containsExactly("\"" + name + "\"");
        return response.headers().firstValue("ETag").orElseThrow();
    }

    static double delta(String before, String after, String series) {
        return TestServer.metric(after, series) - TestServer.metric(before, series);
    }

    @Test
    void the_same_request_twice_gets_the_same_bytes_and_etag_from_one_drawing() {
        String body = "{\"scene\":\"again=1\",\"page\":\"pages/detail/detail\"}";
        String before = s.scrape();
        HttpResponse<byte[]> first = s.code(token, body);
        // Another token of the same app: tokens are not part of what decides the image.
        HttpResponse<byte[]> second = s.code(server.shopToken(), body);
        String after = s.scrape();

        assertThat(second.body()).isEqualTo(first.body());
        assertThat(etagOf(second, "jpg")).isEqualTo(etagOf(first, "jpg"));
        assertThat(second.headers().firstValue("Content-Type")).contains("image/jpeg");
        JsonNode launch = s.resolve(second.body());
        assertThat(launch.get("page").asText()).isEqualTo("pages/detail/detail");
        assertThat(launch.get("decoded_scene").asText()).isEqualTo("again=1");

        assertThat(delta(before, after, HITS)).isEqualTo(1);
        assertThat(delta(before, after, MISSES)).isEqualTo(1);
        assertThat(delta(before, after, JPEG_DRAWINGS)).isEqualTo(1);
        String link = TestServer.decode(first.body());
        assertThat(delta(before, after, BYTES)).isEqualTo(first.body().length + link.length() + CodeCache.ENTRY_OVERHEAD);
    }

    @Test
    void another_scene_width_or_colour_is_another_image_with_another_etag() {
        List<String> bodies = List.of(
                "{\"scene\":\"tag-a\"}",
                "{\"scene\":\"tag-b\"}",
                "{\"scene\":\"tag-a\",\"width\":600}",
                "{\"scene\":\"tag-a\",\"line_color\":{\"r\":200,\"g\":0,\"b\":0}}");
        String before = s.scrape();
        List<String> etags = bodies.stream().map(body -> etagOf(s.code(token, body), "jpg")).toList();
        HttpResponse<byte[]> png = s.code(token, "{\"scene\":\"tag-a\",\"is_hyaline\":true}");
        String after = s.scrape();

        assertThat(etags).doesNotHaveDuplicates().doesNotContain(etagOf(png, "png"));
        assertThat(png.headers().firstValue("Content-Type")).contains("image/png");
        assertThat(TestServer.decode(png.body())).isEqualTo(TestServer.decode(s.code(token, bodies.get(0)).body()));
        assertThat(delta(before, after, MISSES)).isEqualTo(5);
        assertThat(delta(before, after, HITS)).isEqualTo(0);
    }

    @Test
    void after_a_key_rotation_the_same_request_gets_an_image_signed_with_the_new_key() {
        String body = "{\"scene\":\"rotate\"}";
        String before = s.scrape();
        HttpResponse<byte[]> old = s.code(token, body);
        int kid = TestServer.json(s.admin("POST", "/admin/keys/rotate", null)).get("active_kid").asInt();
        HttpResponse<byte[]> rotated = s.code(token, body);
        HttpResponse<byte[]> again = s.code(token, body);
        String after = s.scrape();

        assertThat(rotated.body()).isNotEqualTo(old.body());
        assertThat(etagOf(rotated, "jpg")).isNotEqualTo(etagOf(old, "jpg"));
        assertThat(kidOf(old)).isEqualTo(kid - 1);
        assertThat(kidOf(rotated)).isEqualTo(kid);
        assertThat(s.resolve(rotated.body()).get("decoded_scene").asText()).isEqualTo("rotate");
        assertThat(again.body()).isEqualTo(rotated.body());
        assertThat(delta(before, after, MISSES)).isEqualTo(2);
        assertThat(delta(before, after, HITS)).isEqualTo(1);
    }

    /** The signing key id inside the code's link: the varint after the version byte, one byte below 128. */
    static int kidOf(HttpResponse<byte[]> response) {
        return new Base32().decode(LinkUrl.tokenOf(TestServer.decode(response.body())).orElseThrow())[1];
    }

    @Test
    void if_none_match_on_the_post_is_ignored_and_the_image_comes_again() {
        String body = "{\"scene\":\"conditional\"}";
        HttpResponse<byte[]> first = s.code(token, body);
        String etag = etagOf(first, "jpg");
        HttpResponse<byte[]> conditional = s.send(HttpRequest.newBuilder(
                        URI.create(s.url("/wxa/getwxacodeunlimit?access_token=" + token)))
                .header("If-None-Match", etag)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
        assertThat(conditional.statusCode()).isEqualTo(200);
        assertThat(conditional.headers().firstValue("Content-Type")).contains("image/jpeg");
        assertThat(conditional.body()).isEqualTo(first.body());
        assertThat(etagOf(conditional, "jpg")).isEqualTo(etag);
    }

    @Test
    void with_the_cache_off_every_request_draws_the_same_image(@TempDir Path dir) {
        try (TestServer off = TestServer.start(dir, "WXACODE_CODE_CACHE_BYTES", "0")) {
            String shop = off.token(SHOP, SHOP_SECRET);
            String before = off.scrape();
            HttpResponse<byte[]> first = off.code(shop, "{\"scene\":\"off\"}");
            HttpResponse<byte[]> second = off.code(shop, "{\"scene\":\"off\"}");
            String after = off.scrape();

            assertThat(second.body()).isEqualTo(first.body());
            assertThat(etagOf(second, "jpg")).isEqualTo(etagOf(first, "jpg"));
            assertThat(off.resolve(second.body()).get("decoded_scene").asText()).isEqualTo("off");
            assertThat(delta(before, after, JPEG_DRAWINGS)).isEqualTo(2);
            assertThat(after).doesNotContain("wxacode_code_cache");
        }
    }

    @Test
    void a_cache_smaller_than_one_image_draws_each_time_and_answers_whole_images(@TempDir Path dir) {
        try (TestServer tiny = TestServer.start(dir, "WXACODE_CODE_CACHE_BYTES", "1024")) {
            String shop = tiny.token(SHOP, SHOP_SECRET);
            String before = tiny.scrape();
            HttpResponse<byte[]> first = tiny.code(shop, "{\"scene\":\"tiny\"}");
            HttpResponse<byte[]> second = tiny.code(shop, "{\"scene\":\"tiny\"}");
            String after = tiny.scrape();

            assertThat(first.body().length).isGreaterThan(1024);
            assertThat(second.body()).isEqualTo(first.body());
            assertThat(etagOf(second, "jpg")).isEqualTo(etagOf(first, "jpg"));
            assertThat(tiny.resolve(first.body()).get("decoded_scene").asText()).isEqualTo("tiny");
            assertThat(tiny.resolve(second.body()).get("decoded_scene").asText()).isEqualTo("tiny");
            assertThat(delta(before, after, MISSES)).isEqualTo(2);
            assertThat(delta(before, after, HITS)).isEqualTo(0);
            assertThat(delta(before, after, JPEG_DRAWINGS)).isEqualTo(2);
            assertThat(TestServer.metric(after, BYTES)).isEqualTo(0);
        }
    }
}
