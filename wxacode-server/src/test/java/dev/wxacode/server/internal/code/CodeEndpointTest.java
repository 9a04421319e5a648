package dev.wxacode.server.internal.code;

import static dev.wxacode.server.TestServer.GAME;
import static dev.wxacode.server.TestServer.GAME_SECRET;
import static dev.wxacode.server.TestServer.SHOP;
import static dev.wxacode.server.TestServer.SHOP_SECRET;
import static dev.wxacode.server.TestServer.UNPUBLISHED;
import static dev.wxacode.server.TestServer.UNPUBLISHED_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wxacode.core.code.AutoColor;
import dev.wxacode.core.code.LineColor;
import dev.wxacode.server.ServerExtension;
import dev.wxacode.server.TestServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Successful calls of getwxacodeunlimit: every image is decoded and its link resolved. */
class CodeEndpointTest {
    @RegisterExtension
    static final ServerExtension server = ServerExtension.shared();
    final TestServer s = server.get();
    final String token = server.shopToken();

    static BufferedImage image(HttpResponse<byte[]> response) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(response.body()));
    }

    HttpResponse<byte[]> jpeg(String body) {
        HttpResponse<byte[]> response = s.code(token, body);
        assertThat(response.headers().firstValue("Content-Type")).as(TestServer.text(response)).contains("image/jpeg");
        return response;
    }

    @Test
    void defaults_give_a_430_px_jpeg_that_opens_the_home_page_of_the_release() throws IOException {
        HttpResponse<byte[]> response = jpeg("{\"scene\":\"id=42&from=poster\"}");
        assertAttachedJpeg(response, 430);

        JsonNode launch = s.resolve(response.body());
        assertThat(launch.get("appid").asText()).isEqualTo(SHOP);
        assertThat(launch.get("env_version").asText()).isEqualTo("release");
        assertThat(launch.get("page").asText()).isEqualTo("pages/index/index");
        assertThat(launch.get("query").get("scene").asText()).isEqualTo("id%3D42%26from%3Dposter");
        assertThat(launch.get("decoded_scene").asText()).isEqualTo("id=42&from=poster");
        assertThat(launch.get("scene").asInt()).isEqualTo(1047);
        assertThat(launch.get("query").get("scancode_time").asText())
                .isEqualTo(Long.toString(s.clock.instant().getEpochSecond()));
    }

    @Test
    void every_field_is_honoured() throws IOException {
        HttpResponse<byte[]> response = s.code(token, """
                {"scene":"a=1","page":"pages/detail/detail","check_path":true,"env_version":"trial","width":600,
                 "auto_color":false,"line_color":{"r":200,"g":20,"b":20},"is_hyaline":false}""");
        BufferedImage image = image(response);
        assertThat(image.getWidth()).isEqualTo(600);
        assertThat(moduleColour(image)).satisfies(rgb -> assertClose(rgb, 0xC81414));
        JsonNode launch = s.resolve(response.body());
        assertThat(launch.get("env_version").asText()).isEqualTo("trial");
        assertThat(launch.get("page").asText()).isEqualTo("pages/detail/detail");
    }

    @Test
    void a_trial_code_for_a_page_only_the_trial_build_has_needs_check_path_false() {
        HttpResponse<byte[]> response = jpeg("{\"scene\":\"t\",\"page\":\"pages/trial/index\",\"env_version\":\"trial\",\"check_path\":false}");
        JsonNode launch = s.resolve(response.body());
        assertThat(launch.get("env_version").asText()).isEqualTo("trial");
        assertThat(launch.get("page").asText()).isEqualTo("pages/trial/index");
    }

    @Test
    void empty_colour_parts_and_width_count_as_absent_as_old_silenceper_clients_send_them() throws IOException {
        // silenceper/wechat's json.Encoder body, trailing newline included.
        HttpResponse<byte[]> response = s.post("/wxa/getwxacodeunlimit?access_token=" + token, "application/json;charset=utf-8",
                "{\"scene\":\"go\",\"page\":\"pages/index/index\",\"line_color\":{\"r\":\"\",\"g\":\"\",\"b\":\"\"},\"width\":\"\"}\n"
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(response.headers().firstValue("Content-Type")).contains("image/jpeg");
        assertThat(image(response).getWidth()).isEqualTo(430);
        assertClose(moduleColour(image(response)), 0x000000);
        HttpResponse<byte[]> partial = jpeg("{\"scene\":\"go\",\"line_color\":{\"r\":\"180\",\"g\":\"\",\"b\":\"\"}}");
        assertClose(moduleColour(image(partial)), 0xB40000);
    }

    @Test
    void unknown_keys_are_ignored_when_strict_fields_are_turned_off(@TempDir Path dir) {
        try (TestServer lenient = TestServer.start(dir, "WXACODE_REJECT_UNKNOWN_FIELDS", "false")) {
            HttpResponse<byte[]> response = lenient.code(lenient.token(SHOP, SHOP_SECRET),
                    "{\"scene\":\"l\",\"check_page\":true,\"line_color\":{\"r\":0,\"a\":1}}");
            assertThat(response.headers().firstValue("Content-Type")).contains("image/jpeg");
            assertThat(lenient.resolve(response.body()).get("decoded_scene").asText()).isEqualTo("l");
        }
    }

    @Test
    void images_are_never_compressed_even_when_the_client_asks() {
        HttpResponse<byte[]> response = s.send(HttpRequest.newBuilder(URI.create(s.url("/wxa/getwxacodeunlimit?access_token=" + token)))
                .header("Accept-Encoding", "gzip, deflate, br")
                .POST(HttpRequest.BodyPublishers.ofString("{\"scene\":\"z\"}")));
        assertThat(response.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(response.body()).startsWith(0xFF, 0xD8, 0xFF);
    }

    @Test
    void a_doubled_slash_from_an_api_host_ending_in_slash_still_works() {
        HttpResponse<byte[]> response = s.post("//wxa/getwxacodeunlimit?access_token=" + token, "{\"scene\":\"s\"}");
        assertThat(response.headers().firstValue("Content-Type")).contains("image/jpeg");
        assertThat(TestServer.json(s.get("//cgi-bin/token?grant_type=client_credential&appid=" + SHOP + "&secret=" + SHOP_SECRET))
                .has("access_token")).isTrue();
    }

    /**
     * A plain POST is answered in front of Javalin ({@link JettyCodes}); one with a doubled slash or
     * a chunked body by Javalin's route. All three must give the same answer to the same call.
     */
    @Test
    void the_fast_path_and_javalins_route_answer_alike() {
        String[][] calls = {
                {"?access_token=" + token, "{\"scene\":\"alike=1\",\"width\":300}"},
                {"?access_token=" + token, "{\"scene\":\"alike=1\",\"is_hyaline\":true}"},
                {"?access_token=" + token, ""},
                {"?access_token=" + token, "{\"scene\":"},
                {"?access_token=" + token, "{\"scene\":\"x\",\"colour\":1}"},
                {"?access_token=" + token, "{\"scene\":\"x\",\"page\":\"pages/none/none\"}"},
                {"?access_token=" + token + "&access_token=other", "{\"scene\":\"x\"}"},
                {"?access_token=" + "A".repeat(40), "{\"scene\":\"x\"}"},
                {"", "{\"scene\":\"x\",\"access_token\":\"" + token + "\"}"},
        };
        for (String[] call : calls) {
            HttpResponse<byte[]> fast = post("/wxa/getwxacodeunlimit" + call[0], call[1], false);
            for (HttpResponse<byte[]> routed : new HttpResponse[] {post("//wxa/getwxacodeunlimit" + call[0], call[1], false),
                    post("/wxa/getwxacodeunlimit" + call[0], call[1], true)}) {
                assertThat(routed.statusCode()).as(call[1]).isEqualTo(fast.statusCode()).isNotEqualTo(404);
                for (String header : new String[] {"Content-Type", "Content-Length", "ETag", "Content-Disposition",
                        "Cache-Control", "Connection", "Transfer-Encoding"}) {
                    assertThat(routed.headers().allValues(header)).as("%s %s", call[1], header)
                            .isEqualTo(fast.headers().allValues(header));
                }
                // An errcode's errmsg ends with the request's own rid.
                assertThat(new String(routed.body(), StandardCharsets.ISO_8859_1).replaceAll("rid: [0-9a-f-]+", "rid"))
                        .as(call[1]).isEqualTo(new String(fast.body(), StandardCharsets.ISO_8859_1).replaceAll("rid: [0-9a-f-]+", "rid"));
            }
        }
        assertThat(TestServer.decode(post("/wxa/getwxacodeunlimit?access_token=" + token, "{\"scene\":\"alike=1\"}", false)
                .body())).contains("/L/");
    }

    private HttpResponse<byte[]> post(String pathAndQuery, String body, boolean chunked) {
        return chunked ? s.postChunked(pathAndQuery, body) : s.post(pathAndQuery, body);
    }

    @ParameterizedTest
    @CsvSource({"100,280", "280,280", "281,281", "1280,1280", "5000,1280", "-1,280", "430.9,430", "'\"500\"',500",
            "'\"640.0\"',640", "0,280"})
    void width_is_clamped_to_280_1280_and_the_image_is_exactly_that_size(String width, int expected) throws IOException {
        HttpResponse<byte[]> response = jpeg("{\"scene\":\"w\",\"width\":" + width + "}");
        BufferedImage image = image(response);
        assertThat(image.getWidth()).isEqualTo(expected);
        assertThat(image.getHeight()).isEqualTo(expected);
        assertThat(s.resolve(response.body()).get("decoded_scene").asText()).isEqualTo("w");
    }

    @Test
    void hyaline_gives_a_png_with_a_transparent_background() throws IOException {
        HttpResponse<byte[]> response = s.code(token, "{\"scene\":\"clear\",\"is_hyaline\":true,\"width\":300}");
        assertThat(response.headers().firstValue("Content-Type")).contains("image/png");
        assertThat(response.headers().firstValue("Content-Disposition").orElseThrow()).endsWith(".png\"");
        assertThat(response.body()).startsWith(0x89, 'P', 'N', 'G');
        BufferedImage image = image(response);
        assertThat(image.getWidth()).isEqualTo(300);
        assertThat(image.getColorModel().hasAlpha()).isTrue();
        assertThat(image.getRGB(0, 0) >>> 24).isZero();
        assertThat(image.getRGB(150, 0) >>> 24).isZero();
        assertThat(s.resolve(response.body()).get("decoded_scene").asText()).isEqualTo("clear");
    }

    @Test
    void line_colour_components_may_be_strings_and_are_clamped() throws IOException {
        HttpResponse<byte[]> strings = jpeg("{\"scene\":\"c\",\"line_color\":{\"r\":\"0\",\"g\":\"0\",\"b\":\"150\"}}");
        assertClose(moduleColour(image(strings)), 0x000096);
        HttpResponse<byte[]> clamped = jpeg("{\"scene\":\"c\",\"line_color\":{\"r\":-20,\"g\":0,\"b\":900}}");
        assertClose(moduleColour(image(clamped)), 0x0000FF);
        assertThat(s.resolve(clamped.body()).get("decoded_scene").asText()).isEqualTo("c");
    }

    @Test
    void auto_color_uses_the_brand_colour_darkened_for_contrast_and_ignores_line_color() throws IOException {
        HttpResponse<byte[]> response = jpeg("{\"scene\":\"auto\",\"auto_color\":true,\"line_color\":{\"r\":255,\"g\":0,\"b\":0}}");
        LineColor expected = AutoColor.lineColorFor(Optional.of(LineColor.parseHex("#07C160")));
        assertClose(moduleColour(image(response)), expected.rgb());
        assertThat(s.resolve(response.body()).get("decoded_scene").asText()).isEqualTo("auto");
    }

    @Test
    void auto_color_without_a_brand_colour_is_black() throws IOException {
        String gameToken = s.token(GAME, GAME_SECRET);
        HttpResponse<byte[]> response = s.code(gameToken, "{\"scene\":\"g\",\"auto_color\":true}");
        assertClose(moduleColour(image(response)), 0x000000);
    }

    @Test
    void a_minigame_may_create_codes_too() {
        HttpResponse<byte[]> response = s.code(s.token(GAME, GAME_SECRET), "{\"scene\":\"lvl=3\"}");
        JsonNode launch = s.resolve(response.body());
        assertThat(launch.get("appid").asText()).isEqualTo(GAME);
        assertThat(launch.get("page").asText()).isEqualTo("game/index");
    }

    @Test
    void check_path_false_allows_unpublished_pages_and_apps() {
        HttpResponse<byte[]> response = jpeg("{\"scene\":\"x\",\"page\":\"pages/not/yet\",\"check_path\":false}");
        assertThat(s.resolve(response.body()).get("page").asText()).isEqualTo("pages/not/yet");
        HttpResponse<byte[]> unpublished = s.code(s.token(UNPUBLISHED, UNPUBLISHED_SECRET),
                "{\"scene\":\"x\",\"page\":\"pages/a/b\",\"check_path\":false}");
        assertThat(s.resolve(unpublished.body()).get("page").asText()).isEqualTo("pages/a/b");
    }

    @Test
    void an_empty_page_is_the_home_page_of_the_chosen_build() {
        HttpResponse<byte[]> response = jpeg("{\"scene\":\"h\",\"page\":\"\",\"env_version\":\"develop\"}");
        JsonNode launch = s.resolve(response.body());
        assertThat(launch.get("page").asText()).isEqualTo("pages/dev/index");
        assertThat(launch.get("env_version").asText()).isEqualTo("develop");
    }

    @Test
    void the_body_is_read_as_json_whatever_the_content_type_says() {
        String body = "{\"scene\":\"ct=1\",\"page\":\"pages/detail/detail\"}";
        for (String contentType : new String[] {"text/plain; charset=ISO-8859-1", "application/json; charset=utf-8",
                "application/x-www-form-urlencoded", "application/octet-stream"}) {
            HttpResponse<byte[]> response = s.post("/wxa/getwxacodeunlimit?access_token=" + token, contentType,
                    body.getBytes(StandardCharsets.UTF_8));
            assertThat(response.headers().firstValue("Content-Type")).as(contentType).contains("image/jpeg");
            assertThat(s.resolve(response.body()).get("page").asText()).isEqualTo("pages/detail/detail");
        }
    }

    @Test
    void escaped_slashes_and_unicode_escapes_are_decoded_first() {
        // EasyWeChat writes "/" as "\/", Go writes "&" as "\u0026".
        HttpResponse<byte[]> response = jpeg("{\"scene\":\"a\\u0026b\",\"page\":\"pages\\/detail\\/detail\"}");
        JsonNode launch = s.resolve(response.body());
        assertThat(launch.get("decoded_scene").asText()).isEqualTo("a&b");
        assertThat(launch.get("page").asText()).isEqualTo("pages/detail/detail");
    }

    @Test
    void null_fields_count_as_absent() throws IOException {
        HttpResponse<byte[]> response = jpeg("{\"scene\":\"n\",\"page\":null,\"width\":null,\"line_color\":null,\"is_hyaline\":null}");
        assertThat(image(response).getWidth()).isEqualTo(430);
    }

    @Test
    void the_same_request_gives_the_same_bytes() {
        String body = "{\"scene\":\"same\",\"page\":\"pages/detail/detail\",\"width\":500}";
        assertThat(jpeg(body).body()).isEqualTo(jpeg(body).body());
    }

    @Test
    void a_32_character_scene_with_every_punctuation_round_trips() {
        String scene = "!#$&'()*+,/:;=?@-._~0123456789ab";
        HttpResponse<byte[]> response = jpeg("{\"scene\":\"" + scene + "\",\"width\":280}");
        JsonNode launch = s.resolve(response.body());
        assertThat(launch.get("decoded_scene").asText()).isEqualTo(scene);
        assertThat(launch.get("query").get("scene").asText()).isEqualTo("!%23%24%26'()*%2B%2C%2F%3A%3B%3D%3F%40-._~0123456789ab");
    }

    @Test
    void a_code_is_served_under_the_path_prefix_too(@TempDir Path other) {
        try (TestServer prefixed = TestServer.start(other, "WXACODE_PATH_PREFIX", "/wxacode")) {
            String t = TestServer.json(prefixed.get("/wxacode/cgi-bin/token?grant_type=client_credential&appid=" + SHOP
                    + "&secret=" + SHOP_SECRET)).get("access_token").asText();
            HttpResponse<byte[]> response = prefixed.send(HttpRequest.newBuilder(
                            URI.create(prefixed.url("/wxacode/wxa/getwxacodeunlimit?access_token=" + t)))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"scene\":\"p\"}")));
            assertThat(response.headers().firstValue("Content-Type")).contains("image/jpeg");
            assertThat(prefixed.resolve(response.body()).get("decoded_scene").asText()).isEqualTo("p");
        }
    }

    /**
     * The colour in the middle of the top-left finder's 3×3 dark core, found by walking the
     * diagonal from the corner: the first dark run is one module of the finder's outer ring.
     */
    /** A code as a POST answers it: a whole JPEG of that size, with its length and name, not compressed. */
    static void assertAttachedJpeg(HttpResponse<byte[]> response, int width) throws IOException {
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith(0xFF, 0xD8, 0xFF);
        assertThat(response.headers().firstValue("Content-Length")).contains(Integer.toString(response.body().length));
        assertThat(response.headers().firstValue("Transfer-Encoding")).isEmpty();
        assertThat(response.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(response.headers().firstValue("Content-Disposition").orElseThrow())
                .matches("attachment; filename=\"[0-9a-f]{32}\\.jpg\"");
        BufferedImage image = image(response);
        assertThat(image.getWidth()).isEqualTo(width);
        assertThat(image.getHeight()).isEqualTo(width);
    }

    static int moduleColour(BufferedImage image) {
        int x = 0;
        while (luminance(image.getRGB(x, x)) > 128) {
            x++;
        }
        int corner = x;
        while (luminance(image.getRGB(x, x)) <= 128) {
            x++;
        }
        int centre = corner + (x - corner) * 7 / 2;
        return image.getRGB(centre, centre) & 0xFFFFFF;
    }

    private static int luminance(int argb) {
        if ((argb >>> 24) == 0) {
            return 255;
        }
        return (((argb >> 16) & 0xFF) * 299 + ((argb >> 8) & 0xFF) * 587 + (argb & 0xFF) * 114) / 1000;
    }

    static void assertClose(int actual, int expected) {
        for (int shift = 0; shift <= 16; shift += 8) {
            assertThat(Math.abs(((actual >> shift) & 0xFF) - ((expected >> shift) & 0xFF)))
                    .as("%06x vs %06x", actual, expected).isLessThanOrEqualTo(16);
        }
    }
}
