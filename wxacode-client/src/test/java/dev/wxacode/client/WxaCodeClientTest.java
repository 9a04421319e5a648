package dev.wxacode.client;

import static dev.wxacode.server.TestServer.SHOP;
import static dev.wxacode.server.TestServer.SHOP_SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wxacode.server.MutableClock;
import dev.wxacode.server.ServerExtension;
import dev.wxacode.server.TestServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class WxaCodeClientTest {
    @RegisterExtension
    final ServerExtension server = ServerExtension.fresh();
    final TestServer s = server.get();
    final WxaCodeClient client = WxaCodeClient.builder(s.url(""), SHOP, SHOP_SECRET).build();

    /**
     * Successful stable_token calls the server has counted, once it has counted {@code expected}
     * (or after the scrape's wait): a call is counted just after its answer has gone out.
     */
    double stableTokenCalls(double expected) {
        String series = "wxacode_requests_total{errcode=\"0\",method=\"POST\",route=\"/cgi-bin/stable_token\"}";
        return TestServer.metric(s.scrapeWhen(scrape -> TestServer.metric(scrape, series) >= expected), series);
    }

    @Test
    void api_quota_tells_the_apps_allowance_of_an_endpoint_and_refuses_a_path_it_has_none_for() {
        // The client's own token came from stable_token: one call counted today.
        ApiQuota stable = client.apiQuota("/cgi-bin/stable_token");
        assertThat(stable).isEqualTo(new ApiQuota(500_000, 1, 499_999, Optional.of(new ApiQuota.RateLimit(10_000, 60))));
        assertThat(client.apiQuota("/wxa/getwxacodeunlimit"))
                .isEqualTo(new ApiQuota(0, 0, 0, Optional.of(new ApiQuota.RateLimit(5000, 60))));
        assertThat(client.apiQuota("/cgi-bin/token")).isEqualTo(new ApiQuota(2000, 0, 2000, Optional.empty()));
        assertThatThrownBy(() -> client.apiQuota("/cgi-bin/message/custom/send"))
                .isInstanceOfSatisfying(WxaCodeException.class, e -> assertThat(e.errcode()).isEqualTo(76021));
    }

    @Test
    void rid_info_finds_a_refused_call_by_the_rid_of_its_errmsg() {
        WxaCodeException refused = catchThrowableOfType(WxaCodeException.class,
                () -> client.getUnlimited(UnlimitedCode.of("id=1").withPage("pages/nowhere/index")));
        String rid = refused.errmsg().substring(refused.errmsg().indexOf("rid: ") + 5);

        RidInfo info = client.ridInfo(rid);
        assertThat(info.invokeTime()).isEqualTo(s.clock.instant().truncatedTo(ChronoUnit.SECONDS));
        assertThat(info.requestUrl()).isEqualTo("access_token=[redacted]");
        assertThat(info.requestBody()).contains("\"page\":\"pages/nowhere/index\"");
        assertThat(info.responseBody()).isEqualTo("{\"errcode\":41030,\"errmsg\":\"" + refused.errmsg() + "\"}");
        assertThat(info.clientIp()).isEqualTo("127.xx.0.1");
        assertThatThrownBy(() -> client.ridInfo("00000000-00000000-00000000"))
                .isInstanceOfSatisfying(WxaCodeException.class, e -> assertThat(e.errcode()).isEqualTo(76001));
    }

    @Test
    void a_default_code_is_a_430_px_jpeg_that_opens_the_home_page() throws IOException {
        CodeImage code = client.getUnlimited(UnlimitedCode.of("id=42"));
        assertThat(code.contentType()).isEqualTo("image/jpeg");
        assertThat(code.extension()).isEqualTo("jpg");
        assertThat(ImageIO.read(new ByteArrayInputStream(code.bytes())).getWidth()).isEqualTo(430);
        JsonNode launch = s.resolve(code.bytes());
        assertThat(launch.get("appid").asText()).isEqualTo(SHOP);
        assertThat(launch.get("page").asText()).isEqualTo("pages/index/index");
        assertThat(launch.get("query").get("scene").asText()).isEqualTo("id%3D42");
    }

    @Test
    void every_field_reaches_the_server() throws IOException {
        CodeImage code = client.getUnlimited(UnlimitedCode.of("all=1").withPage("pages/detail/detail")
                .withEnvVersion("trial").withWidth(600).withLineColor(Rgb.parse("#1565C0")).withHyaline(true));
        assertThat(code.contentType()).isEqualTo("image/png");
        assertThat(code.extension()).isEqualTo("png");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(code.bytes()));
        assertThat(image.getWidth()).isEqualTo(600);
        assertThat(image.getRGB(0, 0) >>> 24).isZero();
        JsonNode launch = s.resolve(code.bytes());
        assertThat(launch.get("env_version").asText()).isEqualTo("trial");
        assertThat(launch.get("page").asText()).isEqualTo("pages/detail/detail");
        CodeImage unpublished = client.getUnlimited(UnlimitedCode.of("x").withPage("pages/new/page").withCheckPath(false));
        assertThat(s.resolve(unpublished.bytes()).get("page").asText()).isEqualTo("pages/new/page");
    }

    @Test
    void a_wxacode_and_a_qrcode_open_their_path_with_its_query() throws IOException {
        CodeImage code = client.getCode(WxaCode.of("pages/detail/detail?id=9").withEnvVersion("trial").withWidth(500)
                .withLineColor(Rgb.parse("#1565C0")).withHyaline(true));
        assertThat(code.contentType()).isEqualTo("image/png");
        assertThat(ImageIO.read(new ByteArrayInputStream(code.bytes())).getWidth()).isEqualTo(500);
        JsonNode launch = s.resolve(code.bytes());
        assertThat(launch.get("page").asText()).isEqualTo("pages/detail/detail");
        assertThat(launch.get("env_version").asText()).isEqualTo("trial");
        assertThat(launch.get("query").get("id").asText()).isEqualTo("9");

        CodeImage qrcode = client.createQrcode("pages/index/index?from=sms", 280);
        assertThat(qrcode.contentType()).isEqualTo("image/jpeg");
        assertThat(ImageIO.read(new ByteArrayInputStream(qrcode.bytes())).getWidth()).isEqualTo(280);
        JsonNode scanned = s.resolve(qrcode.bytes());
        assertThat(scanned.get("query").get("from").asText()).isEqualTo("sms");
        assertThat(scanned.get("scene").asInt()).isEqualTo(1011);

        assertThatThrownBy(() -> client.getCode(WxaCode.of("")))
                .isInstanceOfSatisfying(WxaCodeException.class, e -> assertThat(e.errcode()).isEqualTo(40159));
        assertThatThrownBy(() -> client.createQrcode("pages/nowhere/index", 430))
                .isInstanceOfSatisfying(WxaCodeException.class, e -> assertThat(e.errcode()).isEqualTo(41030));
    }

    @Test
    void schemes_and_url_links_open_their_page_and_are_told_by_their_queries() {
        long now = s.clock.instant().getEpochSecond();
        String scheme = client.generateScheme(LinkRequest.of("pages/detail/detail").withQuery("id=8")
                .withEnvVersion("trial").withExpireInterval(3));
        assertThat(scheme).startsWith("weixin://dl/business/?t=");
        LinkInfo info = client.queryScheme(scheme);
        assertThat(info).isEqualTo(new LinkInfo(SHOP, "pages/detail/detail", "id=8", Instant.ofEpochSecond(now),
                Instant.ofEpochSecond(now + 3 * 86400), "trial"));

        String link = client.generateUrlLink(LinkRequest.of("").withExpireTime(Instant.ofEpochSecond(now + 600)));
        JsonNode opened = TestServer.json(s.get(link.substring(link.indexOf("/L/"))));
        assertThat(opened.get("page").asText()).isEqualTo("pages/index/index");
        assertThat(opened.get("scene").asInt()).isEqualTo(1194);
        assertThat(client.queryUrlLink(link).expireTime()).isEqualTo(Instant.ofEpochSecond(now + 600));

        assertThatThrownBy(() -> client.generateUrlLink(LinkRequest.of("pages/nowhere/index")))
                .isInstanceOfSatisfying(WxaCodeException.class, e -> assertThat(e.errcode()).isEqualTo(40165));
        assertThatThrownBy(() -> client.queryScheme(link))
                .isInstanceOfSatisfying(WxaCodeException.class, e -> assertThat(e.errcode()).isEqualTo(85403));

        String shortLink = client.generateShortLink("pages/detail/detail?id=2", "Deal", false);
        assertThat(shortLink).startsWith("#小程序://Shop/Deal/");
        assertThat(TestServer.json(s.get("/L/" + shortLink.substring(shortLink.lastIndexOf('/') + 1)))
                .get("query").get("id").asText()).isEqualTo("2");
        assertThatThrownBy(() -> client.generateShortLink("pages/nowhere/index", null, true))
                .isInstanceOfSatisfying(WxaCodeException.class, e -> assertThat(e.errcode()).isEqualTo(40066));
    }

    @Test
    void refusals_arrive_as_one_exception_with_wechats_code_and_message() {
        assertThatThrownBy(() -> client.getUnlimited(UnlimitedCode.of("")))
                .isInstanceOfSatisfying(WxaCodeException.class, e -> {
                    assertThat(e.errcode()).isEqualTo(40169);
                    assertThat(e.errmsg()).matches("invalid length for scene, or the data is not json string rid: [0-9a-f-]{26}");
                });
        assertThatThrownBy(() -> client.getUnlimited(UnlimitedCode.of("a").withPage("pages/nowhere")))
                .isInstanceOfSatisfying(WxaCodeException.class, e -> assertThat(e.errcode()).isEqualTo(41030));
        WxaCodeClient wrongSecret = WxaCodeClient.builder(s.url(""), SHOP, "ffffffffffffffffffffffffffffffff").build();
        assertThatThrownBy(() -> wrongSecret.getUnlimited(UnlimitedCode.of("a")))
                .isInstanceOfSatisfying(WxaCodeException.class, e -> assertThat(e.errcode()).isEqualTo(40125));
    }

    @Test
    void a_token_killed_elsewhere_is_replaced_and_the_call_retried_once() {
        client.getUnlimited(UnlimitedCode.of("first"));
        String before = client.accessToken();
        s.clock.advance(Duration.ofMinutes(1));
        // Another server of the same app force-refreshes the stable token: ours now answers 40001.
        s.post("/cgi-bin/stable_token", "{\"grant_type\":\"client_credential\",\"appid\":\"" + SHOP + "\",\"secret\":\""
                + SHOP_SECRET + "\",\"force_refresh\":true}");
        assertThat(stableTokenCalls(2)).as("the client's first fetch and the other server's").isEqualTo(2);
        CodeImage code = client.getUnlimited(UnlimitedCode.of("after"));
        assertThat(s.resolve(code.bytes()).get("decoded_scene").asText()).isEqualTo("after");
        assertThat(client.accessToken()).isNotEqualTo(before);
        assertThat(stableTokenCalls(3)).isEqualTo(3);
    }

    @Test
    void a_token_the_server_finds_expired_is_replaced_too() {
        client.getUnlimited(UnlimitedCode.of("first"));
        s.clock.advance(Duration.ofHours(3));
        assertThat(s.resolve(client.getUnlimited(UnlimitedCode.of("later")).bytes()).get("decoded_scene").asText())
                .isEqualTo("later");
    }

    @Test
    void the_token_is_renewed_before_it_expires_by_the_clients_clock() {
        MutableClock clientClock = new MutableClock(TestServer.START);
        WxaCodeClient timed = WxaCodeClient.builder(s.url(""), SHOP, SHOP_SECRET).clock(clientClock).build();
        timed.getUnlimited(UnlimitedCode.of("a"));
        assertThat(stableTokenCalls(1)).isEqualTo(1);
        clientClock.advance(Duration.ofSeconds(7139));
        timed.getUnlimited(UnlimitedCode.of("b"));
        assertThat(stableTokenCalls(1)).isEqualTo(1);
        clientClock.advance(Duration.ofSeconds(1));
        s.clock.advance(Duration.ofSeconds(7140));
        timed.getUnlimited(UnlimitedCode.of("c"));
        assertThat(stableTokenCalls(2)).isEqualTo(2);
    }

    @Test
    void concurrent_callers_share_one_token_fetch() throws Exception {
        List<Callable<String>> calls = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            String scene = "c=" + i;
            calls.add(() -> TestServer.decode(client.getUnlimited(UnlimitedCode.of(scene)).bytes()));
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (Future<String> text : pool.invokeAll(calls)) {
                assertThat(text.get()).contains("/L/");
            }
        }
        assertThat(stableTokenCalls(1)).isEqualTo(1);
    }

    @Test
    void an_unreachable_server_is_an_io_error() {
        WxaCodeClient nowhere = WxaCodeClient.builder("http://127.0.0.1:1", SHOP, SHOP_SECRET)
                .connectTimeout(Duration.ofSeconds(2)).build();
        assertThatThrownBy(() -> nowhere.getUnlimited(UnlimitedCode.of("a"))).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("cannot reach http://127.0.0.1:1");
    }

    @Test
    void errors_are_told_from_images_by_content_type_then_by_their_first_byte() {
        byte[] json = "{\"errcode\":40001}".getBytes();
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
        assertThat(WxaCodeClient.isError("application/json; encoding=utf-8", json)).isTrue();
        assertThat(WxaCodeClient.isError("application/json;charset=UTF-8", json)).isTrue();
        assertThat(WxaCodeClient.isError("text/plain", json)).isTrue();
        assertThat(WxaCodeClient.isError("image/jpeg", json)).as("relabelled by a proxy").isTrue();
        assertThat(WxaCodeClient.isError("", json)).isTrue();
        assertThat(WxaCodeClient.isError("image/jpeg", jpeg)).isFalse();
        assertThat(WxaCodeClient.isError("application/octet-stream", jpeg)).isFalse();
    }

    /**
     * Something between the client and the server (a proxy, a gateway) answering in its own way: a
     * tiny JDK server on loopback plays it, serving {@code /cgi-bin/stable_token} properly so the
     * call reaches the code path.
     */
    static HttpServer proxyAnswering(int status, String contentType, byte[] body) throws IOException {
        HttpServer proxy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        proxy.createContext("/cgi-bin/stable_token", exchange -> {
            byte[] grant = "{\"access_token\":\"t\",\"expires_in\":7200}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, grant.length);
            exchange.getResponseBody().write(grant);
            exchange.close();
        });
        proxy.createContext("/wxa/getwxacodeunlimit", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        proxy.start();
        return proxy;
    }

    static String url(HttpServer proxy) {
        return "http://127.0.0.1:" + proxy.getAddress().getPort();
    }

    @Test
    void a_reply_without_an_errcode_or_with_a_non_200_status_is_an_io_error_not_a_refusal() throws IOException {
        byte[] page = "<html>502 Bad Gateway</html>".getBytes(StandardCharsets.UTF_8);
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9};
        byte[] noErrcode = "{\"message\":\"upstream timed out\"}".getBytes(StandardCharsets.UTF_8);
        Object[][] cases = {{502, "text/html", page}, {503, "image/jpeg", jpeg}, {504, "application/json", noErrcode}};
        for (Object[] c : cases) {
            HttpServer proxy = proxyAnswering((int) c[0], (String) c[1], (byte[]) c[2]);
            try (WxaCodeClient behind = WxaCodeClient.builder(url(proxy), SHOP, SHOP_SECRET).build()) {
                assertThatThrownBy(() -> behind.getUnlimited(UnlimitedCode.of("a")))
                        .isExactlyInstanceOf(UncheckedIOException.class)
                        .hasMessageContaining("HTTP " + c[0]);
            } finally {
                proxy.stop(0);
            }
        }
    }

    @Test
    void the_extension_follows_the_media_type_whatever_its_parameters() {
        assertThat(new CodeImage(new byte[0], "image/png;charset=binary").extension()).isEqualTo("png");
        assertThat(new CodeImage(new byte[0], "image/jpeg; q=1").extension()).isEqualTo("jpg");
    }
}
