package dev.wxacode.server.internal.fault;

import static dev.wxacode.server.TestServer.SHOP;
import static dev.wxacode.server.TestServer.SHOP_SECRET;
import static dev.wxacode.server.WireAssert.CHARSET;
import static dev.wxacode.server.WireAssert.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wxacode.core.wire.Errcode;
import dev.wxacode.server.TestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rules outlive a restart when asked to, with the calls they have left; the others do not. */
class FaultPersistenceTest {
    private static final String FAULTS = "/admin/apps/" + SHOP + "/faults";
    private static final String CODE = "{\"scene\":\"kept\"}";

    @Test
    void only_rules_asked_to_persist_outlive_a_restart_and_they_keep_their_count(@TempDir Path dir) {
        try (TestServer s = TestServer.start(dir)) {
            JsonNode kept = TestServer.json(s.admin("POST", FAULTS,
                    "{\"endpoint\":\"/wxa/getwxacodeunlimit\",\"errcode\":45009,\"times\":3,\"persist\":true}"));
            assertThat(kept.get("persist").asBoolean()).isTrue();
            s.admin("POST", FAULTS, "{\"endpoint\":\"/cgi-bin/token\",\"errcode\":-1}");
            String token = s.stableToken(SHOP, SHOP_SECRET);
            assertError(s.code(token, CODE), Errcode.API_QUOTA_REACHED, CHARSET, s);

            s.restart();
            JsonNode rules = TestServer.json(s.admin("GET", FAULTS, null)).get("faults");
            assertThat(rules).hasSize(1);
            assertThat(rules.get(0).get("id").asText()).isEqualTo(kept.get("id").asText());
            assertThat(rules.get(0).get("times_left").asInt()).isEqualTo(2);
            assertThat(s.token(SHOP, SHOP_SECRET)).as("the rule not kept is gone").hasSize(136);
            assertError(s.code(token, CODE), Errcode.API_QUOTA_REACHED, CHARSET, s);
            assertError(s.code(token, CODE), Errcode.API_QUOTA_REACHED, CHARSET, s);
            assertThat(TestServer.decode(s.code(token, CODE).body())).isNotEmpty();

            String removed = TestServer.json(s.admin("POST", FAULTS, "{\"errcode\":-1,\"persist\":true}")).get("id").asText();
            s.admin("DELETE", FAULTS + "/" + removed, null);
            s.restart();
            assertThat(TestServer.json(s.admin("GET", FAULTS, null)).get("faults")).as("used up or removed").isEmpty();
            assertThat(TestServer.decode(s.code(token, CODE).body())).isNotEmpty();
        }
    }
}
