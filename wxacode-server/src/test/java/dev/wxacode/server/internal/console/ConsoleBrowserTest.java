package dev.wxacode.server.internal.console;

import static dev.wxacode.server.TestServer.SHOP;
import static dev.wxacode.server.TestServer.SHOP_SECRET;
import static dev.wxacode.server.WireAssert.ENCODING;
import static dev.wxacode.server.WireAssert.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wxacode.core.wire.Errcode;
import dev.wxacode.server.ServerExtension;
import dev.wxacode.server.TestServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.support.ui.Select;

/** The console in a real browser against a real server on loopback, as its user works with it. */
class ConsoleBrowserTest {
    @RegisterExtension
    static final ServerExtension server = ServerExtension.shared();
    static Browser browser;
    final TestServer s = server.get();

    @BeforeAll
    static void startBrowser(@TempDir Path profile) {
        browser = Browser.start(profile);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void signedOut() {
        browser.phoneWidth(0);
        browser.open(s.url("/console"));
        browser.driver.manage().deleteAllCookies();
        browser.open(s.url("/console"));
        browser.visible("signin-form");
    }

    void signIn() {
        browser.type("signin-key", TestServer.ADMIN_KEY);
        browser.click("#signin-form button[type=submit]");
        browser.visible("page-apps");
    }

    void chooseApp(String appid) {
        new Select(browser.visible("app-select")).selectByValue(appid);
    }

    /** The image the page shows, read back from its pixels as PNG. */
    byte[] shownImage(String id) {
        String png = (String) browser.driver.executeScript("""
                const img = document.getElementById(arguments[0]);
                const canvas = document.createElement('canvas');
                canvas.width = img.naturalWidth;
                canvas.height = img.naturalHeight;
                canvas.getContext('2d').drawImage(img, 0, 0);
                return canvas.toDataURL('image/png').split(',')[1];""", id);
        return Base64.getDecoder().decode(png);
    }

    @Test
    void a_wrong_key_is_refused_and_the_right_one_opens_a_strict_http_only_session() {
        browser.screenshot("signin");
        browser.type("signin-key", "not-the-admin-key");
        browser.click("#signin-form button[type=submit]");

        assertThat(browser.textContaining("signin-error", "Wrong admin key")).isEqualTo("Wrong admin key: no session was opened.");
        assertThat(browser.driver.manage().getCookieNamed("wxacode_console")).isNull();

        signIn();

        Cookie cookie = browser.driver.manage().getCookieNamed("wxacode_console");
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getSameSite()).isEqualTo("Strict");
        assertThat(cookie.getPath()).isEqualTo("/");
        assertThat(cookie.isSecure()).isFalse();
        assertThat(cookie.getValue()).matches("[A-Za-z0-9_-]{43}");
        assertThat(browser.driver.executeScript("return document.cookie")).isEqualTo("");

        browser.click("#sign-out");
        assertThat(browser.textContaining("signin-error", "Signed out")).isEqualTo("Signed out.");
        assertThat(browser.driver.manage().getCookieNamed("wxacode_console")).isNull();
    }

    @Test
    void an_app_created_and_published_in_the_console_makes_a_code_the_simulator_scans(@TempDir Path dir) throws IOException {
        signIn();
        browser.type("app-name", "Console shop");
        browser.click("#app-form button[type=submit]");
        String appid = browser.textContaining("secret-appid", "wx").replace("appid", "").trim();
        String secret = browser.textContaining("secret-value", "secret").replace("secret", "").trim();
        assertThat(appid).matches("wx[0-9a-f]{16}");
        assertThat(secret).matches("[0-9a-f]{32}");
        assertThat(s.token(appid, secret)).isNotBlank();

        browser.type("publish-pages", "pages/index/index\npages/detail/detail");
        new Select(browser.visible("publish-env")).selectByValue("release");
        browser.click("#publish-form button[type=submit]");
        browser.textContaining("release-release", "pages/detail/detail");
        JsonNode release = TestServer.json(s.admin("GET", "/admin/apps/" + appid + "/releases", null)).get("releases").get("release");
        assertThat(release.get("pages").toString()).isEqualTo("[\"pages/index/index\",\"pages/detail/detail\"]");
        browser.screenshot("apps");

        browser.page("playground");
        browser.type("code-scene", "id=42&from=console");
        browser.type("code-page", "pages/detail/detail");
        browser.click("#code-form button[type=submit]");
        browser.visible("code-result");
        byte[] code = shownImage("code-image");
        JsonNode opened = s.resolve(code);
        assertThat(opened.get("appid").asText()).isEqualTo(appid);
        assertThat(opened.get("page").asText()).isEqualTo("pages/detail/detail");
        assertThat(opened.get("env_version").asText()).isEqualTo("release");
        assertThat(opened.get("decoded_scene").asText()).isEqualTo("id=42&from=console");
        String curl = browser.visible("code-curl").getText();
        assertThat(curl).contains("appid=" + appid + "&secret=<secret>",
                "-d '{\"scene\":\"id=42&from=console\",\"page\":\"pages/detail/detail\",\"check_path\":true,"
                        + "\"env_version\":\"release\",\"width\":430,\"auto_color\":false,\"line_color\":{\"r\":0,\"g\":0,\"b\":0},"
                        + "\"is_hyaline\":false}' -o code.jpg").doesNotContain(secret);
        assertThat(browser.visible("code-download").getAttribute("download")).isEqualTo(appid + "-code.jpg");
        browser.type("code-print-size", "25mm");
        String pdf = browser.visible("code-pdf").getAttribute("href");
        assertThat(pdf).endsWith("/code.pdf?width=430&size=25mm");
        assertThat(s.get(pdf.substring(pdf.indexOf("/L/"))).headers().firstValue("Content-Type")).contains("application/pdf");
        assertThat(browser.visible("code-svg").getAttribute("download")).isEqualTo(appid + "-code.svg");
        assertThat(browser.driver.findElement(By.id("code-warnings")).getText()).isEmpty();
        browser.screenshot("playground");

        // A colour too light to scan well is drawn as asked, and the playground says what the log would.
        browser.type("code-r", "230");
        browser.type("code-g", "230");
        browser.type("code-b", "120");
        browser.click("#code-form button[type=submit]");
        assertThat(browser.textContaining("code-warnings", "line_color_light"))
                .contains("line_color 230,230,120 is light: 1.32:1 against white, below 2:1");
        browser.type("code-r", "0");
        browser.type("code-g", "0");
        browser.type("code-b", "0");

        browser.page("scan");
        Path file = Files.write(dir.resolve("code.png"), code);
        browser.driver.findElement(By.id("scan-file")).sendKeys(file.toString());
        browser.visible("scan-result");
        assertThat(browser.visible("scan-query").getText()).isEqualTo("""
                {
                  "scene": "id%3D42%26from%3Dconsole",
                  "scancode_time": "%d"
                }""".replace("%d", Long.toString(s.clock.instant().getEpochSecond())));
        assertThat(browser.visible("scan-decoded").getText()).isEqualTo("id=42&from=console");
        assertThat(browser.visible("scan-page").getText()).isEqualTo("pages/detail/detail");
        assertThat(browser.visible("scan-env").getText()).isEqualTo("release");
        assertThat(browser.visible("scan-scene-value").getText()).isEqualTo("1047");
        assertThat(browser.visible("scan-appid").getText()).isEqualTo(appid);
        browser.screenshot("scan");
    }

    @Test
    void a_style_saved_in_the_console_draws_the_apps_codes_and_a_refusal_says_why(@TempDir Path dir) throws IOException {
        String appid = TestServer.json(s.admin("POST", "/admin/apps", "{\"name\":\"Styled in the console\"}")).get("appid").asText();
        signIn();
        chooseApp(appid);
        browser.visible("style-preview");

        new Select(browser.visible("style-modules")).selectByValue("dot");
        new Select(browser.visible("style-finders")).selectByValue("rounded");
        new Select(browser.visible("style-frame")).selectByValue("round");
        browser.click("#style-form button[type=submit]");
        browser.textContaining("notice", "Style saved");
        browser.textContaining("style-caption", "round frame");
        JsonNode style = TestServer.json(s.admin("GET", "/admin/apps/" + appid + "/style", null)).get("style");
        assertThat(style.get("modules").asText()).isEqualTo("dot");
        assertThat(style.get("finders").asText()).isEqualTo("rounded");
        assertThat(style.get("frame").asText()).isEqualTo("round");
        BufferedImage preview = ImageIO.read(new ByteArrayInputStream(shownImage("style-image")));
        int ring = preview.getRGB(215, 2);
        assertThat(Math.max(ring >>> 16 & 0xFF, Math.max(ring >>> 8 & 0xFF, ring & 0xFF))).as("the ring, top middle").isLessThan(60);
        assertThat(s.resolve(shownImage("style-image")).get("appid").asText()).isEqualTo(appid);

        browser.click("#style-logo");
        browser.click("#style-form button[type=submit]");
        assertThat(browser.textContaining("style-error", "upload one first")).startsWith("errcode 990104");

        BufferedImage logo = new BufferedImage(60, 60, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < 3600; i++) {
            logo.setRGB(i % 60, i / 60, 0x07C160);
        }
        Path file = dir.resolve("logo.png");
        ImageIO.write(logo, "png", file.toFile());
        browser.driver.findElement(By.id("logo-file")).sendKeys(file.toString());
        browser.click("#logo-form button[type=submit]");
        browser.textContaining("notice", "Logo of " + appid + " uploaded");
        browser.click("#style-logo");
        browser.click("#style-form button[type=submit]");
        browser.textContaining("style-caption", "logo 0.2");
        int middle = ImageIO.read(new ByteArrayInputStream(shownImage("style-image"))).getRGB(215, 215) & 0xFFFFFF;
        assertThat(middle >>> 8 & 0xFF).as("the logo's green in the middle: %06x", middle).isGreaterThan(150);
        assertThat(middle >>> 16).isLessThan(60);
        browser.screenshot("style");

        browser.click("#style-clear");
        browser.textContaining("notice", "plain again");
        assertThat(TestServer.json(s.admin("GET", "/admin/apps/" + appid + "/style", null)).get("style").isNull()).isTrue();
    }

    @Test
    void the_playground_makes_a_getwxacode_code_whose_scan_shows_the_query_of_its_path(@TempDir Path dir) throws IOException {
        signIn();
        chooseApp(TestServer.SHOP);
        browser.page("playground");
        new Select(browser.visible("code-api")).selectByValue("getwxacode");
        assertThat(browser.driver.findElement(By.id("code-scene")).isDisplayed()).isFalse();
        browser.type("code-path", "pages/detail/detail?id=7&from=console");
        browser.click("#code-form button[type=submit]");
        browser.visible("code-result");
        byte[] code = shownImage("code-image");
        JsonNode opened = s.resolve(code);
        assertThat(opened.get("page").asText()).isEqualTo("pages/detail/detail");
        assertThat(opened.get("query").get("from").asText()).isEqualTo("console");
        assertThat(browser.visible("code-curl").getText()).contains("/wxa/getwxacode?access_token=$TOKEN",
                "-d '{\"path\":\"pages/detail/detail?id=7&from=console\",\"env_version\":\"release\"");

        browser.page("scan");
        Path file = Files.write(dir.resolve("code.jpg"), code);
        browser.driver.findElement(By.id("scan-file")).sendKeys(file.toString());
        browser.visible("scan-result");
        assertThat(browser.visible("scan-query").getText()).isEqualTo("""
                {
                  "id": "7",
                  "from": "console",
                  "scancode_time": "%d"
                }""".replace("%d", Long.toString(s.clock.instant().getEpochSecond())));
        assertThat(browser.driver.findElement(By.id("scan-decoded")).isDisplayed()).isFalse();
        assertThat(browser.visible("scan-scene-value").getText()).isEqualTo("1047");

        browser.page("playground");
        new Select(browser.visible("code-api")).selectByValue("createwxaqrcode");
        assertThat(browser.driver.findElement(By.id("code-env")).isDisplayed()).isFalse();
        browser.click("#code-form button[type=submit]");
        browser.visible("code-result");
        assertThat(s.resolve(shownImage("code-image")).get("scene").asInt()).isEqualTo(1011);
    }

    @Test
    void the_simulator_opens_a_url_scheme_and_says_so_of_one_that_is_no_link() {
        String scheme = TestServer.json(s.post("/wxa/generatescheme?access_token=" + server.shopToken(),
                "{\"jump_wxa\":{\"path\":\"pages/detail/detail\",\"query\":\"id=5\"}}")).get("openlink").asText();
        signIn();
        browser.page("scan");
        browser.type("open-link", scheme);
        browser.click("#open-form button[type=submit]");
        browser.visible("scan-result");
        assertThat(browser.visible("scan-page").getText()).isEqualTo("pages/detail/detail");
        assertThat(browser.visible("scan-query").getText()).contains("\"id\": \"5\"");
        assertThat(browser.visible("scan-scene-value").getText()).isEqualTo("1065");
        assertThat(browser.visible("scan-scene-kind").getText()).isEqualTo("a URL Scheme opened");
        assertThat(browser.driver.findElement(By.id("scan-image")).isDisplayed()).isFalse();

        browser.type("open-link", "weixin://dl/business/?t=AAAAAAAA");
        browser.click("#open-form button[type=submit]");
        assertThat(browser.textContaining("scan-error", "invalid link")).contains("990001");
    }

    @Test
    void the_playground_makes_a_url_link_and_a_short_link_that_the_simulator_opens() {
        signIn();
        chooseApp(TestServer.SHOP);
        browser.page("playground");
        new Select(browser.visible("link-api")).selectByValue("generate_urllink");
        browser.type("link-path", "pages/detail/detail");
        browser.type("link-query", "id=9");
        browser.click("#link-form button[type=submit]");
        String link = browser.textContaining("link-text", "/L/");
        JsonNode info = TestServer.json(s.post("/wxa/query_urllink?access_token=" + server.shopToken(),
                "{\"url_link\":\"" + link + "\"}")).get("url_link_info");
        assertThat(info.get("query").asText()).isEqualTo("id=9");
        assertThat(info.get("expire_time").asLong()).isEqualTo(s.clock.instant().getEpochSecond() + 30 * 86400);
        browser.click("#link-open");
        browser.visible("page-scan");
        assertThat(browser.textContaining("scan-scene-value", "1194")).isEqualTo("1194");
        assertThat(browser.visible("scan-page").getText()).isEqualTo("pages/detail/detail");

        browser.page("playground");
        new Select(browser.visible("link-api")).selectByValue("genwxashortlink");
        assertThat(browser.driver.findElement(By.id("link-path")).isDisplayed()).isFalse();
        browser.type("link-page-url", "pages/index/index?from=console");
        browser.type("link-title", "Try it");
        browser.click("#link-form button[type=submit]");
        assertThat(browser.textContaining("link-text", "#小程序://")).startsWith("#小程序://Shop/Try it/");
    }

    @Test
    void a_fault_rule_made_in_the_console_makes_the_next_code_call_answer_42001() {
        signIn();
        chooseApp(SHOP);
        browser.page("faults");
        new Select(browser.visible("fault-action")).selectByValue("errcode");
        browser.type("fault-value", "42001");
        new Select(browser.visible("fault-endpoint")).selectByValue("/wxa/getwxacodeunlimit");
        browser.type("fault-times", "1");
        browser.click("#fault-form button[type=submit]");
        String listed = browser.textContaining("faults-list", "answers errcode 42001");
        assertThat(listed).contains("/wxa/getwxacodeunlimit", "1 call left");
        browser.screenshot("faults");

        String token = s.token(SHOP, SHOP_SECRET);
        assertError(s.code(token, "{\"scene\":\"fault\"}"), Errcode.ACCESS_TOKEN_EXPIRED, ENCODING, s);
        assertThat(s.code(token, "{\"scene\":\"fault\"}").headers().firstValue("Content-Type")).contains("image/jpeg");

        browser.click("#tokens-expire");
        browser.textContaining("notice", "has expired");
        assertError(s.code(token, "{\"scene\":\"fault\"}"), Errcode.ACCESS_TOKEN_EXPIRED, ENCODING, s);

        browser.type("fault-times", "");
        browser.click("#fault-form button[type=submit]");
        browser.textContaining("faults-list", "answers errcode 42001");
        browser.click("#faults-list button.danger");
        browser.textContaining("faults-list", "No rule");
        assertThat(TestServer.json(s.admin("GET", "/admin/apps/" + SHOP + "/faults", null)).get("faults").size()).isZero();
    }

    @Test
    void the_request_log_shows_a_call_with_its_warning_and_follows_new_ones() {
        String token = s.token(SHOP, SHOP_SECRET);
        s.code(token, "{\"scene\":\"id%3D42\",\"page\":\"pages/detail/detail\"}");
        signIn();
        chooseApp(SHOP);
        browser.page("log");

        String log = browser.textContaining("log-list", "scene_url_encoded");

        assertThat(log).contains("POST /wxa/getwxacodeunlimit", "\"scene\": \"id%3D42\"", "\"access_token\":\"[redacted]\"")
                .doesNotContain(token);
        browser.screenshot("log");

        browser.click("#log-follow");
        s.code(token, "{\"scene\":\"a\",\"page\":\"/pages/detail/detail\"}");
        assertThat(browser.textContaining("log-list", "page_leading_slash")).contains("\"page\": \"/pages/detail/detail\"");
        browser.click("#log-follow");
    }

    @Test
    void a_change_with_the_cookie_but_without_the_csrf_token_is_refused() {
        signIn();
        String forged = """
                const done = arguments[arguments.length - 1];
                const headers = {'Content-Type': 'application/json'};
                if (arguments[0]) {
                  headers['X-CSRF-Token'] = arguments[0];
                }
                fetch('/admin/apps', {method: 'POST', headers, body: '{"name":"' + arguments[1] + '"}'})
                  .then(r => r.text().then(t => done(r.status + ' ' + t)));""";

        String refused = (String) browser.driver.executeAsyncScript(forged, null, "Forged");

        assertThat(refused).startsWith("403 {\"errcode\":990106,\"errmsg\":\"" + Errcode.CSRF_TOKEN_INVALID.text() + " rid: ");
        assertThat(TestServer.json(s.admin("GET", "/admin/apps", null)).get("apps").findValuesAsText("name")).doesNotContain("Forged");
        String csrf = (String) browser.driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch('/console/session').then(r => r.json()).then(j => done(j.csrf_token));""");
        assertThat((String) browser.driver.executeAsyncScript(forged, csrf, "With token")).startsWith("201 ");
    }

    @Test
    void every_page_fits_a_phone_screen_without_scrolling_sideways() {
        signIn();
        chooseApp(SHOP);
        browser.phoneWidth(390);
        for (String page : List.of("apps", "playground", "scan", "log", "faults")) {
            browser.open(s.url("/console#" + page));
            browser.visible("page-" + page);
            if (page.equals("playground")) {
                browser.type("code-scene", "phone=1&long=abcdefghij");
                browser.click("#code-form button[type=submit]");
                browser.visible("code-result");
                browser.screenshot("phone-playground");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> widths = (Map<String, Object>) browser.driver.executeScript(
                    "return {inner: window.innerWidth, scroll: document.documentElement.scrollWidth};");
            assertThat(((Number) widths.get("inner")).intValue()).as(page).isEqualTo(390);
            assertThat(((Number) widths.get("scroll")).intValue()).as(page).isLessThanOrEqualTo(390);
        }
    }
}
