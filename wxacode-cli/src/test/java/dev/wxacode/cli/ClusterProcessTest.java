package dev.wxacode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxacode.client.UnlimitedCode;
import dev.wxacode.client.WxaCodeClient;
import dev.wxacode.server.TestServer;
import dev.wxacode.server.config.ServerConfig;
import dev.wxacode.server.internal.storage.TestPostgres;
import dev.wxacode.server.internal.storage.TestRedis;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two {@code wxacode serve} processes on one PostgreSQL database; one is killed with SIGKILL under load. */
class ClusterProcessTest {
    private static final String CODE = "{\"scene\":\"kill=9\",\"page\":\"pages/detail/detail\"}";
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void the_other_node_keeps_answering_when_one_is_killed_and_nothing_is_lost_after_its_restart(@TempDir Path dir)
            throws Exception {
        ServerConfig.Postgres postgres = TestPostgres.newDatabase();
        Path config = dir.resolve("wxacode.yaml");
        Files.writeString(config, """
                http:
                  public_url: https://wxa.example.com
                storage:
                  db_url: %s
                  db_user: %s
                  redis_url: %s
                signing:
                  master_key: AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=
                """.formatted(postgres.url(), postgres.user(), TestRedis.shared().newDatabase().url()));
        Process one = node(dir.resolve("one"), config);
        Process two = null;
        try {
            // One after the other, as an operator brings a cluster up: the first node creates the
            // demo app and prints its secret; a node that finds it already there cannot show it.
            String bannerOne = Subprocess.awaitBanner(dir.resolve("one"), one);
            two = node(dir.resolve("two"), config);
            String urlOne = Subprocess.find(Subprocess.LISTENING, bannerOne);
            String urlTwo = Subprocess.find(Subprocess.LISTENING, Subprocess.awaitBanner(dir.resolve("two"), two));
            String appid = Subprocess.find(Subprocess.APPID, bannerOne);
            String secret = Subprocess.find(Subprocess.SECRET, bannerOne);
            String health = http.send(HttpRequest.newBuilder(URI.create(urlTwo + "/healthz")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(health).isEqualTo("{\"status\":\"ok\",\"checks\":{\"database\":\"ok\",\"redis\":\"ok\"}}");
            String token = token(urlOne, appid, secret);
            byte[] before = post(urlOne + "/wxa/getwxacodeunlimit?access_token=" + token, CODE).body();

            AtomicBoolean loading = new AtomicBoolean(true);
            AtomicInteger served = new AtomicInteger();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread load = Thread.ofPlatform().start(() -> {
                try (WxaCodeClient client = WxaCodeClient.builder(urlTwo, appid, secret).build()) {
                    for (int i = 0; loading.get(); i++) {
                        assertThat(client.getUnlimited(UnlimitedCode.of("load=" + i)).contentType()).isEqualTo("image/jpeg");
                        served.incrementAndGet();
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            });
            awaitServed(served, 20);
            one.destroyForcibly();
            assertThat(one.waitFor(30, TimeUnit.SECONDS)).isTrue();
            int atKill = served.get();
            awaitServed(served, atKill + 20);
            loading.set(false);
            load.join();
            assertThat(failure.get()).as("node two while node one died").isNull();

            Process again = node(dir.resolve("again"), config);
            try {
                String urlAgain = Subprocess.find(Subprocess.LISTENING, Subprocess.awaitBanner(dir.resolve("again"), again));
                // The token minted on the killed node, and everything the code needs, outlived it.
                HttpResponse<byte[]> after = post(urlAgain + "/wxa/getwxacodeunlimit?access_token=" + token, CODE);
                assertThat(after.headers().firstValue("Content-Type")).contains("image/jpeg");
                assertThat(after.body()).isEqualTo(before);
                assertThat(post(urlTwo + "/wxa/getwxacodeunlimit?access_token=" + token, CODE).body()).isEqualTo(before);
            } finally {
                again.destroyForcibly();
            }
        } finally {
            one.destroyForcibly();
            if (two != null) {
                two.destroyForcibly();
            }
        }
    }

    private static Process node(Path dir, Path config) throws Exception {
        Files.createDirectories(dir);
        return Subprocess.start(dir, "serve", "--port", "0", "--config", config.toString(), "--data-dir",
                dir.resolve("data").toString());
    }

    private String token(String url, String appid, String secret) throws Exception {
        HttpResponse<byte[]> reply = http.send(HttpRequest.newBuilder(URI.create(url
                + "/cgi-bin/token?grant_type=client_credential&appid=" + appid + "&secret=" + secret)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        return TestServer.json(reply).get("access_token").asText();
    }

    private HttpResponse<byte[]> post(String url, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void awaitServed(AtomicInteger served, int count) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (served.get() < count && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        assertThat(served.get()).as("codes served by node two").isGreaterThanOrEqualTo(count);
    }
}
