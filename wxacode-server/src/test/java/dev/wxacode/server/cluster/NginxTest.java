package dev.wxacode.server.cluster;

import static dev.wxacode.server.TestServer.SHOP;
import static dev.wxacode.server.TestServer.SHOP_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wxacode.server.Ports;
import dev.wxacode.server.TestServer;
import dev.wxacode.server.config.ServerConfig;
import dev.wxacode.server.internal.storage.TestPostgres;
import dev.wxacode.server.internal.storage.TestRedis;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two nodes behind nginx with the project's own configuration file, as docs/deploy.md describes. */
class NginxTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void the_nodes_share_the_work_and_when_one_stops_the_other_takes_all_of_it(@TempDir Path dir) throws Exception {
        // The nodes' links name nginx, so its port is chosen first.
        int port = Ports.free();
        ServerConfig.Postgres postgres = TestPostgres.newDatabase();
        String[] shared = {"WXACODE_DB_URL", postgres.url(), "WXACODE_DB_USER", postgres.user(),
            "WXACODE_MASTER_KEY", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
            "WXACODE_REDIS_URL", TestRedis.shared().newDatabase().url(),
            "WXACODE_PUBLIC_URL", "http://127.0.0.1:" + port};
        try (TestServer one = TestServer.start(dir.resolve("one"), shared);
             TestServer two = TestServer.start(dir.resolve("two"), shared);
             TestNginx nginx = TestNginx.start(dir.resolve("nginx"), port, one.server().port(), two.server().port())) {
            String tokenPath = "/cgi-bin/token?grant_type=client_credential&appid=" + SHOP + "&secret=" + SHOP_SECRET;
            String token = TestServer.json(send(HttpRequest.newBuilder(URI.create(nginx.url(tokenPath)))))
                    .get("access_token").asText();
            for (int i = 0; i < 20; i++) {
                assertCode(nginx, token, i);
            }
            long served = TestServer.eventually(() -> codesServed(one) + codesServed(two), n -> n >= 20);
            assertThat(served).isEqualTo(20);
            assertThat(codesServed(one)).isPositive();
            assertThat(codesServed(two)).isPositive();

            two.close();
            for (int i = 20; i < 40; i++) {
                assertCode(nginx, token, i);
            }
            assertThat(TestServer.eventually(() -> codesServed(one), n -> n + 20 >= 40) + 20).isGreaterThanOrEqualTo(40);

            // An upload over wxacode's 5 MiB cap passes nginx and gets wxacode's own answer.
            HttpResponse<byte[]> tooBig = send(HttpRequest.newBuilder(URI.create(nginx.url("/wxa/scan")))
                    .header("Content-Type", "image/jpeg")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[5 * 1024 * 1024 + 1])));
            assertThat(tooBig.statusCode()).isEqualTo(413);
            assertThat(TestServer.json(tooBig).get("errcode").asInt()).isEqualTo(990005);
            // Over nginx's own limit, nginx answers in the same shape.
            HttpResponse<byte[]> tooBigForNginx = send(HttpRequest.newBuilder(URI.create(nginx.url("/wxa/scan")))
                    .header("Content-Type", "image/jpeg")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[7 * 1024 * 1024])));
            assertThat(tooBigForNginx.statusCode()).isEqualTo(413);
            assertThat(TestServer.text(tooBigForNginx)).isEqualTo("{\"errcode\":990005,\"errmsg\":\"image too large\"}");

            // No node left: WeChat's system error, which an SDK can read.
            one.close();
            HttpResponse<byte[]> none = send(HttpRequest.newBuilder(URI.create(nginx.url("/wxa/getwxacodeunlimit?access_token=" + token)))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"scene\":\"none\"}")));
            assertThat(none.statusCode()).isEqualTo(200);
            assertThat(none.headers().firstValue("Content-Type")).contains("application/json; charset=UTF-8");
            assertThat(TestServer.text(none)).isEqualTo("{\"errcode\":-1,\"errmsg\":\"system error\"}");
        }
    }

    private void assertCode(TestNginx nginx, String token, int i) throws Exception {
        HttpResponse<byte[]> code = send(HttpRequest.newBuilder(URI.create(nginx.url("/wxa/getwxacodeunlimit?access_token=" + token)))
                .POST(HttpRequest.BodyPublishers.ofString("{\"scene\":\"n=" + i + "\",\"page\":\"pages/detail/detail\"}")));
        assertThat(code.headers().firstValue("Content-Type")).as("answer %d", i).contains("image/jpeg");
        assertThat(TestServer.decode(code.body())).startsWithIgnoringCase(nginx.url("/l/"));
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Successful code requests that reached this node, from its metrics. */
    private static long codesServed(TestServer node) {
        return node.scrape().lines()
                .filter(line -> line.startsWith("wxacode_requests_total{") && line.contains("route=\"/wxa/getwxacodeunlimit\"")
                        && line.contains("errcode=\"0\""))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
