package dev.wxacode.server.internal.storage;

import static dev.wxacode.server.TestServer.SHOP;
import static dev.wxacode.server.TestServer.SHOP_SECRET;
import static dev.wxacode.server.WireAssert.CHARSET;
import static dev.wxacode.server.WireAssert.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wxacode.core.wire.Errcode;
import dev.wxacode.server.TestServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node whose PostgreSQL server stops and comes back: clear -1 answers meanwhile, nothing lost after. */
class PostgresOutageTest {
    private static final String CODE = "{\"scene\":\"outage\",\"page\":\"pages/detail/detail\"}";

    @Test
    void a_node_answers_minus_one_while_postgresql_is_down_and_carries_on_when_it_is_back(@TempDir Path dir) throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Path data = dir.resolve("pg");
        EmbeddedPostgres postgres = start(data, port);
        try (TestServer s = TestServer.start(dir.resolve("node"), "WXACODE_DB_URL", postgres.getJdbcUrl("postgres", "postgres"),
                "WXACODE_DB_USER", "postgres", "WXACODE_MASTER_KEY", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=")) {
            String token = s.token(SHOP, SHOP_SECRET);
            byte[] before = s.code(token, CODE).body();

            postgres.close();
            assertError(s.code(token, CODE), Errcode.SYSTEM_ERROR, CHARSET, s);
            HttpResponse<byte[]> down = s.get("/healthz");
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(TestServer.json(down).get("status").asText()).isEqualTo("down");

            postgres = start(data, port);
            // Connections the pool held from before fail once each and are replaced: within a few
            // requests the node is whole again, with no restart.
            HttpResponse<byte[]> again = eventually(() -> s.code(token, CODE),
                    r -> r.headers().firstValue("Content-Type").orElse("").startsWith("image/"));
            // The token minted before the outage, the app, its pages and the key are all still there.
            assertThat(again.body()).isEqualTo(before);
            assertThat(s.resolve(before).get("decoded_scene").asText()).isEqualTo("outage");
            assertThat(eventually(() -> s.get("/healthz"), r -> r.statusCode() == 200).statusCode()).isEqualTo(200);
        } finally {
            postgres.close();
        }
    }

    /** The first of up to 20 answers that passes {@code done}, else the last one. */
    private static HttpResponse<byte[]> eventually(Supplier<HttpResponse<byte[]>> request, Predicate<HttpResponse<byte[]>> done) {
        HttpResponse<byte[]> response = request.get();
        for (int attempt = 1; attempt < 20 && !done.test(response); attempt++) {
            response = request.get();
        }
        return response;
    }

    /** The same server each time: same files, same port. */
    private static EmbeddedPostgres start(Path data, int port) throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port).start();
    }
}
