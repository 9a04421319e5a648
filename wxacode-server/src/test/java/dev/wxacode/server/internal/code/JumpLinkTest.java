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
import dev.wxacode.core.link.LinkUrl;
import dev.wxacode.core.wire.Errcode;
import dev.wxacode.server.ServerExtension;
import dev.wxacode.server.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** URL Scheme, URL Link and Short Link: generated, queried, opened like a scanned code, and expired. */
class JumpLinkTest {
    static final String SCHEME = "/wxa/generatescheme?access_token=";
    static final String URLLINK = "/wxa/generate_urllink?access_token=";

    @RegisterExtension
    final ServerExtension server = ServerExtension.fresh("WXACODE_LINK_DAILY_LIMIT", "8",
            "WXACODE_PERMANENT_SHORT_LINKS_PER_APP", "2", "WXACODE_LINK_VISIT_DAILY_LIMIT", "3");
    final TestServer s = server.get();
    final String token = server.shopToken();
    final long now = s.clock.instant().getEpochSecond();

    JsonNode ok(HttpResponse<byte[]> response) {
        assertThat(response.headers().firstValue("Content-Type")).hasValue(CHARSET);
        JsonNode json = TestServer.json(response);
        assertThat(json.get("errcode").asInt()).as(json.toString()).isZero();
        assertThat(json.get("errmsg").asText()).isEqualTo("ok");
        return json;
    }

    /** What opening the link tells, as a phone that follows it would see. */
    JsonNode open(String link) {
        return TestServer.json(s.get("/L/" + LinkUrl.tokenOf(link).orElseThrow()));
    }

    @Test
    void a_scheme_opens_its_page_with_its_query_and_is_told_by_queryscheme() {
        JsonNode made = ok(s.post(SCHEME + token, """
                {"jump_wxa":{"path":"pages/detail/detail","query":"id=42&from=sms","env_version":"trial"},
                 "is_expire":true,"expire_type":1,"expire_interval":7}"""));
        assertThat(made.size()).isEqualTo(3);
        String scheme = made.get("openlink").asText();
        assertThat(scheme).matches("weixin://dl/business/\\?t=[A-Z2-7]{20,40}");

        JsonNode opened = open(scheme);
        assertThat(opened.get("appid").asText()).isEqualTo(SHOP);
        assertThat(opened.get("page").asText()).isEqualTo("pages/detail/detail");
        assertThat(opened.get("env_version").asText()).isEqualTo("trial");
        assertThat(TestServer.JSON.convertValue(opened.get("query"), Map.class)).containsExactly(
                Map.entry("id", "42"), Map.entry("from", "sms"), Map.entry("scancode_time", Long.toString(now)));
        assertThat(opened.get("scene").asInt()).isEqualTo(1065);
        String page = TestServer.text(s.send(HttpRequest.newBuilder(URI.create(s.url("/L/" + LinkUrl.tokenOf(scheme).orElseThrow())))
                .header("Accept", "text/html")));
        assertThat(page).contains("<code>pages/detail/detail</code>", "onLoad(query).from</dt><dd><code>sms</code>",
                "<code>1065</code> (a URL Scheme opened)");

        JsonNode info = ok(s.post("/wxa/queryscheme?access_token=" + token, "{\"scheme\":\"" + scheme + "\"}"));
        assertThat(info.get("scheme_info").toString()).isEqualTo("{\"appid\":\"" + SHOP + "\",\"path\":\"pages/detail/detail\","
                + "\"query\":\"id=42&from=sms\",\"create_time\":" + now + ",\"expire_time\":" + (now + 7 * 86400)
                + ",\"env_version\":\"trial\"}");
        // A page's own &cq=… after the ticket is the same scheme.
        assertThat(ok(s.post("/wxa/queryscheme?access_token=" + token, "{\"scheme\":\"" + scheme + "&cq=a%3D1\"}"))
                .get("scheme_info").get("path").asText()).isEqualTo("pages/detail/detail");
    }

    @Test
    void a_url_link_opens_on_this_server_and_is_told_by_query_urllink() {
        JsonNode made = ok(s.post(URLLINK + token, """
                {"path":"pages/index/index","query":"a=1","expire_time":%d,
                 "cloud_base":{"env":"prod-1","domain":"","path":"/jump.html","query":"","resource_appid":""}}"""
                .formatted(now + 3600)));
        String link = made.get("url_link").asText();
        assertThat(link).startsWith(s.server().publicUrl().toUpperCase(java.util.Locale.ROOT) + "/L/");
        JsonNode opened = open(link);
        assertThat(opened.get("page").asText()).isEqualTo("pages/index/index");
        assertThat(opened.get("query").get("a").asText()).isEqualTo("1");
        assertThat(opened.get("scene").asInt()).isEqualTo(1194);

        JsonNode info = ok(s.post("/wxa/query_urllink?access_token=" + token, "{\"url_link\":\"" + link + "\"}"));
        assertThat(info.get("url_link_info").get("expire_time").asLong()).isEqualTo(now + 3600);
        assertThat(info.get("url_link_info").get("cloud_base").toString())
                .isEqualTo("{\"env\":\"prod-1\",\"domain\":\"\",\"path\":\"/jump.html\",\"query\":\"\",\"resource_appid\":\"\"}");
        assertThat(info.get("url_link_info").get("env_version").asText()).isEqualTo("release");
        // A scheme is not a URL link, nor the other way round.
        assertError(s.post("/wxa/queryscheme?access_token=" + token, "{\"scheme\":\"" + link + "\"}"),
                Errcode.LINK_NOT_FOUND, CHARSET, s);
    }

    @Test
    void without_a_path_the_link_opens_the_home_page_and_without_an_expiry_it_lasts_30_days() {
        String game = s.token(GAME, GAME_SECRET);
        String scheme = ok(s.post(SCHEME + game, "{}")).get("openlink").asText();
        assertThat(open(scheme).get("page").asText()).isEqualTo("game/index");
        JsonNode info = ok(s.post("/wxa/queryscheme?access_token=" + game, "{\"scheme\":\"" + scheme + "\"}"));
        assertThat(info.get("scheme_info").get("expire_time").asLong()).isEqualTo(now + 30 * 86400);

        s.clock.advance(Duration.ofDays(30));
        JsonNode expired = TestServer.json(s.get("/L/" + LinkUrl.tokenOf(scheme).orElseThrow()));
        assertThat(expired.get("errcode").asInt()).isEqualTo(Errcode.LINK_EXPIRED.code());
        // Still the app's link: its query tells it, expiry and all.
        String later = s.token(GAME, GAME_SECRET);
        assertThat(ok(s.post("/wxa/queryscheme?access_token=" + later, "{\"scheme\":\"" + scheme + "\"}"))
                .get("scheme_info").get("expire_time").asLong()).isEqualTo(now + 30 * 86400);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"jump_wxa":{"path":"pages/nowhere/index"}}                          | INVALID_WEAPP_PAGEPATH
            {"jump_wxa":{"path":"pages/trial/index","env_version":"trial"}}      | INVALID_WEAPP_PAGEPATH
            {"jump_wxa":{"path":"/pages/index/index"}}                           | INVALID_WEAPP_PAGEPATH
            {"jump_wxa":{"path":"pages/index/index?a=1"}}                        | INVALID_WEAPP_PAGEPATH
            {"jump_wxa":{"query":"a=<b>"}}                                       | INVALID_QUERY
            {"jump_wxa":{"env_version":"prod"}}                                  | INVALID_LINK_ENV_VERSION
            {"expire_type":1,"expire_interval":31}                              | INVALID_EXPIRY
            {"expire_type":1}                                                    | INVALID_EXPIRY
            {"expire_time":1}                                                    | INVALID_EXPIRY
            {"expire_type":2}                                                    | DATA_FORMAT_ERROR
            {"jump_wxa":"pages/index/index"}                                     | DATA_FORMAT_ERROR
            {"jump_wxa":{"page":"pages/index/index"}}                            | DATA_FORMAT_ERROR
            {"expire_time":"soon"}                                               | DATA_FORMAT_ERROR
            {"cloud_base":{"env":"x"}}                                           | DATA_FORMAT_ERROR
            """)
    void a_bad_scheme_body_gets_its_errcode(String body, Errcode errcode) {
        assertError(s.post(SCHEME + token, body), errcode, CHARSET, s);
    }

    @Test
    void an_expiry_past_30_days_and_a_query_too_long_are_refused() {
        assertError(s.post(SCHEME + token, "{\"expire_time\":" + (now + 30 * 86400 + 1) + "}"), Errcode.INVALID_EXPIRY,
                CHARSET, s);
        assertThat(ok(s.post(SCHEME + token, "{\"expire_time\":" + (now + 30 * 86400) + "}")).has("openlink")).isTrue();
        assertError(s.post(URLLINK + token, "{\"query\":\"" + "q".repeat(1025) + "\"}"), Errcode.INVALID_QUERY, CHARSET, s);
        assertThat(ok(s.post(URLLINK + token, "{\"query\":\"" + "q".repeat(1024) + "\"}")).has("url_link")).isTrue();
        assertError(s.post(URLLINK + token, "{\"cloud_base\":\"prod\"}"), Errcode.DATA_FORMAT_ERROR, CHARSET, s);
        assertError(s.post(URLLINK + token, "{\"cloud_base\":{\"bucket\":\"x\"}}"), Errcode.DATA_FORMAT_ERROR, CHARSET, s);
    }

    @Test
    void an_app_without_a_release_an_official_account_and_a_bad_token_are_refused_in_wechats_order() {
        String unpublished = s.token(UNPUBLISHED, UNPUBLISHED_SECRET);
        assertError(s.post(SCHEME + unpublished, "{}"), Errcode.NO_ONLINE_RELEASE, CHARSET, s);
        assertError(s.post(URLLINK + s.token(OFFICIAL, OFFICIAL_SECRET), "{}"), Errcode.API_UNAUTHORIZED, ENCODING, s);
        assertError(s.post(URLLINK + "nope", "{}"), Errcode.INVALID_CREDENTIAL, ENCODING, s);
        assertError(s.post(URLLINK + token, ""), Errcode.EMPTY_POST_DATA, CHARSET, s);
        assertError(s.get(SCHEME + token), Errcode.REQUIRE_POST_METHOD, CHARSET, s);
    }

    @Test
    void queries_find_only_the_apps_own_links() {
        String scheme = ok(s.post(SCHEME + token, "{}")).get("openlink").asText();
        String game = s.token(GAME, GAME_SECRET);
        assertError(s.post("/wxa/queryscheme?access_token=" + game, "{\"scheme\":\"" + scheme + "\"}"),
                Errcode.LINK_NOT_FOUND, CHARSET, s);
        assertError(s.post("/wxa/queryscheme?access_token=" + token, "{\"scheme\":\"weixin://dl/business/?t=AAAA\"}"),
                Errcode.LINK_NOT_FOUND, CHARSET, s);
        assertError(s.post("/wxa/query_urllink?access_token=" + token, "{}"), Errcode.INVALID_ENV_VERSION, CHARSET, s);
    }

    @Test
    void schemes_and_url_links_share_a_daily_limit_that_getapiquota_tells() {
        for (int i = 0; i < 4; i++) {
            ok(s.post(SCHEME + token, "{}"));
            ok(s.post(URLLINK + token, "{}"));
        }
        assertError(s.post(SCHEME + token, "{}"), Errcode.LINK_DAILY_LIMIT, CHARSET, s);
        assertError(s.post(URLLINK + token, "{}"), Errcode.LINK_DAILY_LIMIT, CHARSET, s);
        // A refused value is no link: it does not count either.
        assertThat(TestServer.text(s.post("/cgi-bin/openapi/quota/get?access_token=" + token,
                "{\"cgi_path\":\"/wxa/generate_urllink\"}")))
                .isEqualTo("{\"errcode\":0,\"errmsg\":\"ok\",\"quota\":{\"daily_limit\":8,\"used\":8,\"remain\":0}}");
        s.clock.advance(Duration.ofDays(1));
        assertThat(ok(s.post(SCHEME + server.shopToken(), "{}")).has("openlink")).isTrue();
    }

    @Test
    void a_short_link_names_the_app_and_title_and_opens_its_page_for_30_days_or_for_good() {
        String shortLinks = "/wxa/genwxashortlink?access_token=" + token;
        String link = ok(s.post(shortLinks, "{\"page_url\":\"pages/detail/detail?id=6\",\"page_title\":\"Spring sale\"}"))
                .get("link").asText();
        assertThat(link).matches("#小程序://Shop/Spring sale/[A-Z2-7]{20,40}");
        JsonNode opened = open(link);
        assertThat(opened.get("page").asText()).isEqualTo("pages/detail/detail");
        assertThat(opened.get("query").get("id").asText()).isEqualTo("6");
        assertThat(opened.get("scene").asInt()).isEqualTo(1000);

        String forGood = ok(s.post(shortLinks, "{\"page_url\":\"pages/index/index\",\"is_permanent\":true}"))
                .get("link").asText();
        assertThat(forGood).matches("#小程序://Shop/[A-Z2-7]{20,40}");
        s.clock.advance(Duration.ofDays(31));
        assertThat(open(link).get("errcode").asInt()).isEqualTo(Errcode.LINK_EXPIRED.code());
        assertThat(open(forGood).get("page").asText()).isEqualTo("pages/index/index");
    }

    @Test
    void a_short_link_is_refused_for_a_bad_url_or_title_and_past_the_permanent_ones() {
        String shortLinks = "/wxa/genwxashortlink?access_token=" + token;
        assertError(s.post(shortLinks, "{}"), Errcode.INVALID_URL, CHARSET, s);
        assertError(s.post(shortLinks, "{\"page_url\":\"pages/nowhere/index\"}"), Errcode.INVALID_URL, CHARSET, s);
        assertError(s.post(shortLinks, "{\"page_url\":\"pages/index/index?" + "a".repeat(1010) + "\"}"),
                Errcode.INVALID_URL, CHARSET, s);
        assertError(s.post(shortLinks, "{\"page_url\":\"pages/index/index\",\"page_title\":\"" + "题".repeat(21) + "\"}"),
                Errcode.INVALID_PAGE_TITLE, CHARSET, s);
        assertThat(ok(s.post(shortLinks, "{\"page_url\":\"pages/index/index\",\"page_title\":\"" + "题".repeat(20) + "\"}"))
                .has("link")).isTrue();
        assertError(s.post(shortLinks, "{\"page_url\":\"pages/index/index\",\"is_permanent\":1}"),
                Errcode.DATA_FORMAT_ERROR, CHARSET, s);
        for (int i = 0; i < 2; i++) {
            ok(s.post(shortLinks, "{\"page_url\":\"pages/index/index\",\"is_permanent\":true}"));
        }
        assertError(s.post(shortLinks, "{\"page_url\":\"pages/index/index\",\"is_permanent\":true}"),
                Errcode.PERMANENT_LINK_LIMIT, CHARSET, s);
        // Not renewed by a clear or a new day; temporary ones go on.
        TestServer.json(s.post("/cgi-bin/clear_quota?access_token=" + token, "{\"appid\":\"" + SHOP + "\"}"));
        s.clock.advance(Duration.ofDays(1));
        String later = server.shopToken();
        assertError(s.post("/wxa/genwxashortlink?access_token=" + later, "{\"page_url\":\"pages/index/index\",\"is_permanent\":true}"),
                Errcode.PERMANENT_LINK_LIMIT, CHARSET, s);
        assertThat(ok(s.post("/wxa/genwxashortlink?access_token=" + later, "{\"page_url\":\"pages/index/index\"}"))
                .has("link")).isTrue();
    }

    @Test
    void the_playground_makes_the_same_links_without_a_token_or_the_days_limit() {
        for (int i = 0; i < 8; i++) {
            ok(s.post(SCHEME + token, "{}"));
        }
        assertError(s.post(SCHEME + token, "{}"), Errcode.LINK_DAILY_LIMIT, CHARSET, s);
        String scheme = ok(s.admin("POST", "/admin/apps/" + SHOP + "/links/generatescheme",
                "{\"jump_wxa\":{\"path\":\"pages/detail/detail\",\"query\":\"p=1\"}}")).get("openlink").asText();
        assertThat(open(scheme).get("query").get("p").asText()).isEqualTo("1");
        assertThat(ok(s.admin("POST", "/admin/apps/" + SHOP + "/links/generate_urllink", "{}")).has("url_link")).isTrue();
        assertThat(ok(s.admin("POST", "/admin/apps/" + SHOP + "/links/genwxashortlink",
                "{\"page_url\":\"pages/index/index\"}")).get("link").asText()).startsWith("#小程序://Shop/");
        // The same checks, in the same order.
        assertThat(TestServer.json(s.admin("POST", "/admin/apps/" + SHOP + "/links/generatescheme",
                "{\"jump_wxa\":{\"path\":\"pages/nowhere/index\"}}")).get("errcode").asInt())
                .isEqualTo(Errcode.INVALID_WEAPP_PAGEPATH.code());
        assertThat(s.post("/admin/apps/" + SHOP + "/links/generatescheme", "{}").statusCode()).isEqualTo(401);
    }

    @Test
    void openings_of_schemes_and_url_links_are_counted_a_day_and_queries_tell_what_is_left() {
        String scheme = ok(s.post(SCHEME + token, "{}")).get("openlink").asText();
        String link = ok(s.post(URLLINK + token, "{}")).get("url_link").asText();
        String query = "{\"scheme\":\"" + scheme + "\"}";
        assertThat(ok(s.post("/wxa/queryscheme?access_token=" + token, query)).get("quota_info").toString())
                .isEqualTo("{\"remain_visit_quota\":3}");
        open(scheme);
        open(link);
        assertThat(ok(s.post("/wxa/query_urllink?access_token=" + token, "{\"url_link\":\"" + link + "\"}"))
                .get("quota_info").get("remain_visit_quota").asInt()).isEqualTo(1);
        assertThat(open(scheme).get("errcode").asInt()).isZero();
        assertThat(open(link).get("errcode").asInt()).isEqualTo(Errcode.DAILY_VISIT_LIMIT.code());
        // Short links are not counted.
        String shortLink = ok(s.post("/wxa/genwxashortlink?access_token=" + token, "{\"page_url\":\"pages/index/index\"}"))
                .get("link").asText();
        assertThat(open(shortLink).get("errcode").asInt()).isZero();
        s.clock.advance(Duration.ofDays(1));
        assertThat(open(scheme).get("errcode").asInt()).isZero();
    }
}
