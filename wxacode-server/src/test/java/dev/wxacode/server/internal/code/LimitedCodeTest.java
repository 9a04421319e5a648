package dev.wxacode.server.internal.code;

import static dev.wxacode.server.TestServer.GAME;
import static dev.wxacode.server.TestServer.GAME_SECRET;
import static dev.wxacode.server.TestServer.OFFICIAL;
import static dev.wxacode.server.TestServer.OFFICIAL_SECRET;
import static dev.wxacode.server.TestServer.SHOP;
import static dev.wxacode.server.TestServer.UNPUBLISHED;
import static dev.wxacode.server.TestServer.UNPUBLISHED_SECRET;
import static dev.wxacode.server.WireAssert.CHARSET;
import static dev.wxacode.server.WireAssert.ENCODING;
import static dev.wxacode.server.WireAssert.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wxacode.core.code.AutoColor;
import dev.wxacode.core.code.LineColor;
import dev.wxacode.core.wire.Errcode;
import dev.wxacode.server.ServerExtension;
import dev.wxacode.server.TestServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * wxacode.get ({@code /wxa/getwxacode}) and createQRCode ({@code /cgi-bin/wxaapp/createwxaqrcode}):
 * every image is decoded and its link resolved to the path's page and query.
 */
class LimitedCodeTest {
    static final String GET = "/wxa/getwxacode?access_token=";
    static final String QRCODE = "/cgi-bin/wxaapp/createwxaqrcode?access_token=";

    @RegisterExtension
    static final ServerExtension server = ServerExtension.shared();
    final TestServer s = server.get();
    final String token = server.shopToken();

    static BufferedImage image(HttpResponse<byte[]> response) throws IOException {
        assertThat(response.headers().firstValue("Content-Type")).as(TestServer.text(response)).contains("image/jpeg");
        return ImageIO.read(new ByteArrayInputStream(response.body()));
    }

    @Test
    void a_wxacode_opens_the_page_with_the_query_of_its_path() throws IOException {
        HttpResponse<byte[]> response = s.post(GET + token, "{\"path\":\"pages/detail/detail?id=42&from=poster&flag\"}");
        CodeEndpointTest.assertAttachedJpeg(response, 430);

        JsonNode launch = s.resolve(response.body());
        assertThat(launch.get("appid").asText()).isEqualTo(SHOP);
        assertThat(launch.get("env_version").asText()).isEqualTo("release");
        assertThat(launch.get("page").asText()).isEqualTo("pages/detail/detail");
        assertThat(TestServer.JSON.convertValue(launch.get("query"), Map.class)).containsExactly(
                Map.entry("id", "42"), Map.entry("from", "poster"), Map.entry("flag", ""),
                Map.entry("scancode_time", Long.toString(s.clock.instant().getEpochSecond())));
        assertThat(launch.get("scene").asInt()).isEqualTo(1047);
        assertThat(launch.has("decoded_scene")).isFalse();
        // The link's own image is the same code, for a page or a CDN.
        String link = TestServer.decode(response.body());
        assertThat(s.get(link.substring(link.indexOf("/L/")) + "/code.jpg").body()).isEqualTo(response.body());
    }

    @Test
    void every_field_of_a_wxacode_is_honoured() throws IOException {
        HttpResponse<byte[]> response = s.post(GET + token, """
                {"path":"pages/trial/index?x=%E4%BD%A0","env_version":"trial","width":600,"auto_color":false,
                 "line_color":{"r":200,"g":20,"b":20},"is_hyaline":false}""");
        // pages/trial/index is only in the trial build: a limited code, like a checked getUnlimited one,
        // needs its page in the release.
        assertError(response, Errcode.INVALID_PAGE, CHARSET, s);

        response = s.post(GET + token, """
                {"path":"pages/index/index?x=%E4%BD%A0","env_version":"trial","width":600,"auto_color":false,
                 "line_color":{"r":200,"g":20,"b":20},"is_hyaline":false}""");
        BufferedImage image = image(response);
        assertThat(image.getWidth()).isEqualTo(600);
        CodeEndpointTest.assertClose(CodeEndpointTest.moduleColour(image), new LineColor(200, 20, 20).rgb());
        JsonNode launch = s.resolve(response.body());
        assertThat(launch.get("env_version").asText()).isEqualTo("trial");
        // Values arrive as the path wrote them: WeChat does not decode them.
        assertThat(launch.get("query").get("x").asText()).isEqualTo("%E4%BD%A0");

        response = s.post(GET + token, "{\"path\":\"pages/index/index\",\"auto_color\":true,\"is_hyaline\":true}");
        assertThat(response.headers().firstValue("Content-Type")).contains("image/png");
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(response.body()));
        assertThat(png.getColorModel().hasAlpha()).isTrue();
        CodeEndpointTest.assertClose(CodeEndpointTest.moduleColour(png),
                AutoColor.lineColorFor(Optional.of(LineColor.ofRgb(0x07C160))).rgb());
        assertThat(s.resolve(response.body()).get("page").asText()).isEqualTo("pages/index/index");
    }

    @Test
    void a_qrcode_is_a_black_square_code_of_the_release_scanned_as_a_qr_code() throws IOException {
        HttpResponse<byte[]> response = s.post(QRCODE + token, "{\"path\":\"pages/goods/list/index?cat=7\",\"width\":300}");
        BufferedImage image = image(response);
        assertThat(image.getWidth()).isEqualTo(300);
        assertThat(image.getHeight()).isEqualTo(300);
        CodeEndpointTest.assertClose(CodeEndpointTest.moduleColour(image), 0x000000);
        JsonNode launch = s.resolve(response.body());
        assertThat(launch.get("page").asText()).isEqualTo("pages/goods/list/index");
        assertThat(launch.get("env_version").asText()).isEqualTo("release");
        assertThat(launch.get("query").get("cat").asText()).isEqualTo("7");
        assertThat(launch.get("scene").asInt()).isEqualTo(1011);
    }

    @Test
    void a_path_of_a_query_alone_opens_the_home_page_and_a_leading_slash_is_taken_off() {
        String game = s.token(GAME, GAME_SECRET);
        JsonNode home = s.resolve(s.post(GET + game, "{\"path\":\"?foo=bar\"}").body());
        assertThat(home.get("page").asText()).isEqualTo("game/index");
        assertThat(home.get("query").get("foo").asText()).isEqualTo("bar");
        HttpResponse<byte[]> slashed = s.post(GET + token, "{\"path\":\"/pages/detail/detail?id=1\"}");
        assertThat(s.resolve(slashed.body()).get("page").asText()).isEqualTo("pages/detail/detail");
        assertThat(slashed.body()).isEqualTo(s.post(GET + token, "{\"path\":\"pages/detail/detail?id=1\"}").body());
    }

    @Test
    void the_same_path_and_build_is_the_same_code_and_another_width_draws_it_again() {
        String body = "{\"path\":\"pages/detail/detail?same=1\"}";
        HttpResponse<byte[]> first = s.post(GET + token, body);
        HttpResponse<byte[]> again = s.post(GET + token, body);
        assertThat(again.body()).isEqualTo(first.body());
        HttpResponse<byte[]> wider = s.post(GET + token, "{\"path\":\"pages/detail/detail?same=1\",\"width\":800}");
        assertThat(TestServer.decode(wider.body())).isEqualTo(TestServer.decode(first.body()));
        HttpResponse<byte[]> trial = s.post(GET + token, "{\"path\":\"pages/detail/detail?same=1\",\"env_version\":\"trial\"}");
        assertThat(TestServer.decode(trial.body())).isNotEqualTo(TestServer.decode(first.body()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {}                                              | INVALID_PATH_LENGTH
            {"path":""}                                     | INVALID_PATH_LENGTH
            {"path":null}                                   | INVALID_PATH_LENGTH
            {"path":42}                                     | DATA_FORMAT_ERROR
            {"path":"pages/index/index?scancode_time=1"}    | SCANCODE_TIME_NOT_ALLOWED
            {"path":"pages/nowhere/index"}                  | INVALID_PAGE
            {"path":"pages/index/index","env_version":"x"}  | INVALID_ENV_VERSION
            {"path":"pages/index/index","width":0}          | INVALID_WIDTH
            {"path":"pages/index/index","width":-5}         | INVALID_WIDTH
            {"path":"pages/index/index","scene":"a"}        | DATA_FORMAT_ERROR
            """)
    void a_bad_wxacode_body_gets_its_errcode(String body, Errcode errcode) {
        assertError(s.post(GET + token, body), errcode, CHARSET, s);
    }

    @Test
    void path_lengths_are_counted_in_bytes_up_to_each_api_s_limit() throws IOException {
        String page = "pages/index/index?q=";
        String fits = page + "你".repeat((1024 - page.length()) / 3) + "x".repeat((1024 - page.length()) % 3);
        assertThat(fits.getBytes(StandardCharsets.UTF_8)).hasSize(1024);
        HttpResponse<byte[]> longest = s.post(GET + token, "{\"path\":\"" + fits + "\"}");
        assertThat(image(longest).getWidth()).isEqualTo(430);
        assertThat(s.resolve(longest.body()).get("query").get("q").asText()).startsWith("你你");
        assertError(s.post(GET + token, "{\"path\":\"" + fits + "x\"}"), Errcode.INVALID_PATH_LENGTH, CHARSET, s);

        String qr = page + "x".repeat(128 - page.length());
        assertThat(image(s.post(QRCODE + token, "{\"path\":\"" + qr + "\"}")).getWidth()).isEqualTo(430);
        assertError(s.post(QRCODE + token, "{\"path\":\"" + qr + "x\"}"), Errcode.INVALID_PATH_LENGTH, ENCODING, s);
        assertError(s.post(QRCODE + token, "{\"path\":\"pages/index/index\",\"env_version\":\"trial\"}"),
                Errcode.DATA_FORMAT_ERROR, ENCODING, s);
    }

    @Test
    void the_token_and_account_checks_come_first() {
        assertError(s.post(GET, "{\"path\":\"pages/index/index\"}"), Errcode.ACCESS_TOKEN_MISSING, ENCODING, s);
        assertError(s.post(QRCODE + "nope", "{}"), Errcode.INVALID_CREDENTIAL, ENCODING, s);
        String official = s.token(OFFICIAL, OFFICIAL_SECRET);
        assertError(s.post(GET + official, "{}"), Errcode.API_UNAUTHORIZED, ENCODING, s);
        assertError(s.post(GET + token, ""), Errcode.EMPTY_POST_DATA, CHARSET, s);
        assertError(s.get(GET + token), Errcode.REQUIRE_POST_METHOD, CHARSET, s);
        String unpublished = s.token(UNPUBLISHED, UNPUBLISHED_SECRET);
        assertError(s.post(QRCODE + unpublished, "{\"path\":\"?a=1\"}"), Errcode.INVALID_PAGE, ENCODING, s);
    }
}
