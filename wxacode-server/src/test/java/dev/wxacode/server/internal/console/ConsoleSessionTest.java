package dev.wxacode.server.internal.console;

import static dev.wxacode.server.WireAssert.CHARSET;
import static dev.wxacode.server.WireAssert.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wxacode.core.wire.Errcode;
import dev.wxacode.server.ServerExtension;
import dev.wxacode.server.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Sign-in, the session cookie, CSRF and the console's pages, over plain HTTP. */
class ConsoleSessionTest {
    private static final Pattern COOKIE = Pattern.compile(
            "wxacode_console=([A-Za-z0-9_-]{43}); Path=/; HttpOnly; SameSite=Strict");

    @RegisterExtension
    final ServerExtension server = ServerExtension.fresh();
    final TestServer s = server.get();

    /** A signed-in session: the cookie's value and the CSRF token the server gave for it. */
    record Session(String id, String csrf) {
    }

    Session signIn(TestServer on) {
        HttpResponse<byte[]> response = on.post("/console/session", "application/json",
                ("{\"key\":\"" + TestServer.ADMIN_KEY + "\"}").getBytes(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(TestServer.text(response)).isEqualTo(200);
        Matcher cookie = COOKIE.matcher(response.headers().firstValue("Set-Cookie").orElseThrow());
        assertThat(cookie.matches()).as(response.headers().firstValue("Set-Cookie").orElseThrow()).isTrue();
        return new Session(cookie.group(1), TestServer.json(response).get("csrf_token").asText());
    }

    HttpResponse<byte[]> withCookie(String method, String path, Session session, String csrf, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(s.url(path)))
                .header("Cookie", "wxacode_console=" + session.id())
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (csrf != null) {
            request.header("X-CSRF-Token", csrf);
        }
        return s.send(request);
    }

    static String flipLast(String token) {
        return token.substring(0, token.length() - 1) + (token.endsWith("0") ? "1" : "0");
    }

    @Test
    void sign_in_sets_an_http_only_same_site_strict_cookie_and_gives_the_csrf_token() {
        HttpResponse<byte[]> response = s.post("/console/session", "application/json",
                ("{\"key\":\"" + TestServer.ADMIN_KEY + "\"}").getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().allValues("Set-Cookie")).singleElement()
                .satisfies(cookie -> assertThat(cookie).matches(COOKIE));
        JsonNode body = TestServer.json(response);
        assertThat(body.get("csrf_token").asText()).matches("[0-9a-f]{64}");
        assertThat(body.get("idle_timeout_seconds").asLong()).isEqualTo(1800);
        assertThat(body.get("lifetime_seconds").asLong()).isEqualTo(43200);
        Session session = signIn(s);
        assertThat(TestServer.json(withCookie("GET", "/console/session", session, null, null)).get("csrf_token").asText())
                .isEqualTo(session.csrf());
    }

    @Test
    void the_cookie_is_secure_when_the_public_url_is_https(@TempDir Path dir) {
        try (TestServer https = TestServer.start(dir, "WXACODE_PUBLIC_URL", "https://wxa.example.com")) {
            HttpResponse<byte[]> response = https.post("/console/session", "application/json",
                    ("{\"key\":\"" + TestServer.ADMIN_KEY + "\"}").getBytes(StandardCharsets.UTF_8));
            assertThat(response.headers().firstValue("Set-Cookie").orElseThrow())
                    .matches("wxacode_console=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Strict; Secure");
        }
    }

    @Test
    void a_wrong_key_opens_no_session() {
        HttpResponse<byte[]> response = s.post("/console/session", "application/json",
                "{\"key\":\"test-admin-key-012345678X\"}".getBytes(StandardCharsets.UTF_8));

        assertError(response, Errcode.ADMIN_UNAUTHORIZED, CHARSET, s);
        assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
    }

    @Test
    void malformed_sign_ins_get_990104_saying_why() {
        Map<String, String> bodies = Map.of(
                "", "the body must be a JSON object",
                "key=abc", "body is not a JSON object",
                "[\"abc\"]", "body is not a JSON object",
                "{}", "key is required: the server's WXACODE_ADMIN_KEY",
                "{\"key\":42}", "key must be a string",
                "{\"key\":\"abc\",\"remember\":true}", "unknown field 'remember'; known: [key]");
        bodies.forEach((body, why) -> {
            HttpResponse<byte[]> response = s.post("/console/session", "application/json", body.getBytes(StandardCharsets.UTF_8));
            assertError(response, Errcode.INVALID_ARGUMENT, Errcode.INVALID_ARGUMENT.text(why), CHARSET, s);
        });
        byte[] huge = ("{\"key\":\"" + "k".repeat(70_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        assertError(s.post("/console/session", "application/json", huge), Errcode.BODY_TOO_LARGE,
                Errcode.BODY_TOO_LARGE.text(65536), CHARSET, s);
    }

    @Test
    void the_cookie_opens_the_admin_api_and_a_change_needs_the_csrf_token() {
        Session session = signIn(s);
        String app = "{\"name\":\"Console shop\"}";

        assertThat(withCookie("GET", "/admin/apps", session, null, null).statusCode()).isEqualTo(200);
        assertError(withCookie("POST", "/admin/apps", session, null, app), Errcode.CSRF_TOKEN_INVALID, CHARSET, s);
        assertError(withCookie("POST", "/admin/apps", session, flipLast(session.csrf()), app),
                Errcode.CSRF_TOKEN_INVALID, CHARSET, s);
        assertError(withCookie("POST", "/admin/apps", session, signIn(s).csrf(), app), Errcode.CSRF_TOKEN_INVALID, CHARSET, s);
        assertThat(TestServer.json(s.admin("GET", "/admin/apps", null)).get("apps").findValuesAsText("name"))
                .doesNotContain("Console shop");

        HttpResponse<byte[]> created = withCookie("POST", "/admin/apps", session, session.csrf(), app);
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(TestServer.json(created).get("name").asText()).isEqualTo("Console shop");
    }

    @Test
    void an_unknown_cookie_gets_990101() {
        Session forged = new Session("A".repeat(43), "0".repeat(64));
        assertError(withCookie("GET", "/admin/apps", forged, null, null), Errcode.ADMIN_UNAUTHORIZED, CHARSET, s);
        assertError(withCookie("GET", "/console/session", forged, null, null), Errcode.ADMIN_UNAUTHORIZED, CHARSET, s);
    }

    @Test
    void a_session_ends_after_thirty_idle_minutes_and_after_twelve_hours_in_any_case() {
        Session idle = signIn(s);
        s.clock.advance(Duration.ofMinutes(29));
        assertThat(withCookie("GET", "/admin/apps", idle, null, null).statusCode()).isEqualTo(200);
        s.clock.advance(Duration.ofMinutes(29));
        assertThat(withCookie("GET", "/admin/apps", idle, null, null).statusCode()).isEqualTo(200);
        s.clock.advance(Duration.ofMinutes(30));
        assertError(withCookie("GET", "/admin/apps", idle, null, null), Errcode.ADMIN_UNAUTHORIZED, CHARSET, s);

        Session busy = signIn(s);
        for (int i = 0; i < 12 * 3 - 1; i++) {
            s.clock.advance(Duration.ofMinutes(20));
            assertThat(withCookie("GET", "/admin/apps", busy, null, null).statusCode()).as("after %d min", 20 * (i + 1))
                    .isEqualTo(200);
        }
        s.clock.advance(Duration.ofMinutes(20));
        assertError(withCookie("GET", "/admin/apps", busy, null, null), Errcode.ADMIN_UNAUTHORIZED, CHARSET, s);
    }

    @Test
    void at_most_a_hundred_sessions_live_and_a_new_one_ends_the_one_idle_longest() {
        List<Session> sessions = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            sessions.add(signIn(s));
        }
        assertThat(withCookie("GET", "/admin/apps", sessions.getFirst(), null, null).statusCode()).isEqualTo(200);

        Session newest = signIn(s);

        assertError(withCookie("GET", "/admin/apps", sessions.get(1), null, null), Errcode.ADMIN_UNAUTHORIZED, CHARSET, s);
        assertThat(withCookie("GET", "/admin/apps", sessions.getFirst(), null, null).statusCode()).isEqualTo(200);
        assertThat(withCookie("GET", "/admin/apps", sessions.get(2), null, null).statusCode()).isEqualTo(200);
        assertThat(withCookie("GET", "/admin/apps", newest, null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void sign_out_ends_the_session_and_clears_the_cookie() {
        Session session = signIn(s);
        assertError(withCookie("DELETE", "/console/session", session, null, null), Errcode.CSRF_TOKEN_INVALID, CHARSET, s);

        HttpResponse<byte[]> out = withCookie("DELETE", "/console/session", session, session.csrf(), null);

        assertThat(TestServer.text(out)).isEqualTo("{\"signed_out\":true}");
        assertThat(out.headers().firstValue("Set-Cookie"))
                .contains("wxacode_console=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
        assertError(withCookie("GET", "/admin/apps", session, null, null), Errcode.ADMIN_UNAUTHORIZED, CHARSET, s);
    }

    @Test
    void signing_in_again_ends_the_session_the_browser_had() {
        Session first = signIn(s);
        HttpResponse<byte[]> again = s.send(HttpRequest.newBuilder(URI.create(s.url("/console/session")))
                .header("Cookie", "wxacode_console=" + first.id())
                .POST(HttpRequest.BodyPublishers.ofString("{\"key\":\"" + TestServer.ADMIN_KEY + "\"}")));

        assertThat(again.statusCode()).isEqualTo(200);
        assertError(withCookie("GET", "/admin/apps", first, null, null), Errcode.ADMIN_UNAUTHORIZED, CHARSET, s);
    }

    @Test
    void the_page_and_its_assets_forbid_inline_code_framing_and_referrers() {
        HttpResponse<byte[]> page = s.get("/console");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).contains("text/html;charset=utf-8");
        assertThat(page.headers().firstValue("Content-Security-Policy")).contains("default-src 'self'; img-src 'self' blob: data:;"
                + " media-src 'self' blob:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
        assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(page.headers().firstValue("Referrer-Policy")).contains("no-referrer");
        String html = TestServer.text(page);
        assertThat(html).contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
                "<script src=\"/console/assets/console.js\" defer></script>",
                "<link rel=\"stylesheet\" href=\"/console/assets/console.css\">");
        assertThat(html).doesNotContain("<script>", "style=", "<style", " onclick=", "{{");

        HttpResponse<byte[]> script = s.get("/console/assets/console.js");
        assertThat(script.headers().firstValue("Content-Type")).contains("text/javascript; charset=utf-8");
        assertThat(script.headers().firstValue("Content-Security-Policy")).isPresent();
        assertThat(s.get("/console/assets/console.css").headers().firstValue("Content-Type")).contains("text/css; charset=utf-8");
        assertError(s.get("/console/assets/secret.txt"), Errcode.NOT_FOUND, CHARSET, s);
        assertError(s.get("/console/assets/..%2F..%2Fopenapi.json"), Errcode.NOT_FOUND, CHARSET, s);
    }

    @Test
    void the_page_links_its_assets_from_the_route_it_matched(@TempDir Path dir) {
        assertThat(TestServer.text(s.get("//console/"))).contains("src=\"/console/assets/console.js\"");
        try (TestServer prefixed = TestServer.start(dir, "WXACODE_PATH_PREFIX", "/wxacode")) {
            String html = TestServer.text(prefixed.get("/wxacode/console"));
            assertThat(html).contains("src=\"/wxacode/console/assets/console.js\"", "data-base=\"/wxacode\"");
            assertThat(prefixed.get("/wxacode/console/assets/console.js").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void without_an_admin_key_the_console_says_how_to_open_it(@TempDir Path dir) {
        try (TestServer closed = TestServer.bare(dir, Map.of())) {
            HttpResponse<byte[]> page = closed.get("/console");
            assertThat(page.statusCode()).isEqualTo(403);
            assertThat(TestServer.text(page)).contains("The console is closed", "WXACODE_ADMIN_KEY=$(openssl rand -hex 24) ./wxacode serve");
            assertError(closed.post("/console/session", "application/json", "{\"key\":\"\"}".getBytes(StandardCharsets.UTF_8)),
                    Errcode.ADMIN_DISABLED, CHARSET, closed);
        }
    }
}
