package dev.wxacode.server.internal.code;

import static dev.wxacode.server.TestServer.SHOP;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wxacode.core.link.LinkUrl;
import dev.wxacode.server.ServerExtension;
import dev.wxacode.server.TestServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /L/{token}/code.jpg|png}: the image of a link made before, the same bytes and ETag as
 * the POST that made it, revalidated with If-None-Match without drawing, and only for links that
 * resolve.
 */
class LinkImageTest {
    @RegisterExtension
    final ServerExtension server = ServerExtension.fresh();
    final TestServer s = server.get();
    final String token = server.shopToken();

    private HttpResponse<byte[]> get(String path, String ifNoneMatch) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(s.url(path))).GET();
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return s.send(request);
    }

    private static String shownEtag(HttpResponse<byte[]> response, String extension) {
        assertThat(response.statusCode()).as(TestServer.text(response)).isEqualTo(200);
        String etag = response.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).matches("\"[0-9a-f]{32}\"");
        assertThat(response.headers().firstValue("Content-Disposition"))
                .contains("inline; filename=" + etag.substring(0, 33) + "." + extension + "\"");
        assertThat(response.headers().firstValue("Cache-Control")).contains("public, no-cache");
        assertThat(response.headers().firstValue("Content-Length")).contains(Integer.toString(response.body().length));
        return etag;
    }

    private static int widthOf(byte[] image) throws IOException {
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(image));
        assertThat(decoded.getHeight()).isEqualTo(decoded.getWidth());
        return decoded.getWidth();
    }

    @Test
    void a_links_image_is_the_posts_image_byte_for_byte_with_its_etag() throws IOException {
        String[] bodies = {
                "{\"scene\":\"poster=1\",\"page\":\"pages/detail/detail\"}",
                "{\"scene\":\"poster=2\",\"width\":1280,\"is_hyaline\":true}",
        };
        String[] paths = {"/code.jpg", "/code.png?width=1280"};
        String[] types = {"image/jpeg", "image/png"};
        for (int i = 0; i < bodies.length; i++) {
            HttpResponse<byte[]> posted = s.code(token, bodies[i]);
            String link = LinkUrl.tokenOf(TestServer.decode(posted.body())).orElseThrow();

            HttpResponse<byte[]> shown = s.get("/L/" + link + paths[i]);

            assertThat(shown.headers().firstValue("Content-Type")).contains(types[i]);
            assertThat(shown.body()).isEqualTo(posted.body());
            assertThat(shownEtag(shown, types[i].substring(6).replace("jpeg", "jpg")))
                    .isEqualTo(posted.headers().firstValue("ETag").orElseThrow());
            assertThat(TestServer.decode(shown.body())).endsWith("/L/" + link);
        }
        String link = LinkUrl.tokenOf(TestServer.decode(s.code(token, "{\"scene\":\"poster=3\"}").body())).orElseThrow();
        assertThat(widthOf(s.get("/L/" + link + "/code.jpg").body())).isEqualTo(430);
        assertThat(widthOf(s.get("/L/" + link + "/code.jpg?width=600").body())).isEqualTo(600);
        // Clamped as getwxacodeunlimit clamps a width in its body.
        assertThat(widthOf(s.get("/L/" + link + "/code.jpg?width=10").body())).isEqualTo(280);
        assertThat(widthOf(s.get("/L/" + link + "/code.png?width=99999").body())).isEqualTo(1280);
        assertThat(s.resolve(s.get("/L/" + link + "/code.png").body()).get("decoded_scene").asText()).isEqualTo("poster=3");
    }

    @Test
    void if_none_match_with_the_images_etag_is_answered_304_without_drawing() {
        String link = LinkUrl.tokenOf(TestServer.decode(s.code(token, "{\"scene\":\"held=1\"}").body())).orElseThrow();
        String etag = shownEtag(s.get("/L/" + link + "/code.jpg?width=500"), "jpg");
        String before = s.scrape();

        HttpResponse<byte[]> again = get("/L/" + link + "/code.jpg?width=500", etag);
        HttpResponse<byte[]> listed = get("/L/" + link + "/code.jpg?width=500", "\"0123\", W/" + etag);
        HttpResponse<byte[]> any = get("/L/" + link + "/code.jpg?width=500", "*");
        String after = s.scrape();

        for (HttpResponse<byte[]> response : List.of(again, listed, any)) {
            assertThat(response.statusCode()).isEqualTo(304);
            assertThat(response.body()).isEmpty();
            assertThat(response.headers().firstValue("ETag")).contains(etag);
            assertThat(response.headers().firstValue("Cache-Control")).contains("public, no-cache");
            // A cache updates the image it keeps with a 304's headers (RFC 9111 §4.3.4): a type
            // there would become the image's. (Jetty adds Content-Length: 0 to every reply that
            // ends without a length, a 304 too; caches never take a length from a 304, §3.2.)
            assertThat(response.headers().firstValue("Content-Type")).isEmpty();
        }
        assertThat(CodeCacheTest.delta(before, after, CodeCacheTest.HITS)).isZero();
        assertThat(CodeCacheTest.delta(before, after, CodeCacheTest.MISSES)).isZero();

        // Another width is another image: its tag does not match, and it is drawn.
        HttpResponse<byte[]> other = get("/L/" + link + "/code.jpg?width=501", etag);
        assertThat(shownEtag(other, "jpg")).isNotEqualTo(etag);
        assertThat(TestServer.metric(s.scrape(), CodeCacheTest.MISSES) - TestServer.metric(after, CodeCacheTest.MISSES))
                .isEqualTo(1);
    }

    @Test
    void head_gives_the_gets_headers_without_the_image() {
        String link = LinkUrl.tokenOf(TestServer.decode(s.code(token, "{\"scene\":\"head=1\"}").body())).orElseThrow();
        HttpResponse<byte[]> shown = s.get("/L/" + link + "/code.png");

        HttpResponse<byte[]> head = s.send(HttpRequest.newBuilder(URI.create(s.url("/L/" + link + "/code.png")))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        for (String header : new String[] {"Content-Type", "Content-Length", "ETag", "Content-Disposition", "Cache-Control"}) {
            assertThat(head.headers().firstValue(header)).as(header).isEqualTo(shown.headers().firstValue(header)).isPresent();
        }
    }

    @Test
    void only_a_link_that_resolves_has_an_image() {
        String link = LinkUrl.tokenOf(TestServer.decode(s.code(token, "{\"scene\":\"pay=100\"}").body())).orElseThrow();
        char last = link.charAt(link.length() - 1);
        String forged = link.substring(0, link.length() - 1) + (last == 'A' ? 'B' : 'A');

        HttpResponse<byte[]> refused = s.get("/L/" + forged + "/code.jpg");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type")).contains("application/json; charset=UTF-8");
        assertThat(TestServer.json(refused).get("errcode").asInt()).isIn(990001, 990002);
        assertThat(TestServer.text(refused)).doesNotContain("pay=100");

        s.admin("POST", "/admin/apps/" + SHOP + "/disable", null);
        HttpResponse<byte[]> disabled = get("/L/" + link + "/code.png", "*");
        assertThat(disabled.statusCode()).isEqualTo(410);
        assertThat(TestServer.json(disabled).get("errcode").asInt()).isEqualTo(990006);
        s.admin("POST", "/admin/apps/" + SHOP + "/enable", null);
        assertThat(shownEtag(s.get("/L/" + link + "/code.png"), "png")).isNotEmpty();
    }

    @Test
    void a_width_that_is_not_a_whole_number_is_refused_with_the_argument_errcode() {
        String link = LinkUrl.tokenOf(TestServer.decode(s.code(token, "{\"scene\":\"w=1\"}").body())).orElseThrow();
        for (String width : new String[] {"abc", "430.5", "-1", "1e3", "", "1234567890"}) {
            HttpResponse<byte[]> refused = s.get("/L/" + link + "/code.jpg?width=" + width);
            assertThat(refused.statusCode()).as("width=%s", width).isEqualTo(400);
            assertThat(TestServer.json(refused).get("errcode").asInt()).isEqualTo(990104);
            assertThat(TestServer.json(refused).get("errmsg").asText()).startsWith("invalid argument: width must be a whole number");
        }
    }

    @Test
    void a_post_to_the_image_path_is_a_method_error() {
        String link = LinkUrl.tokenOf(TestServer.decode(s.code(token, "{\"scene\":\"m=1\"}").body())).orElseThrow();
        HttpResponse<byte[]> refused = s.post("/L/" + link + "/code.jpg", "{}");
        assertThat(refused.statusCode()).isEqualTo(405);
        assertThat(TestServer.json(refused).get("errcode").asInt()).isEqualTo(990405);
    }

    /**
     * Plain requests are answered in front of Javalin ({@link JettyCodes}); others, such as a path
     * with a doubled slash, by Javalin's route. Both must give the same answer to the same request.
     */
    @Test
    void the_fast_path_and_javalins_route_answer_alike(@TempDir Path other) {
        try (TestServer prefixed = TestServer.start(other, "WXACODE_PATH_PREFIX", "/wxacode")) {
            String t = TestServer.json(prefixed.get("/cgi-bin/token?grant_type=client_credential&appid=" + SHOP
                    + "&secret=" + TestServer.SHOP_SECRET)).get("access_token").asText();
            String link = LinkUrl.tokenOf(TestServer.decode(prefixed.code(t, "{\"scene\":\"alike=1\"}").body())).orElseThrow();
            String etag = prefixed.get("/L/" + link + "/code.png").headers().firstValue("ETag").orElseThrow();
            String forged = link.substring(0, link.length() - 1) + (link.endsWith("A") ? 'B' : 'A');
            String[][] requests = {
                    {"/L/" + link + "/code.jpg?width=600", null},
                    {"/L/" + link + "/code.png", etag},
                    {"/L/" + link + "/code.png?width=x", null},
                    {"/L/" + forged + "/code.jpg", null},
            };
            for (String[] request : requests) {
                for (String prefix : new String[] {"", "/wxacode"}) {
                    HttpResponse<byte[]> fast = get(prefixed, prefix + request[0], request[1]);
                    HttpResponse<byte[]> routed = get(prefixed, prefix + "/" + request[0], request[1]);
                    assertThat(routed.statusCode()).as(request[0]).isEqualTo(fast.statusCode()).isNotEqualTo(404);
                    for (String header : new String[] {"Content-Type", "Content-Length", "ETag", "Content-Disposition",
                            "Cache-Control", "Connection"}) {
                        assertThat(routed.headers().allValues(header)).as("%s %s", request[0], header)
                                .isEqualTo(fast.headers().allValues(header));
                    }
                    // An errcode's errmsg ends with the request's own rid.
                    assertThat(TestServer.text(routed).replaceAll("rid: [0-9a-f-]+", "rid"))
                            .isEqualTo(TestServer.text(fast).replaceAll("rid: [0-9a-f-]+", "rid"));
                }
            }
        }
    }

    private static HttpResponse<byte[]> get(TestServer server, String path, String ifNoneMatch) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url(path))).GET();
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return server.send(request);
    }
}
