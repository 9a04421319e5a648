package dev.wxacode.server.cluster;

import static dev.wxacode.server.TestServer.SHOP;
import static dev.wxacode.server.TestServer.SHOP_SECRET;
import static dev.wxacode.server.WireAssert.ENCODING;
import static dev.wxacode.server.WireAssert.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wxacode.core.wire.Errcode;
import dev.wxacode.server.TestServer;
import dev.wxacode.server.config.ServerConfig;
import dev.wxacode.server.signing.SigningKeys;
import dev.wxacode.server.storage.TestPostgres;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes with their own data directories on one PostgreSQL database, as behind a load balancer:
 * whatever one node stores, the other uses at once.
 */
class TwoNodesTest {
    private static final String CODE = "{\"scene\":\"id=7\",\"page\":\"pages/detail/detail\"}";

    @TempDir
    Path dir;
    TestServer one;
    TestServer two;

    @BeforeEach
    void start() {
        ServerConfig.Postgres postgres = TestPostgres.newDatabase();
        String[] shared = {"WXACODE_DB_URL", postgres.url(), "WXACODE_DB_USER", postgres.user(),
            "WXACODE_MASTER_KEY", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
            // The address behind the load balancer: the links inside codes name it, not a node.
            "WXACODE_PUBLIC_URL", "https://wxa.example.com"};
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
}
