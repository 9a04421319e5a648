package dev.wxacode.server.internal.fault;

import static dev.wxacode.server.TestServer.GAME;
import static dev.wxacode.server.TestServer.OFFICIAL;
import static dev.wxacode.server.TestServer.OFFICIAL_SECRET;
import static dev.wxacode.server.TestServer.SHOP;
import static dev.wxacode.server.TestServer.SHOP_SECRET;
import static dev.wxacode.server.WireAssert.CHARSET;
import static dev.wxacode.server.WireAssert.ENCODING;
import static dev.wxacode.server.WireAssert.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.wxacode.core.wire.Errcode;
import dev.wxacode.server.ServerExtension;
import dev.wxacode.server.TestServer;
import dev.wxacode.server.internal.http.ErrorMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/** Fault rules set through the admin API, then provoked through the WeChat endpoints over real HTTP. */
class FaultInjectionTest {
    private static final String CODE = "{\"scene\":\"fault\",\"page\":\"pages/detail/detail\"}";
    private static final String FAULTS = "/admin/apps/" + SHOP + "/faults";
    private static final String TOKEN = "/cgi-bin/token?grant_type=client_credential&appid=" + SHOP + "&secret=" + SHOP_SECRET;
    private static final String STABLE = "{\"grant_type\":\"client_credential\",\"appid\":\"" + SHOP + "\",\"secret\":\"" + SHOP_SECRET + "\"}";

    @RegisterExtension
    static final ServerExtension server = ServerExtension.shared();
    final TestServer s = server.get();

    @AfterEach
    void clear() {
        s.admin("DELETE", FAULTS, null);
    }

    @Test
    void the_next_calls_answer_the_errcode_then_the_rule_ends() {
        String token = s.token(SHOP, SHOP_SECRET);
        JsonNode rule = addRule("{\"endpoint\":\"/wxa/getwxacodeunlimit\",\"errcode\":45009,\"times\":2}");
        assertThat(rule.get("times_left").asInt()).isEqualTo(2);
        assertThat(rule.get("id").asText()).startsWith("f");
        // Other endpoints and other apps go on.
        assertThat(s.token(SHOP, SHOP_SECRET)).hasSize(136);

        assertError(s.code(token, CODE), Errcode.API_QUOTA_REACHED, CHARSET, s);
        assertThat(TestServer.json(s.admin("GET", FAULTS, null)).get("faults").get(0).get("times_left").asInt()).isEqualTo(1);
        assertError(s.code(token, CODE), Errcode.API_QUOTA_REACHED, CHARSET, s);
        assertThat(TestServer.decode(s.code(token, CODE).body())).isNotEmpty();
        assertThat(TestServer.json(s.admin("GET", FAULTS, null)).get("faults")).isEmpty();
    }

    @Test
    void each_endpoint_words_the_code_as_wechat_does() {
        addRule("{\"errcode\":45009,\"times\":2}");
        assertError(s.get(TOKEN), Errcode.TOKEN_QUOTA_REACHED, ENCODING, s);
        assertError(s.post("/cgi-bin/stable_token", STABLE), Errcode.API_QUOTA_REACHED, ENCODING, s);

        addRule("{\"endpoint\":\"/cgi-bin/token\",\"errcode\":40164,\"times\":1}");
        assertError(s.get(TOKEN), Errcode.IP_NOT_IN_WHITELIST, "invalid ip 127.0.0.1 ipv6 ::ffff:127.0.0.1, not in whitelist",
                ENCODING, s);
        addRule("{\"endpoint\":\"/cgi-bin/stable_token\",\"errcode\":-1,\"times\":1}");
        assertError(s.post("/cgi-bin/stable_token", STABLE), Errcode.SYSTEM_ERROR, ENCODING, s);
        assertThat(s.stableToken(SHOP, SHOP_SECRET)).hasSize(136);
    }

    @Test
    void an_injected_system_error_is_logged_as_asked_for_not_as_ours() {
        Logger errors = (Logger) LoggerFactory.getLogger(ErrorMapper.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        Level level = errors.getLevel();
        errors.setLevel(Level.DEBUG);
        errors.addAppender(lines);
        try {
            addRule("{\"endpoint\":\"/wxa/getwxacodeunlimit\",\"errcode\":-1,\"times\":1}");
            assertError(s.code(s.token(SHOP, SHOP_SECRET), CODE), Errcode.SYSTEM_ERROR, CHARSET, s);
        } finally {
            errors.detachAppender(lines);
            errors.setLevel(level);
        }
        assertThat(lines.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.DEBUG);
        assertThat(lines.list.getFirst().getFormattedMessage()).startsWith("event=refused ")
                .contains("detail=\"SYSTEM_ERROR: injected by fault rule f");
    }

    @Test
    void a_share_of_calls_fails_and_the_same_seed_replays_the_same_calls() {
        String token = s.token(SHOP, SHOP_SECRET);
        String rule = "{\"endpoint\":\"/wxa/getwxacodeunlimit\",\"errcode\":-1,\"percent\":40,\"seed\":7}";
        addRule(rule);
        List<Boolean> first = outcomes(token, 30);
        s.admin("DELETE", FAULTS, null);
        addRule(rule);
        assertThat(outcomes(token, 30)).isEqualTo(first);
        assertThat(first).contains(true, false);
    }

    @Test
    void a_rule_for_a_time_ends_with_it() {
        String token = s.token(SHOP, SHOP_SECRET);
        addRule("{\"endpoint\":\"/wxa/getwxacodeunlimit\",\"errcode\":45009,\"for\":\"30s\"}");
        assertError(s.code(token, CODE), Errcode.API_QUOTA_REACHED, CHARSET, s);
        s.clock.advance(Duration.ofSeconds(29));
        assertError(s.code(token, CODE), Errcode.API_QUOTA_REACHED, CHARSET, s);
        s.clock.advance(Duration.ofSeconds(1));
        assertThat(TestServer.decode(s.code(token, CODE).body())).isNotEmpty();
    }

    @Test
    void expiring_every_token_now_gives_42001_and_the_stable_token_is_renewed() {
        String plain = s.token(SHOP, SHOP_SECRET);
        String stable = s.stableToken(SHOP, SHOP_SECRET);
        assertThat(s.code(plain, CODE).statusCode()).isEqualTo(200);
        JsonNode ended = TestServer.json(s.admin("POST", "/admin/apps/" + SHOP + "/tokens/expire", null));
        assertThat(ended.get("tokens").asText()).isEqualTo("expired");
        assertError(s.code(plain, CODE), Errcode.ACCESS_TOKEN_EXPIRED, ENCODING, s);
        assertError(s.code(stable, CODE), Errcode.ACCESS_TOKEN_EXPIRED, ENCODING, s);
        String renewed = s.stableToken(SHOP, SHOP_SECRET);
        assertThat(renewed).isNotEqualTo(stable);
        assertThat(TestServer.decode(s.code(renewed, CODE).body())).isNotEmpty();
    }

    @Test
    void superseding_every_token_now_gives_40001() {
        String plain = s.token(SHOP, SHOP_SECRET);
        String stable = s.stableToken(SHOP, SHOP_SECRET);
        assertThat(s.code(stable, CODE).statusCode()).isEqualTo(200);
        s.admin("POST", "/admin/apps/" + SHOP + "/tokens/supersede", null);
        assertError(s.code(plain, CODE), Errcode.INVALID_CREDENTIAL, ENCODING, s);
        assertError(s.code(stable, CODE), Errcode.INVALID_CREDENTIAL, ENCODING, s);
        assertThat(s.stableToken(SHOP, SHOP_SECRET)).isNotEqualTo(stable);
    }

    @Test
    void a_delay_holds_the_call_for_its_time_by_the_servers_clock_then_serves_it() {
        String token = s.token(SHOP, SHOP_SECRET);
        JsonNode rule = addRule("{\"endpoint\":\"/wxa/getwxacodeunlimit\",\"delay\":\"250ms\",\"times\":1}");
        assertThat(rule.get("delay").asText()).isEqualTo("250ms");
        Instant before = s.clock.instant();
        assertThat(TestServer.decode(s.code(token, CODE).body())).isNotEmpty();
        assertThat(Duration.between(before, s.clock.instant())).isEqualTo(Duration.ofMillis(250));
        s.code(token, CODE);
        assertThat(Duration.between(before, s.clock.instant())).as("the rule is used up").isEqualTo(Duration.ofMillis(250));

        // A range draws from the seed: the same seed waits the same.
        String range = "{\"endpoint\":\"/cgi-bin/token\",\"delay\":\"100ms-300ms\",\"seed\":3,\"times\":1}";
        addRule(range);
        Instant first = s.clock.instant();
        s.token(SHOP, SHOP_SECRET);
        Duration waited = Duration.between(first, s.clock.instant());
        assertThat(waited).isBetween(Duration.ofMillis(100), Duration.ofMillis(300));
        addRule(range);
        Instant second = s.clock.instant();
        s.token(SHOP, SHOP_SECRET);
        assertThat(Duration.between(second, s.clock.instant())).isEqualTo(waited);
    }

    @Test
    void a_slow_body_comes_a_tenth_of_the_pace_every_tenth_of_a_second() {
        String token = s.token(SHOP, SHOP_SECRET);
        addRule("{\"endpoint\":\"/wxa/getwxacodeunlimit\",\"slow\":20000,\"times\":1}");
        Instant before = s.clock.instant();
        HttpResponse<byte[]> code = s.code(token, CODE);
        assertThat(TestServer.decode(code.body())).isNotEmpty();
        long steps = (code.body().length + 1999) / 2000;
        assertThat(Duration.between(before, s.clock.instant())).isEqualTo(Duration.ofMillis(100 * steps));

        // An error reply is paced too.
        addRule("{\"endpoint\":\"/cgi-bin/token\",\"slow\":10,\"times\":1}");
        Instant again = s.clock.instant();
        HttpResponse<byte[]> refused = s.get("/cgi-bin/token?grant_type=client_credential&appid=" + SHOP + "&secret=bad");
        assertThat(TestServer.json(refused).get("errcode").asInt()).isEqualTo(40125);
        assertThat(Duration.between(again, s.clock.instant())).isEqualTo(Duration.ofMillis(100L * refused.body().length));
    }

    @Test
    void a_slow_body_reaches_the_client_step_by_step_not_all_at_the_end() throws Exception {
        addRule("{\"endpoint\":\"/cgi-bin/token\",\"slow\":100,\"times\":1}");
        AtomicLong received = new AtomicLong();
        List<Long> seenAtEachWait = new CopyOnWriteArrayList<>();
        // At each wait after the first, the bytes of the step before must already have reached the client.
        s.onSleep(duration -> {
            long before = seenAtEachWait.isEmpty() ? -1 : seenAtEachWait.getLast();
            long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (before >= 0 && received.get() <= before && System.nanoTime() < deadline) {
                LockSupport.parkNanos(Duration.ofMillis(1).toNanos());
            }
            seenAtEachWait.add(received.get());
        });
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), s.server().port())) {
            socket.getOutputStream().write(("GET " + TOKEN + " HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream reply = new ByteArrayOutputStream();
            byte[] buffer = new byte[64];
            for (int n; (n = in.read(buffer)) > 0; ) {
                reply.write(buffer, 0, n);
                received.addAndGet(n);
            }
            assertThat(reply.toString(StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 200").contains("\"access_token\"");
        } finally {
            s.onSleep(duration -> { });
        }
        assertThat(seenAtEachWait).hasSizeGreaterThan(10);
        for (int i = 2; i < seenAtEachWait.size(); i++) {
            assertThat(seenAtEachWait.get(i)).as("wait %d", i).isGreaterThan(seenAtEachWait.get(i - 1));
        }
    }

    @Test
    void a_rule_on_scene_leaves_wechats_order_of_refusals_alone() {
        String token = s.token(OFFICIAL, OFFICIAL_SECRET);
        HttpResponse<byte[]> added = s.admin("POST", "/admin/apps/" + OFFICIAL + "/faults", "{\"scene\":\"x.*\",\"errcode\":-1}");
        assertThat(added.statusCode()).isEqualTo(201);
        try {
            // An official account may not make codes (48001), which WeChat says before it looks at the body.
            assertError(s.code(token, "{\"scene\":\"" + "x".repeat(70_000) + "\"}"), Errcode.API_UNAUTHORIZED, ENCODING, s);
        } finally {
            s.admin("DELETE", "/admin/apps/" + OFFICIAL + "/faults", null);
        }
    }

    @Test
    void a_dropped_call_gets_no_answer_at_all() {
        String token = s.token(SHOP, SHOP_SECRET);
        addRule("{\"endpoint\":\"/wxa/getwxacodeunlimit\",\"drop\":true,\"times\":1}");
        assertThatThrownBy(() -> s.code(token, CODE)).isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(IOException.class);
        assertThat(TestServer.decode(s.code(token, CODE).body())).isNotEmpty();
    }

    @Test
    void rules_can_match_the_scene_or_the_page() {
        String token = s.token(SHOP, SHOP_SECRET);
        addRule("{\"scene\":\"vip-.*\",\"errcode\":40129}");
        addRule("{\"page\":\"pages/pay/.*\",\"errcode\":41030}");
        assertError(s.code(token, "{\"scene\":\"vip-7\"}"), Errcode.INVALID_SCENE, CHARSET, s);
        assertError(s.code(token, "{\"scene\":\"a\",\"page\":\"pages/pay/index\",\"check_path\":false}"),
                Errcode.INVALID_PAGE, CHARSET, s);
        assertThat(TestServer.decode(s.code(token, "{\"scene\":\"novip-7\"}").body())).isNotEmpty();
        // A body the call is refused for matches no pattern, and is refused as WeChat would.
        assertError(s.code(token, "not json"), Errcode.DATA_FORMAT_ERROR, CHARSET, s);
        assertThat(TestServer.json(s.admin("POST", FAULTS, "{\"scene\":\"(\",\"errcode\":-1}")).get("errcode").asInt())
                .isEqualTo(990104);
    }

    @Test
    void a_rule_on_wxacode_get_matches_the_page_of_its_path() {
        String token = s.token(SHOP, SHOP_SECRET);
        addRule("{\"endpoint\":\"/wxa/getwxacode\",\"page\":\"pages/detail/.*\",\"errcode\":45029}");
        String get = "/wxa/getwxacode?access_token=" + token;
        assertError(s.post(get, "{\"path\":\"/pages/detail/detail?id=1\"}"), Errcode.CODE_COUNT_LIMIT, CHARSET, s);
        assertThat(TestServer.decode(s.post(get, "{\"path\":\"pages/index/index?id=1\"}").body())).isNotEmpty();
        // The rule is wxacode.get's: createQRCode and getUnlimited go on.
        assertThat(TestServer.decode(s.post("/cgi-bin/wxaapp/createwxaqrcode?access_token=" + token,
                "{\"path\":\"pages/detail/detail\"}").body())).isNotEmpty();
        assertThat(TestServer.decode(s.code(token, "{\"scene\":\"a\",\"page\":\"pages/detail/detail\"}").body())).isNotEmpty();
    }

    @Test
    void rules_are_listed_and_removed_one_by_one() {
        String first = addRule("{\"errcode\":-1}").get("id").asText();
        String second = addRule("{\"errcode\":40001,\"endpoint\":\"/cgi-bin/token\"}").get("id").asText();
        JsonNode listed = TestServer.json(s.admin("GET", FAULTS, null)).get("faults");
        assertThat(listed).extracting(r -> r.get("id").asText()).containsExactly(first, second);
        JsonNode left = TestServer.json(s.admin("DELETE", FAULTS + "/" + first, null)).get("faults");
        assertThat(left).extracting(r -> r.get("id").asText()).containsExactly(second);
        assertError(s.get(TOKEN), Errcode.INVALID_CREDENTIAL, ENCODING, s);
    }

    @Test
    void a_rule_that_cannot_be_gets_990104() {
        for (String bad : List.of("{\"errcode\":990001}", "{\"errcode\":12345}", "{}", "{\"errcode\":\"45009\"}",
                "{\"errcode\":-1,\"drop\":true}", "{\"delay\":\"2s-1s\"}", "{\"delay\":\"later\"}", "{\"slow\":0}", "{\"delay\":\"61s\"}",
                "{\"errcode\":-1,\"endpoint\":\"/wxa/other\"}", "{\"errcode\":-1,\"endpoint\":\"/cgi-bin/clear_quota\"}",
                "{\"errcode\":-1,\"times\":0}",
                "{\"errcode\":-1,\"percent\":101}", "{\"errcode\":-1,\"for\":\"soon\"}", "{\"errcode\":-1,\"typo\":1}")) {
            HttpResponse<byte[]> response = s.admin("POST", FAULTS, bad);
            assertThat(response.statusCode()).as(bad).isEqualTo(400);
            assertThat(TestServer.json(response).get("errcode").asInt()).as(bad).isEqualTo(990104);
        }
        assertThat(s.admin("DELETE", FAULTS + "/f999999", null).statusCode()).isEqualTo(400);
        assertThat(s.admin("POST", "/admin/apps/wx0000000000000fff/faults", "{\"errcode\":-1}").statusCode()).isEqualTo(404);
        assertThat(TestServer.json(s.admin("GET", "/admin/apps/" + GAME + "/faults", null)).get("faults")).isEmpty();
    }

    private JsonNode addRule(String json) {
        HttpResponse<byte[]> response = s.admin("POST", FAULTS, json);
        assertThat(response.statusCode()).as(TestServer.text(response)).isEqualTo(201);
        return TestServer.json(response);
    }

    /** True for each call that the rule answered. */
    private List<Boolean> outcomes(String token, int calls) {
        List<Boolean> outcomes = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            HttpResponse<byte[]> response = s.code(token, "{\"scene\":\"p" + i + "\"}");
            outcomes.add(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        }
        return outcomes;
    }
}
