package dev.wxacode.compat;

import static dev.wxacode.server.TestServer.SHOP;
import static dev.wxacode.server.TestServer.SHOP_SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import cn.binarywang.wx.miniapp.api.WxMaService;
import cn.binarywang.wx.miniapp.api.impl.WxMaServiceImpl;
import cn.binarywang.wx.miniapp.api.impl.WxMaServiceOkHttpImpl;
import cn.binarywang.wx.miniapp.bean.WxMaCodeLineColor;
import cn.binarywang.wx.miniapp.bean.openapi.WxMiniGetApiQuotaResult;
import cn.binarywang.wx.miniapp.bean.openapi.WxMiniGetRidInfoResult;
import cn.binarywang.wx.miniapp.bean.scheme.WxMaGenerateSchemeRequest;
import cn.binarywang.wx.miniapp.bean.shortlink.GenerateShortLinkRequest;
import cn.binarywang.wx.miniapp.bean.urllink.GenerateUrlLinkRequest;
import cn.binarywang.wx.miniapp.bean.urllink.request.QueryUrlLinkRequest;
import cn.binarywang.wx.miniapp.bean.urllink.response.QueryUrlLinkResponse;
import cn.binarywang.wx.miniapp.config.impl.WxMaDefaultConfigImpl;
import com.fasterxml.jackson.databind.JsonNode;
import dev.wxacode.core.link.LinkUrl;
import dev.wxacode.server.ServerExtension;
import dev.wxacode.server.TestServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import me.chanjar.weixin.common.error.WxErrorException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * WxJava's mini-program client (com.github.binarywang:weixin-java-miniapp), unmodified, pointed at
 * wxacode with its own API host setting: the way a backend team uses wxacode in tests.
 */
class WxJavaTest {
    @RegisterExtension
    static final ServerExtension server = ServerExtension.shared();
    final TestServer s = server.get();

    /** Each of WxJava's HTTP flavours, with plain and stable tokens. */
    static Stream<Arguments> flavours() {
        return Stream.of(
                Arguments.of("Apache HttpClient, /cgi-bin/token", (Supplier<WxMaService>) WxMaServiceImpl::new, false),
                Arguments.of("Apache HttpClient, stable token", (Supplier<WxMaService>) WxMaServiceImpl::new, true),
                Arguments.of("OkHttp, /cgi-bin/token", (Supplier<WxMaService>) WxMaServiceOkHttpImpl::new, false));
    }

    WxMaService wxJava(Supplier<WxMaService> flavour, boolean stable) {
        WxMaDefaultConfigImpl config = new WxMaDefaultConfigImpl();
        config.setAppid(SHOP);
        config.setSecret(SHOP_SECRET);
        config.setApiHostUrl(s.url(""));
        config.useStableAccessToken(stable);
        WxMaService service = flavour.get();
        service.setWxMaConfig(config);
        service.setRetrySleepMillis(1);
        return service;
    }

    static BufferedImage image(byte[] bytes) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(bytes));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flavours")
    void a_default_code(String name, Supplier<WxMaService> flavour, boolean stable) throws Exception {
        WxMaService wx = wxJava(flavour, stable);
        assertThat(wx.getAccessToken()).hasSize(136);
        byte[] code = wx.getQrcodeService().createWxaCodeUnlimitBytes("id=42", "pages/detail/detail", true, "release", 430,
                false, null, false);
        assertThat(code).startsWith(0xFF, 0xD8, 0xFF);
        assertThat(image(code).getWidth()).isEqualTo(430);
        JsonNode launch = s.resolve(code);
        assertThat(launch.get("appid").asText()).isEqualTo(SHOP);
        assertThat(launch.get("page").asText()).isEqualTo("pages/detail/detail");
        assertThat(launch.get("query").get("scene").asText()).isEqualTo("id%3D42");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flavours")
    void hyaline_coloured_smallest_and_largest(String name, Supplier<WxMaService> flavour, boolean stable) throws Exception {
        WxMaService wx = wxJava(flavour, stable);
        byte[] hyaline = wx.getQrcodeService().createWxaCodeUnlimitBytes("h=1", null, true, "trial", 430, false,
                new WxMaCodeLineColor("0", "0", "200"), true);
        assertThat(hyaline).startsWith(0x89, 'P', 'N', 'G');
        assertThat(image(hyaline).getRGB(0, 0) >>> 24).isZero();
        assertThat(s.resolve(hyaline).get("env_version").asText()).isEqualTo("trial");
        for (int[] width : new int[][] {{280, 280}, {1280, 1280}, {100, 280}}) {
            byte[] code = wx.getQrcodeService().createWxaCodeUnlimitBytes("w=" + width[0], "pages/index/index", true,
                    "release", width[0], false, null, false);
            assertThat(image(code).getWidth()).isEqualTo(width[1]);
            assertThat(s.resolve(code).get("decoded_scene").asText()).isEqualTo("w=" + width[0]);
        }
        byte[] auto = wx.getQrcodeService().createWxaCodeUnlimitBytes("auto", null, true, "release", 430, true, null, false);
        assertThat(s.resolve(auto).get("decoded_scene").asText()).isEqualTo("auto");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flavours")
    void its_limited_codes_open_the_path_with_its_query(String name, Supplier<WxMaService> flavour, boolean stable)
            throws Exception {
        WxMaService wx = wxJava(flavour, stable);
        byte[] code = wx.getQrcodeService().createWxaCodeBytes("pages/detail/detail?id=7&from=wxjava", "trial", 600,
                false, new WxMaCodeLineColor("0", "0", "120"), false);
        assertThat(code).startsWith(0xFF, 0xD8, 0xFF);
        assertThat(image(code).getWidth()).isEqualTo(600);
        JsonNode launch = s.resolve(code);
        assertThat(launch.get("page").asText()).isEqualTo("pages/detail/detail");
        assertThat(launch.get("env_version").asText()).isEqualTo("trial");
        assertThat(launch.get("query").get("id").asText()).isEqualTo("7");
        assertThat(launch.get("query").get("from").asText()).isEqualTo("wxjava");
        assertThat(launch.get("scene").asInt()).isEqualTo(1047);

        byte[] qrcode = wx.getQrcodeService().createQrcodeBytes("pages/index/index?from=qr", 300);
        assertThat(image(qrcode).getWidth()).isEqualTo(300);
        JsonNode scanned = s.resolve(qrcode);
        assertThat(scanned.get("query").get("from").asText()).isEqualTo("qr");
        assertThat(scanned.get("scene").asInt()).isEqualTo(1011);

        assertThatThrownBy(() -> wx.getQrcodeService().createQrcodeBytes("pages/index/index?q=" + "x".repeat(120), 430))
                .isInstanceOfSatisfying(WxErrorException.class, e -> assertThat(e.getError().getErrorCode()).isEqualTo(40159));
        assertThatThrownBy(() -> wx.getQrcodeService().createWxaCodeBytes("pages/nowhere/index", null, 430, false, null,
                false))
                .isInstanceOfSatisfying(WxErrorException.class, e -> assertThat(e.getError().getErrorCode()).isEqualTo(41030));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flavours")
    void its_scheme_and_link_services_make_links_that_open_the_page_and_it_queries_them(String name,
            Supplier<WxMaService> flavour, boolean stable) throws Exception {
        WxMaService wx = wxJava(flavour, stable);
        long now = s.clock.instant().getEpochSecond();
        String scheme = wx.getWxMaSchemeService().generate(WxMaGenerateSchemeRequest.newBuilder()
                .jumpWxa(WxMaGenerateSchemeRequest.JumpWxa.newBuilder().path("pages/detail/detail").query("id=3")
                        .envVersion("trial").build())
                .isExpire(true).expireTime(now + 3600).build());
        assertThat(scheme).startsWith("weixin://dl/business/?t=");
        JsonNode opened = TestServer.json(s.get("/L/" + LinkUrl.tokenOf(scheme).orElseThrow()));
        assertThat(opened.get("page").asText()).isEqualTo("pages/detail/detail");
        assertThat(opened.get("query").get("id").asText()).isEqualTo("3");
        assertThat(opened.get("scene").asInt()).isEqualTo(1065);

        // WxJava's builder leaves env_version out, as it does against WeChat: release.
        String link = wx.getLinkService().generateUrlLink(GenerateUrlLinkRequest.builder().path("pages/index/index")
                .query("from=wxjava").expireType(1).expireInterval(2).build());
        QueryUrlLinkResponse info = wx.getLinkService().queryUrlLink(QueryUrlLinkRequest.builder().urlLink(link).build());
        assertThat(info.getUrlLinkInfo().getPath()).isEqualTo("pages/index/index");
        assertThat(info.getUrlLinkInfo().getQuery()).isEqualTo("from=wxjava");
        assertThat(info.getUrlLinkInfo().getEnvVersion()).isEqualTo("release");
        assertThat(info.getUrlLinkInfo().getExpireTime()).isEqualTo(now + 2 * 86400);
        assertThat(info.getUrlLinkInfo().getAppid()).isEqualTo(SHOP);

        assertThatThrownBy(() -> wx.getWxMaSchemeService().generate(WxMaGenerateSchemeRequest.newBuilder()
                .jumpWxa(WxMaGenerateSchemeRequest.JumpWxa.newBuilder().path("pages/nowhere/index").build()).build()))
                .isInstanceOfSatisfying(WxErrorException.class, e -> assertThat(e.getError().getErrorCode()).isEqualTo(40165));
        assertThatThrownBy(() -> wx.getLinkService().generateUrlLink(GenerateUrlLinkRequest.builder()
                .expireType(1).expireInterval(31).build()))
                .isInstanceOfSatisfying(WxErrorException.class, e -> assertThat(e.getError().getErrorCode()).isEqualTo(85401));

        String shortLink = wx.getLinkService().generateShortLink(GenerateShortLinkRequest.builder()
                .pageUrl("pages/detail/detail?id=4").pageTitle("Sale").isPermanent(false).build());
        assertThat(shortLink).startsWith("#小程序://Shop/Sale/");
        JsonNode shortOpened = TestServer.json(s.get("/L/" + LinkUrl.tokenOf(shortLink).orElseThrow()));
        assertThat(shortOpened.get("query").get("id").asText()).isEqualTo("4");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flavours")
    void refusals_arrive_as_wxjavas_own_exception_with_our_errcode(String name, Supplier<WxMaService> flavour, boolean stable) {
        WxMaService wx = wxJava(flavour, stable);
        assertThatThrownBy(() -> wx.getQrcodeService().createWxaCodeUnlimitBytes("a b", "pages/index/index", true,
                "release", 430, false, null, false))
                .isInstanceOfSatisfying(WxErrorException.class, e -> {
                    assertThat(e.getError().getErrorCode()).isEqualTo(40129);
                    assertThat(e.getError().getErrorMsg()).startsWith("invalid scene rid: ");
                });
        assertThatThrownBy(() -> wx.getQrcodeService().createWxaCodeUnlimitBytes("a", "pages/nowhere/index", true,
                "release", 430, false, null, false))
                .isInstanceOfSatisfying(WxErrorException.class, e -> assertThat(e.getError().getErrorCode()).isEqualTo(41030));
        assertThatThrownBy(() -> wx.getQrcodeService().createWxaCodeUnlimitBytes("a".repeat(33), null, true,
                "release", 430, false, null, false))
                .isInstanceOfSatisfying(WxErrorException.class, e -> assertThat(e.getError().getErrorCode()).isEqualTo(40169));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flavours")
    void its_openapi_service_reads_quotas_and_finds_a_refused_call_by_its_rid(String name, Supplier<WxMaService> flavour,
                                                                               boolean stable) throws Exception {
        WxMaService wx = wxJava(flavour, stable);
        // WxJava 4.7's quota class is not public, so only toString shows what Gson read. It reads no
        // rate_limit (its field has no snake_case name, from WeChat either); the quota it reads whole.
        WxMiniGetApiQuotaResult tokens = wx.getWxMaOpenApiService().getApiQuota(stable ? "/cgi-bin/stable_token" : "/cgi-bin/token");
        assertThat(tokens.toString()).contains(stable ? "dailyLimit=500000, used=1, remain=499999" : "dailyLimit=2000, used=");
        WxMiniGetApiQuotaResult codes = wx.getWxMaOpenApiService().getApiQuota("/wxa/getwxacodeunlimit");
        assertThat(codes.toString()).contains("dailyLimit=0, used=0, remain=0");

        WxErrorException refused = catchThrowableOfType(WxErrorException.class, () -> wx.getQrcodeService()
                .createWxaCodeUnlimitBytes("a", "pages/nowhere/index", true, "release", 430, false, null, false));
        // WxJava puts its own Chinese text in getErrorMsg for 41030; the reply as sent is getJson.
        String answer = refused.getError().getJson();
        WxMiniGetRidInfoResult call = wx.getWxMaOpenApiService().getRidInfo(answer.substring(answer.indexOf("rid: ") + 5,
                answer.lastIndexOf('"')));
        assertThat(call.getInvokeTime()).isEqualTo((int) s.clock.instant().getEpochSecond());
        assertThat(call.getRequestUrl()).isEqualTo("access_token=[redacted]");
        assertThat(call.getRequestBody()).contains("\"page\":\"pages/nowhere/index\"");
        assertThat(call.getResponseBody()).isEqualTo(answer);
        assertThat(call.getClientIp()).isEqualTo("127.xx.0.1");
        assertThat(wx.getWxMaOpenApiService().clearQuotaByAppSecret()).isTrue();
        assertThatThrownBy(() -> wx.getWxMaOpenApiService().getApiQuota("/cgi-bin/nothing"))
                .isInstanceOfSatisfying(WxErrorException.class, e -> assertThat(e.getError().getErrorCode()).isEqualTo(76021));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flavours")
    void a_superseded_token_is_replaced_by_wxjava_itself(String name, Supplier<WxMaService> flavour, boolean stable) throws Exception {
        WxMaService wx = wxJava(flavour, stable);
        wx.getQrcodeService().createWxaCodeUnlimitBytes("before", null, true, "release", 430, false, null, false);
        // Another server of the same app takes a new token: WxJava's dies after the grace (40001 "not latest").
        s.token(SHOP, SHOP_SECRET);
        s.post("/cgi-bin/stable_token", "{\"grant_type\":\"client_credential\",\"appid\":\"" + SHOP + "\",\"secret\":\""
                + SHOP_SECRET + "\",\"force_refresh\":true}");
        s.clock.advance(Duration.ofMinutes(6));
        byte[] code = wx.getQrcodeService().createWxaCodeUnlimitBytes("after", null, true, "release", 430, false, null, false);
        assertThat(s.resolve(code).get("decoded_scene").asText()).isEqualTo("after");
    }

    /** The test a backend team writes with a fault rule: its WeChat client must live through an expired token. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("flavours")
    void tokens_expired_on_demand_are_refreshed_by_wxjava_itself(String name, Supplier<WxMaService> flavour, boolean stable)
            throws Exception {
        WxMaService wx = wxJava(flavour, stable);
        wx.getQrcodeService().createWxaCodeUnlimitBytes("before", null, true, "release", 430, false, null, false);
        assertThat(s.admin("POST", "/admin/apps/" + SHOP + "/tokens/expire", null).statusCode()).isEqualTo(200);
        byte[] code = wx.getQrcodeService().createWxaCodeUnlimitBytes("after", null, true, "release", 430, false, null, false);
        assertThat(s.resolve(code).get("decoded_scene").asText()).isEqualTo("after");
    }

    /** WxJava retries WeChat's -1 by itself, and hands 45009 to the caller: fault rules show both. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("flavours")
    void injected_system_errors_are_retried_and_a_minute_limit_reaches_the_caller(String name, Supplier<WxMaService> flavour,
                                                                                  boolean stable) throws Exception {
        WxMaService wx = wxJava(flavour, stable);
        String faults = "/admin/apps/" + SHOP + "/faults";
        try {
            s.admin("POST", faults, "{\"endpoint\":\"/wxa/getwxacodeunlimit\",\"errcode\":-1,\"times\":2}");
            byte[] code = wx.getQrcodeService().createWxaCodeUnlimitBytes("retried", null, true, "release", 430, false, null, false);
            assertThat(s.resolve(code).get("decoded_scene").asText()).isEqualTo("retried");
            assertThat(TestServer.json(s.admin("GET", faults, null)).get("faults")).as("both -1 answers used").isEmpty();

            s.admin("POST", faults, "{\"endpoint\":\"/wxa/getwxacodeunlimit\",\"errcode\":45009,\"times\":1}");
            assertThatThrownBy(() -> wx.getQrcodeService().createWxaCodeUnlimitBytes("limited", null, true, "release", 430,
                    false, null, false))
                    .isInstanceOfSatisfying(WxErrorException.class, e -> {
                        assertThat(e.getError().getErrorCode()).isEqualTo(45009);
                        // WxJava shows its own words for a code it knows; the reply it read is WeChat's.
                        assertThat(e.getError().getJson()).contains("\"errmsg\":\"reach max api daily quota limit rid: ");
                    });
        } finally {
            s.admin("DELETE", faults, null);
        }
    }
}
