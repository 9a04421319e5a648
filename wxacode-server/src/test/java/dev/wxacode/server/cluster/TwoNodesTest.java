package dev.wxacode.server.cluster;

import static dev.wxacode.server.TestServer.SHOP;
import static dev.wxacode.server.TestServer.SHOP_SECRET;
import static dev.wxacode.server.WireAssert.CHARSET;
import static dev.wxacode.server.WireAssert.ENCODING;
import static dev.wxacode.server.WireAssert.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wxacode.core.wire.Errcode;
import dev.wxacode.server.TestServer;
import dev.wxacode.server.config.ServerConfig;
import dev.wxacode.server.internal.signing.SigningKeys;
import dev.wxacode.server.internal.storage.RecentReads;
import dev.wxacode.server.internal.storage.TestPostgres;
import dev.wxacode.server.internal.storage.TestRedis;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes with their own data directories on one PostgreSQL database and one Redis, as behind a
 * load balancer: whatever one node stores, the other uses at once, and they count one minute limit.
 */
class TwoNodesTest {
    private static final String CODE = "{\"scene\":\"id=7\",\"page\":\"pages/detail/detail\"}";
    private static final int PER_MINUTE = 100;
    private static final int TOKENS_A_DAY = 30;
    private static final int STABLE_PER_MINUTE = 20;

    @TempDir
    Path dir;
    TestServer one;
    TestServer two;

    @BeforeEach
    void start() {
        ServerConfig.Postgres postgres = TestPostgres.newDatabase();
        String[] shared = {"WXACODE_DB_URL", postgres.url(), "WXACODE_DB_USER", postgres.user(),
            "WXACODE_MASTER_KEY", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
            "WXACODE_REDIS_URL", TestRedis.shared().newDatabase().url(),
            // A loaded CI machine must not turn a slow answer into a node counting alone.
            "WXACODE_REDIS_TIMEOUT", "5s",
            "WXACODE_RATE_LIMIT_PER_MINUTE", Integer.toString(PER_MINUTE),
            "WXACODE_TOKEN_DAILY_LIMIT", Integer.toString(TOKENS_A_DAY),
            "WXACODE_STABLE_TOKEN_PER_MINUTE", Integer.toString(STABLE_PER_MINUTE),
            // The address behind the load balancer: the links inside codes name it, not a node.
            "WXACODE_PUBLIC_URL", "https://wxa.example.com",
            "WXACODE_REQUEST_LOG_PERSIST", "true"};
        one = TestServer.start(dir.resolve("one"), shared);
        two = TestServer.start(dir.resolve("two"), shared);
    }

    @AfterEach
    void stop() {
        one.close();
        two.close();
    }

    @Test
    void a_token_from_one_node_works_on_the_other() {
        String token = one.token(SHOP, SHOP_SECRET);
        assertThat(two.code(token, CODE).headers().firstValue("Content-Type")).contains("image/jpeg");
        assertThat(two.stableToken(SHOP, SHOP_SECRET)).isEqualTo(one.stableToken(SHOP, SHOP_SECRET));
    }

    @Test
    void a_persisted_request_log_is_one_log_for_both_nodes() {
        String token = one.token(SHOP, SHOP_SECRET);
        two.code(token, "{\"scene\":\"id%3D1\"}");
        for (TestServer node : List.of(one, two)) {
            JsonNode calls = TestServer.json(node.admin("GET", "/admin/apps/" + SHOP + "/requests", null)).get("requests");
            assertThat(calls).extracting(call -> call.get("route").asText())
                    .containsExactly("/cgi-bin/token", "/wxa/getwxacodeunlimit");
            assertThat(calls.get(1).get("warnings").get(0).get("code").asText()).isEqualTo("scene_url_encoded");
        }
    }

    @Test
    void a_code_drawn_by_one_node_resolves_on_the_other_and_both_draw_the_same_bytes() {
        byte[] fromOne = one.code(one.token(SHOP, SHOP_SECRET), CODE).body();
        byte[] fromTwo = two.code(two.token(SHOP, SHOP_SECRET), CODE).body();
        assertThat(fromTwo).isEqualTo(fromOne);
        JsonNode resolved = two.resolve(fromOne);
        assertThat(resolved.get("appid").asText()).isEqualTo(SHOP);
        assertThat(resolved.get("page").asText()).isEqualTo("pages/detail/detail");
        assertThat(resolved.get("decoded_scene").asText()).isEqualTo("id=7");
    }

    @Test
    void a_token_from_the_other_node_supersedes_this_one_after_the_grace() {
        String first = one.token(SHOP, SHOP_SECRET);
        two.token(SHOP, SHOP_SECRET);
        // Within the grace both nodes still take it.
        one.clock.advance(Duration.ofMinutes(4));
        two.clock.advance(Duration.ofMinutes(4));
        assertThat(one.code(first, CODE).statusCode()).isEqualTo(200);
        assertThat(TestServer.decode(two.code(first, CODE).body())).isNotEmpty();
        one.clock.advance(Duration.ofMinutes(1));
        two.clock.advance(Duration.ofMinutes(1));
        assertError(one.code(first, CODE), Errcode.INVALID_CREDENTIAL, ENCODING, one);
        assertError(two.code(first, CODE), Errcode.INVALID_CREDENTIAL, ENCODING, two);
    }

    @Test
    void an_app_registered_and_released_on_one_node_is_used_by_the_other_at_once() {
        JsonNode created = TestServer.json(one.admin("POST", "/admin/apps", "{\"name\":\"cluster\"}"));
        String appid = created.get("appid").asText();
        one.admin("PUT", "/admin/apps/" + appid + "/releases/release", "{\"pages\":[\"pages/new/new\"]}");
        String token = two.token(appid, created.get("secret").asText());
        byte[] code = two.code(token, "{\"scene\":\"s\",\"page\":\"pages/new/new\"}").body();
        assertThat(one.resolve(code).get("page").asText()).isEqualTo("pages/new/new");
    }

    @Test
    void a_key_rotated_on_one_node_signs_on_both_once_the_other_refreshes() {
        String token = one.token(SHOP, SHOP_SECRET);
        byte[] before = two.code(token, CODE).body();
        int rotated = TestServer.json(one.admin("POST", "/admin/keys/rotate", "")).get("active_kid").asInt();

        two.clock.advance(SigningKeys.REFRESH);
        assertThat(TestServer.json(two.admin("GET", "/admin/keys", null)).get("active_kid").asInt()).isEqualTo(rotated);
        byte[] after = two.code(token, CODE).body();
        assertThat(after).isNotEqualTo(before).isEqualTo(one.code(token, CODE).body());
        // Codes signed with the old key keep resolving on both.
        assertThat(one.resolve(before).get("page").asText()).isEqualTo("pages/detail/detail");
        assertThat(two.resolve(after).get("page").asText()).isEqualTo("pages/detail/detail");
    }

    @Test
    void the_minute_limit_is_one_limit_for_both_nodes() throws Exception {
        String token = one.token(SHOP, SHOP_SECRET);
        int calls = PER_MINUTE + PER_MINUTE / 2;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<HttpResponse<byte[]>>> answers;
        try {
            List<Callable<HttpResponse<byte[]>>> requests = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                TestServer node = i % 2 == 0 ? one : two;
                String body = "{\"scene\":\"n=" + i + "\",\"page\":\"pages/detail/detail\"}";
                requests.add(() -> node.code(token, body));
            }
            answers = pool.invokeAll(requests);
        } finally {
            pool.shutdown();
        }
        int images = 0;
        List<HttpResponse<byte[]>> refused = new ArrayList<>();
        for (Future<HttpResponse<byte[]>> answer : answers) {
            HttpResponse<byte[]> response = answer.get();
            if (response.headers().firstValue("Content-Type").orElse("").equals("image/jpeg")) {
                images++;
            } else {
                refused.add(response);
            }
        }
        assertThat(images).isEqualTo(PER_MINUTE);
        assertThat(TestServer.metric(one.scrape(), "wxacode_limits_unshared_total")).isZero();
        assertThat(TestServer.metric(two.scrape(), "wxacode_limits_unshared_total")).isZero();
        assertThat(refused).hasSize(calls - PER_MINUTE);
        refused.forEach(r -> assertError(r, Errcode.API_QUOTA_REACHED, CHARSET, one));
        // The next minute, both nodes have the whole allowance again, together.
        one.clock.advance(Duration.ofMinutes(1));
        two.clock.advance(Duration.ofMinutes(1));
        assertThat(TestServer.decode(two.code(token, CODE).body())).isNotEmpty();
    }

    @Test
    void the_token_endpoints_quotas_are_counted_once_for_both_nodes() {
        String token = "/cgi-bin/token?grant_type=client_credential&appid=" + SHOP + "&secret=" + SHOP_SECRET;
        for (int i = 0; i < TOKENS_A_DAY; i++) {
            assertThat(TestServer.json((i % 2 == 0 ? one : two).get(token)).has("access_token")).isTrue();
        }
        assertError(one.get(token), Errcode.TOKEN_QUOTA_REACHED, ENCODING, one);
        assertError(two.get(token), Errcode.TOKEN_QUOTA_REACHED, ENCODING, two);

        String stable = "{\"grant_type\":\"client_credential\",\"appid\":\"" + SHOP + "\",\"secret\":\"" + SHOP_SECRET + "\"}";
        for (int i = 0; i < STABLE_PER_MINUTE; i++) {
            assertThat(TestServer.json((i % 2 == 0 ? one : two).post("/cgi-bin/stable_token", stable)).has("access_token")).isTrue();
        }
        assertError(one.post("/cgi-bin/stable_token", stable), Errcode.API_QUOTA_REACHED, ENCODING, one);
        assertError(two.post("/cgi-bin/stable_token", stable), Errcode.API_QUOTA_REACHED, ENCODING, two);
    }

    @Test
    void a_token_killed_or_an_app_disabled_on_one_node_is_refused_there_at_once_and_on_the_other_within_a_second() {
        String stable = two.stableToken(SHOP, SHOP_SECRET);
        String plain = two.token(SHOP, SHOP_SECRET);
        assertThat(two.code(stable, CODE).statusCode()).isEqualTo(200);
        assertThat(two.code(plain, CODE).statusCode()).isEqualTo(200);
        // Both nodes now hold a copy of the stable token; the one that refreshes it forgets its own.
        assertThat(one.code(stable, CODE).statusCode()).isEqualTo(200);

        JsonNode forced = TestServer.json(one.post("/cgi-bin/stable_token", "{\"grant_type\":\"client_credential\",\"appid\":\""
                + SHOP + "\",\"secret\":\"" + SHOP_SECRET + "\",\"force_refresh\":true}"));
        assertThat(forced.get("access_token").asText()).isNotEqualTo(stable);
        assertError(one.code(stable, CODE), Errcode.INVALID_CREDENTIAL, ENCODING, one);
        two.clock.advance(RecentReads.FRESH);
        assertError(two.code(stable, CODE), Errcode.INVALID_CREDENTIAL, ENCODING, two);

        assertThat(two.code(plain, CODE).statusCode()).isEqualTo(200);
        one.admin("POST", "/admin/apps/" + SHOP + "/disable", "");
        assertError(one.code(plain, CODE), Errcode.INVALID_CREDENTIAL, ENCODING, one);
        two.clock.advance(RecentReads.FRESH);
        assertError(two.code(plain, CODE), Errcode.INVALID_CREDENTIAL, ENCODING, two);
    }
}
