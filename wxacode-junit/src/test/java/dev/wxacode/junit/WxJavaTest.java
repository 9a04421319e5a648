package dev.wxacode.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import cn.binarywang.wx.miniapp.api.WxMaService;
import cn.binarywang.wx.miniapp.bean.WxMaCodeLineColor;
import cn.binarywang.wx.miniapp.bean.urllink.GenerateUrlLinkRequest;
import cn.binarywang.wx.miniapp.bean.urllink.request.QueryUrlLinkRequest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.wxacode.core.wire.Endpoint;
import dev.wxacode.server.fault.FaultRule;
import dev.wxacode.server.requests.LoggedRequest;
import dev.wxacode.server.requests.Warning;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import me.chanjar.weixin.common.error.WxErrorException;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The extension on a static field, as a backend team uses it: WxJava, unmodified, against the
 * class's server, with the failures a test asks for. The order matters only for the pair that
 * shows a rule ending with its test.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WxJavaTest {
    static final String SHOP = "wx1234567890abcdef";

    @RegisterExtension
    static final WxacodeExtension wx = WxacodeExtension.withSeed("wxacode-seed.json");

    final WxMaService shop = WxJava.client(wx, SHOP);

    @Test
    void the_seed_apps_come_with_their_secrets_in_file_order() {
        assertThat(wx.apps()).containsExactly(new SeededApp(SHOP, "0123456789abcdef0123456789abcdef"),
                new SeededApp("wxfedcba0987654321", "fedcba9876543210fedcba9876543210"));
        assertThat(wx.baseUrl()).isEqualTo("http://127.0.0.1:" + wx.port());
        assertThatThrownBy(() -> wx.app("wx0000000000000000"))
                .hasMessage("no app wx0000000000000000 in the seed; it has [wx1234567890abcdef, wxfedcba0987654321]");
    }

    @Test
    void wxjava_gets_a_token_and_a_code_that_opens_the_page_with_its_scene() throws Exception {
        assertThat(shop.getAccessToken()).hasSize(136);
        byte[] code = WxJava.code(shop, "id=42");
        assertThat(code).startsWith(0xFF, 0xD8, 0xFF);
        JsonNode launch = WxJava.open(wx, code);
        assertThat(launch.get("appid").asText()).isEqualTo(SHOP);
        assertThat(launch.get("page").asText()).isEqualTo(WxJava.HOME);
        assertThat(launch.get("env_version").asText()).isEqualTo("release");
        assertThat(launch.get("decoded_scene").asText()).isEqualTo("id=42");
    }

    @Test
    void an_injected_42001_is_refreshed_through_by_wxjava() throws Exception {
        String before = shop.getAccessToken();
        FaultRule rule = wx.addFault(SHOP, Fault.errcode(42001).withEndpoint(Endpoint.GET_UNLIMITED).withTimes(1));
        assertThat(wx.faults(SHOP)).containsExactly(rule);

        byte[] code = WxJava.code(shop, "after-42001");

        assertThat(WxJava.open(wx, code).get("decoded_scene").asText()).isEqualTo("after-42001");
        assertThat(wx.faults(SHOP)).as("the one 42001 was answered").isEmpty();
        assertThat(shop.getAccessToken()).as("WxJava fetched a new token").isNotEqualTo(before);
    }

    @Test
    void a_45029_asked_for_on_wxacode_get_reaches_wxjava_once_and_the_next_code_opens_its_path() throws Exception {
        wx.addFault(SHOP, Fault.errcode(45029).withEndpoint(Endpoint.GET_CODE).withPage("pages/index/.*").withTimes(1));
        assertThatThrownBy(() -> shop.getQrcodeService().createWxaCodeBytes("pages/index/index?id=1", null, 430, false,
                null, false))
                .isInstanceOfSatisfying(WxErrorException.class, e -> assertThat(e.getError().getErrorCode()).isEqualTo(45029));
        byte[] code = shop.getQrcodeService().createWxaCodeBytes("pages/index/index?id=1", null, 430, false, null, false);
        JsonNode launch = WxJava.open(wx, code);
        assertThat(launch.get("page").asText()).isEqualTo("pages/index/index");
        assertThat(launch.get("query").get("id").asText()).isEqualTo("1");
    }

    @Test
    void a_fault_on_url_links_reaches_wxjava_and_the_request_log_keeps_both_calls() throws Exception {
        wx.addFault(SHOP, Fault.errcode(44993).withEndpoint(Endpoint.GENERATE_URLLINK).withTimes(1));
        GenerateUrlLinkRequest request = GenerateUrlLinkRequest.builder().path("pages/detail/detail").query("id=1")
                .expireType(1).expireInterval(30).build();
        assertThatThrownBy(() -> shop.getLinkService().generateUrlLink(request))
                .isInstanceOfSatisfying(WxErrorException.class, e -> assertThat(e.getError().getErrorCode()).isEqualTo(44993));
        String link = shop.getLinkService().generateUrlLink(request);
        assertThat(shop.getLinkService().queryUrlLink(QueryUrlLinkRequest.builder().urlLink(link).build())
                .getUrlLinkInfo().getPath()).isEqualTo("pages/detail/detail");
        assertThat(wx.requests(SHOP)).filteredOn(call -> call.route().equals("/wxa/generate_urllink"))
                .extracting(LoggedRequest::errcode).containsExactly(44993, 0);
    }

    @Test
    @Order(1)
    void a_45009_reaches_the_caller_for_as_long_as_the_rule_lasts() {
        wx.addFault(SHOP, Fault.errcode(45009).withEndpoint(Endpoint.GET_UNLIMITED));
        for (int call = 0; call < 2; call++) {
            assertThatThrownBy(() -> WxJava.code(shop, "limited"))
                    .isInstanceOfSatisfying(WxErrorException.class, e -> {
                        assertThat(e.getError().getErrorCode()).isEqualTo(45009);
                        assertThat(e.getError().getJson()).contains("\"errmsg\":\"reach max api daily quota limit rid: ");
                    });
        }
        assertThat(wx.faults(SHOP)).hasSize(1);
    }

    @Test
    @Order(2)
    void the_rule_and_the_calls_of_the_test_before_ended_with_it() throws Exception {
        assertThat(wx.faults(SHOP)).isEmpty();
        assertThat(wx.requests(SHOP)).isEmpty();
        assertThat(WxJava.open(wx, WxJava.code(shop, "free")).get("decoded_scene").asText()).isEqualTo("free");
    }

    @Test
    void the_request_log_shows_wxjavas_calls_redacted_with_their_warnings() throws Exception {
        String token = shop.getAccessToken();
        // auto_color true with a line_color: WeChat draws the code without a word, the log warns.
        shop.getQrcodeService().createWxaCodeUnlimitBytes("colour", WxJava.HOME, true, "release", 430, true,
                new WxMaCodeLineColor("0", "0", "200"), false);

        List<LoggedRequest> calls = wx.requests(SHOP);

        assertThat(calls).extracting(LoggedRequest::method, LoggedRequest::route, LoggedRequest::status, LoggedRequest::errcode)
                .containsExactly(tuple("GET", "/cgi-bin/token", 200, 0), tuple("POST", "/wxa/getwxacodeunlimit", 200, 0));
        LoggedRequest tokenCall = calls.get(0);
        assertThat(tokenCall.query().get("appid").asText()).isEqualTo(SHOP);
        assertThat(tokenCall.query().get("secret").asText()).isEqualTo("[redacted]");
        assertThat(tokenCall.warnings()).as("no token of an earlier test counts against this one").isEmpty();
        LoggedRequest codeCall = calls.get(1);
        assertThat(codeCall.query().get("access_token").asText()).isEqualTo("[redacted]");
        assertThat(codeCall.fields().get("scene").asText()).isEqualTo("colour");
        assertThat(codeCall.warnings()).extracting(Warning::code).containsExactly("line_color_ignored");
        assertThat(codeCall.rid()).isNotBlank();
        assertThat(calls.toString()).doesNotContain(token).doesNotContain(wx.app(SHOP).secret());
    }

    @Test
    void expired_and_superseded_tokens_are_replaced_by_wxjava() throws Exception {
        String first = shop.getAccessToken();
        wx.expireTokens(SHOP);
        assertThat(WxJava.open(wx, WxJava.code(shop, "expired")).get("decoded_scene").asText()).isEqualTo("expired");
        String second = shop.getAccessToken();
        assertThat(second).isNotEqualTo(first);

        wx.supersedeTokens(SHOP);
        assertThat(WxJava.open(wx, WxJava.code(shop, "superseded")).get("decoded_scene").asText()).isEqualTo("superseded");
        assertThat(shop.getAccessToken()).isNotEqualTo(second);
    }

    @Test
    void a_scene_pattern_picks_the_calls_it_fails() throws Exception {
        wx.addFault(SHOP, Fault.errcode(45009).withScene("vip-.*"));
        assertThatThrownBy(() -> WxJava.code(shop, "vip-7"))
                .isInstanceOfSatisfying(WxErrorException.class, e -> assertThat(e.getError().getErrorCode()).isEqualTo(45009));
        assertThat(WxJava.open(wx, WxJava.code(shop, "guest-7")).get("decoded_scene").asText()).isEqualTo("guest-7");
    }

    @Test
    void a_dropped_call_reaches_wxjava_as_a_lost_connection() throws Exception {
        shop.getAccessToken();
        wx.addFault(SHOP, Fault.drop().withEndpoint(Endpoint.GET_UNLIMITED).withTimes(1));
        assertThatThrownBy(() -> WxJava.code(shop, "dropped")).isNotInstanceOf(WxErrorException.class)
                .hasRootCauseInstanceOf(org.apache.http.NoHttpResponseException.class);
        assertThat(WxJava.open(wx, WxJava.code(shop, "again")).get("decoded_scene").asText()).isEqualTo("again");
    }

    @Test
    void every_field_of_a_fault_reaches_the_rule() {
        FaultRule rule = wx.addFault(SHOP, Fault.delay(Duration.ofMillis(10), Duration.ofMillis(20))
                .withEndpoint(Endpoint.GET_UNLIMITED).withScene("a.*").withPage("pages/.*").withTimes(3)
                .withLasting(Duration.ofMinutes(5)).withPercent(50, 7));

        assertThat(rule.appid()).isEqualTo(SHOP);
        assertThat(rule.action()).isEqualTo(new FaultRule.Action.Delay(Duration.ofMillis(10), Duration.ofMillis(20)));
        assertThat(rule.endpoint()).contains(Endpoint.GET_UNLIMITED);
        assertThat(rule.scene().map(Pattern::pattern)).contains("a.*");
        assertThat(rule.page().map(Pattern::pattern)).contains("pages/.*");
        assertThat(rule.times()).isEqualTo(OptionalInt.of(3));
        assertThat(rule.until()).contains(rule.createdAt().plus(Duration.ofMinutes(5)));
        assertThat(rule.percent()).isEqualTo(OptionalInt.of(50));
        assertThat(rule.seed()).isEqualTo(7);
        assertThat(rule.persist()).isFalse();
        assertThat(wx.faults(SHOP)).containsExactly(rule);

        FaultRule slow = wx.addFault(SHOP, Fault.slow(100));
        assertThat(slow.action()).isEqualTo(new FaultRule.Action.Slow(100));
        assertThat(slow.endpoint()).isEqualTo(Optional.empty());
        assertThat(slow.times()).isEqualTo(OptionalInt.empty());
        assertThat(wx.removeFault(SHOP, rule.id())).isTrue();
        assertThat(wx.faults(SHOP)).containsExactly(slow);
        wx.clearFaults(SHOP);
        assertThat(wx.faults(SHOP)).isEqualTo(List.of());
    }

    @Test
    void a_fault_the_server_refuses_says_why() {
        assertThatThrownBy(() -> wx.addFault(SHOP, Fault.errcode(12345)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid argument: errcode 12345 is not one WeChat answers (see docs/testing.md)");
        assertThatThrownBy(() -> wx.addFault(SHOP, Fault.errcode(-1).withPercent(101, 0)))
                .hasMessage("invalid argument: percent must be from 1 to 100");
        assertThatThrownBy(() -> wx.addFault("wx0000000000000000", Fault.drop()))
                .hasMessage("no app wx0000000000000000 in the seed; it has [wx1234567890abcdef, wxfedcba0987654321]");
    }
}
