package dev.wxacode.server.internal.storage;

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
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestartTest {

    @Test
    void apps_releases_tokens_keys_and_quotas_survive_a_restart(@TempDir Path dir) {
        survivesRestart(dir);
    }

    @Test
    void on_postgresql_apps_releases_tokens_keys_and_quotas_survive_a_restart(@TempDir Path dir) {
        ServerConfig.Postgres postgres = TestPostgres.newDatabase();
        survivesRestart(dir, "WXACODE_DB_URL", postgres.url(), "WXACODE_DB_USER", postgres.user(),
                "WXACODE_MASTER_KEY", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
        assertThat(dir.resolve("data/wxacode.mv.db")).as("nothing in the embedded database").doesNotExist();
    }

    private static void survivesRestart(Path dir, String... settings) {
        String[] overrides = Stream.concat(
                Stream.of("WXACODE_TOKEN_DAILY_LIMIT", "3", "WXACODE_PUBLIC_URL", "https://wxa.example.com"),
                Stream.of(settings)).toArray(String[]::new);
        // A fixed public URL: with port 0 the port changes at restart, and with it every link.
        try (TestServer s = TestServer.start(dir, overrides)) {
            JsonNode created = TestServer.json(s.admin("POST", "/admin/apps", "{\"name\":\"kept\"}"));
            String appid = created.get("appid").asText();
            String secret = created.get("secret").asText();
            s.admin("PUT", "/admin/apps/" + appid + "/releases/release", "{\"pages\":[\"pages/a/a\",\"pages/b/b\"]}");
            String token = s.token(SHOP, SHOP_SECRET);
            String stable = s.stableToken(SHOP, SHOP_SECRET);
            byte[] before = s.code(token, "{\"scene\":\"keep\",\"page\":\"pages/detail/detail\"}").body();
            byte[] unpublishedPage = s.code(token, "{\"scene\":\"k\",\"page\":\"pages/x/y\",\"check_path\":false}").body();
            s.token(SHOP, SHOP_SECRET);

            s.restart();

            assertThat(s.server().port()).isPositive();
            byte[] after = s.code(token, "{\"scene\":\"keep\",\"page\":\"pages/detail/detail\"}").body();
            assertThat(after).as("same key, same page id: same bytes").isEqualTo(before);
            assertThat(s.resolve(before).get("page").asText()).isEqualTo("pages/detail/detail");
            assertThat(s.resolve(unpublishedPage).get("page").asText()).isEqualTo("pages/x/y");
            assertThat(s.stableToken(SHOP, SHOP_SECRET)).isEqualTo(stable);
            String newToken = s.token(appid, secret);
            assertThat(s.resolve(s.code(newToken, "{\"scene\":\"n\",\"page\":\"pages/b/b\"}").body()).get("page").asText())
                    .isEqualTo("pages/b/b");
            // Two tokens were taken before the restart and one now: the fourth is over the day's 3.
            s.token(SHOP, SHOP_SECRET);
            assertError(s.get("/cgi-bin/token?grant_type=client_credential&appid=" + SHOP + "&secret=" + SHOP_SECRET),
                    Errcode.TOKEN_QUOTA_REACHED, ENCODING, s);
            // The old token's grace survives too.
            s.clock.advance(Duration.ofMinutes(5));
            assertError(s.code(token, "{\"scene\":\"a\"}"), Errcode.INVALID_CREDENTIAL, ENCODING, s);
        }
    }

    @Test
    void secrets_tokens_and_signing_keys_are_not_stored_in_plain_text(@TempDir Path dir) throws IOException {
        String token;
        String stable;
        try (TestServer s = TestServer.start(dir)) {
            token = s.token(SHOP, SHOP_SECRET);
            stable = s.stableToken(SHOP, SHOP_SECRET);
        }
        String database = Files.readString(dir.resolve("data/wxacode.mv.db"), StandardCharsets.ISO_8859_1);
        assertThat(database).contains(SHOP).doesNotContain(SHOP_SECRET, token, stable, token.substring(3, 40));
        Path masterKey = dir.resolve("data/master.key");
        assertThat(Files.getPosixFilePermissions(masterKey)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void a_broken_store_answers_minus_one_and_health_goes_down(@TempDir Path dir) throws SQLException {
        try (TestServer s = TestServer.start(dir)) {
            String token = s.token(SHOP, SHOP_SECRET);
            assertThat(s.get("/healthz").statusCode()).isEqualTo(200);
            try (Connection side = DriverManager.getConnection(Database.embeddedUrl(s.dataDir), "wxacode", "");
                 Statement sql = side.createStatement()) {
                sql.execute("DROP TABLE access_tokens");
                sql.execute("DROP TABLE signing_keys");
            }
            assertError(s.code(token, "{\"scene\":\"a\"}"), Errcode.SYSTEM_ERROR, CHARSET, s);
            assertThat(TestServer.text(s.code(token, "{\"scene\":\"a\"}"))).doesNotContain("Exception", "SQL", "access_tokens");
            assertThat(s.get("/healthz").statusCode()).isEqualTo(503);
            assertThat(TestServer.json(s.get("/healthz")).get("status").asText()).isEqualTo("down");
        }
    }
}
