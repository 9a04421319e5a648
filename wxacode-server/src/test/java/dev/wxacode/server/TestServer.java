package dev.wxacode.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wxacode.core.link.LinkUrl;
import dev.wxacode.core.scan.CodeReader;
import dev.wxacode.server.config.ConfigLoader;
import dev.wxacode.server.internal.fault.Faults;
import dev.wxacode.server.internal.http.Routes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A real {@link WxacodeServer} on 127.0.0.1 and a free port, with its own data directory, a clock
 * the test moves, the {@link #SEED} apps and an admin key; plus a JDK HTTP client to talk to it.
 */
public final class TestServer implements AutoCloseable {
    public static final String ADMIN_KEY = "test-admin-key-0123456789";
    /** 2024-11-24 16:00:00 UTC = 2024-11-25 00:00 in Beijing: a quota day starts here. */
    public static final Instant START = Instant.parse("2024-11-24T16:00:00Z");

    public static final String SHOP = "wx00000000000000a1";
    public static final String SHOP_SECRET = "0123456789abcdef0123456789abcdef";
    public static final String GAME = "wx00000000000000a2";
    public static final String GAME_SECRET = "11111111111111111111111111111111";
    public static final String OFFICIAL = "wx00000000000000a3";
    public static final String OFFICIAL_SECRET = "22222222222222222222222222222222";
    public static final String GUARDED = "wx00000000000000a4";
    public static final String GUARDED_SECRET = "33333333333333333333333333333333";
    public static final String FROZEN = "wx00000000000000a5";
    public static final String FROZEN_SECRET = "44444444444444444444444444444444";
    public static final String UNPUBLISHED = "wx00000000000000a6";
    public static final String UNPUBLISHED_SECRET = "55555555555555555555555555555555";

    static final String SEED = """
            apps:
              - appid: %s
                secret: %s
                name: Shop
                brand_color: "#07C160"
                releases:
                  release: [pages/index/index, pages/detail/detail, pages/goods/list/index]
                  trial: [pages/trial/index, pages/index/index]
                  develop: [pages/dev/index]
              - appid: %s
                secret: %s
                type: minigame
                releases:
                  release: [game/index]
              - appid: %s
                secret: %s
                type: official_account
              - appid: %s
                secret: %s
                ip_whitelist: [10.1.2.3]
              - appid: %s
                secret: %s
                secret_frozen: true
              - appid: %s
                secret: %s
            """.formatted(SHOP, SHOP_SECRET, GAME, GAME_SECRET, OFFICIAL, OFFICIAL_SECRET, GUARDED, GUARDED_SECRET,
            FROZEN, FROZEN_SECRET, UNPUBLISHED, UNPUBLISHED_SECRET);

    public static final ObjectMapper JSON = new ObjectMapper();

    public final MutableClock clock;
    public final Path dataDir;
    private final Map<String, String> env;
    private WxacodeServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile Faults.Sleeper onSleep = duration -> { };

    private TestServer(Path dataDir, Map<String, String> env, MutableClock clock) {
        this.dataDir = dataDir;
        this.env = env;
        this.clock = clock;
        this.server = WxacodeServer.start(ConfigLoader.load(Optional.empty(), env), clock, new SecureRandom(), this::sleep);
    }

    /** A server with the seed apps; {@code overrides} are extra {@code WXACODE_*} settings. */
    public static TestServer start(Path dir, String... overrides) {
        try {
            Files.createDirectories(dir);
            Path seed = dir.resolve("seed.yaml");
            Files.writeString(seed, SEED);
            Map<String, String> env = new HashMap<>();
            env.put("WXACODE_PORT", "0");
            env.put("WXACODE_DATA_DIR", dir.resolve("data").toString());
            env.put("WXACODE_SEED", seed.toString());
            env.put("WXACODE_ADMIN_KEY", ADMIN_KEY);
            for (int i = 0; i < overrides.length; i += 2) {
                env.put(overrides[i], overrides[i + 1]);
            }
            return new TestServer(dir.resolve("data"), env, new MutableClock(START));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A server with exactly these settings and nothing seeded. */
    public static TestServer bare(Path dir, Map<String, String> settings) {
        Map<String, String> env = new HashMap<>(settings);
        env.putIfAbsent("WXACODE_PORT", "0");
        env.putIfAbsent("WXACODE_DATA_DIR", dir.resolve("data").toString());
        return new TestServer(dir.resolve("data"), env, new MutableClock(START));
    }

    /** Stops and starts again on the same data directory (a new port). */
    public void restart() {
        server.close();
        server = WxacodeServer.start(ConfigLoader.load(Optional.empty(), env), clock, new SecureRandom(), this::sleep);
    }

    /** Also called at each wait of a fault rule (delays, slow bodies), on the server's thread. */
    public void onSleep(Faults.Sleeper hook) {
        onSleep = hook;
    }

    /** A fault rule's wait moves this server's clock rather than hold the request: tests read it exactly. */
    private void sleep(Duration duration) {
        clock.advance(duration);
        onSleep.sleep(duration);
    }

    public WxacodeServer server() {
        return server;
    }

    /** Every documented route, for tests that walk them all. */
    public List<Routes.Route> routes() {
        return server.routes();
    }

    public String url(String pathAndQuery) {
        return server.localUrl() + pathAndQuery;
    }

    public HttpResponse<byte[]> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<byte[]> get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(URI.create(url(pathAndQuery))).GET());
    }

    /** POST with no Content-Type at all, as wechatpy does. */
    public HttpResponse<byte[]> post(String pathAndQuery, String body) {
        return send(HttpRequest.newBuilder(URI.create(url(pathAndQuery)))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    /** POST with the body chunked, no Content-Length: what Spring 6.1's RestTemplate sends by default. */
    public HttpResponse<byte[]> postChunked(String pathAndQuery, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return send(HttpRequest.newBuilder(URI.create(url(pathAndQuery)))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))));
    }

    public HttpResponse<byte[]> post(String pathAndQuery, String contentType, byte[] body) {
        return send(HttpRequest.newBuilder(URI.create(url(pathAndQuery)))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    public HttpResponse<byte[]> admin(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)))
                .header("Authorization", "Bearer " + ADMIN_KEY)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        return send(request);
    }

    /** A fresh {@code /cgi-bin/token} token for the app. */
    public String token(String appid, String secret) {
        JsonNode reply = json(get("/cgi-bin/token?grant_type=client_credential&appid=" + appid + "&secret=" + secret));
        assertThat(reply.has("access_token")).as("token reply %s", reply).isTrue();
        return reply.get("access_token").asText();
    }

    /** The app's current {@code /cgi-bin/stable_token} token (no force refresh). */
    public String stableToken(String appid, String secret) {
        JsonNode reply = json(post("/cgi-bin/stable_token", "{\"grant_type\":\"client_credential\",\"appid\":\"" + appid
                + "\",\"secret\":\"" + secret + "\"}"));
        assertThat(reply.has("access_token")).as("stable token reply %s", reply).isTrue();
        return reply.get("access_token").asText();
    }

    public HttpResponse<byte[]> code(String token, String json) {
        return post("/wxa/getwxacodeunlimit?access_token=" + token, json);
    }

    /** The text inside a code image, read with ZXing. */
    public static String decode(byte[] image) {
        return new CodeReader(50_000_000).read(image);
    }

    /** Decodes a code and opens its link here, as a phone would: the resolution JSON. */
    public JsonNode resolve(byte[] image) {
        String text = decode(image);
        assertThat(text).startsWith(server.publicUrl().toUpperCase(Locale.ROOT) + "/L/");
        HttpResponse<byte[]> response = get("/L/" + LinkUrl.tokenOf(text).orElseThrow());
        assertThat(response.statusCode()).as("resolution %s", text(response)).isEqualTo(200);
        return json(response);
    }

    public static JsonNode json(HttpResponse<byte[]> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + new String(response.body(), StandardCharsets.UTF_8), e);
        }
    }

    /** The value of one series in a Prometheus scrape, e.g. {@code wxacode_cpu_waiting}; 0 when it is not there yet. */
    public static double metric(String scrape, String series) {
        return scrape.lines().filter(line -> line.startsWith(series + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1))).findFirst().orElse(0);
    }

    /** This server's {@code /metrics}. */
    public String scrape() {
        return text(get("/metrics"));
    }

    /**
     * This server's {@code /metrics} once it shows {@code line}, or after 5 s as it is then. A
     * request is counted as it is logged, just after its answer has gone out, so a scrape made
     * the moment a client has its answer may not show it yet.
     */
    public String scrapeShowing(String line) {
        return scrapeWhen(scrape -> scrape.contains(line));
    }

    /** This server's {@code /metrics} once {@code ready} holds for it, or after 5 s as it is then. */
    public String scrapeWhen(Predicate<String> ready) {
        return eventually(this::scrape, ready);
    }

    /** {@code value} once {@code ready} holds for it, or after 5 s as it is then. */
    public static <T> T eventually(Supplier<T> value, Predicate<T> ready) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        T current = value.get();
        while (!ready.test(current) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            current = value.get();
        }
        return current;
    }

    public static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.close();
    }
}
