package dev.wxacode.server.internal.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.wxacode.core.code.EnvVersion;
import dev.wxacode.core.code.LineColor;
import dev.wxacode.core.style.FinderShape;
import dev.wxacode.core.style.Frame;
import dev.wxacode.core.style.ModuleShape;
import dev.wxacode.core.wire.Endpoint;
import dev.wxacode.server.fault.FaultRule;
import dev.wxacode.server.internal.fault.FaultStore;
import dev.wxacode.server.internal.fault.JdbcFaultStore;
import dev.wxacode.server.internal.ratelimit.JdbcQuotaStore;
import dev.wxacode.server.internal.ratelimit.Quota;
import dev.wxacode.server.internal.ratelimit.QuotaStore;
import dev.wxacode.server.internal.registry.AppSettings;
import dev.wxacode.server.internal.registry.JdbcRegistryStore;
import dev.wxacode.server.internal.registry.RegistryStore;
import dev.wxacode.server.internal.registry.Release;
import dev.wxacode.server.internal.requests.JdbcRequestLogStore;
import dev.wxacode.server.internal.requests.RequestLogStore;
import dev.wxacode.server.internal.signing.JdbcSigningKeyStore;
import dev.wxacode.server.internal.signing.SigningKeyStore;
import dev.wxacode.server.internal.token.JdbcTokenStore;
import dev.wxacode.server.internal.token.TokenStore;
import dev.wxacode.server.registry.App;
import dev.wxacode.server.registry.AppStyle;
import dev.wxacode.server.registry.AppType;
import dev.wxacode.server.registry.SecretHash;
import dev.wxacode.server.requests.LoggedRequest;
import dev.wxacode.server.requests.Warning;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What every implementation of the store interfaces must do. A backend runs these by extending
 * {@link Contract} and saying how to open its stores.
 */
public final class StoreContracts {
    private StoreContracts() {
    }

    /** The stores of one backend, fresh for each test. */
    public interface Backend extends AutoCloseable {
        RegistryStore registry();

        TokenStore tokens();

        QuotaStore quotas();

        SigningKeyStore keys();

        FaultStore faults();

        RequestLogStore requests();

        @Override
        void close();
    }

    /** The JDBC stores on {@code database}, which closing the backend closes. */
    static Backend backend(Database database) {
        return new Backend() {
            @Override
            public RegistryStore registry() {
                return new JdbcRegistryStore(database.jdbi());
            }

            @Override
            public TokenStore tokens() {
                return new JdbcTokenStore(database.jdbi());
            }

            @Override
            public QuotaStore quotas() {
                return new JdbcQuotaStore(database.jdbi());
            }

            @Override
            public SigningKeyStore keys() {
                return new JdbcSigningKeyStore(database.jdbi());
            }

            @Override
            public FaultStore faults() {
                return new JdbcFaultStore(database.jdbi());
            }

            @Override
            public RequestLogStore requests() {
                return new JdbcRequestLogStore(database.jdbi());
            }

            @Override
            public void close() {
                database.close();
            }
        };
    }

    public abstract static class Contract {
        protected abstract Backend open();

        static App app(String appid) {
            return new App(appid, "name " + appid, AppType.MINIPROGRAM, SecretHash.of("s", new SecureRandom()), false,
                    false, false, Optional.of(LineColor.ofRgb(0x07C160)), List.of("10.0.0.1"), OptionalInt.of(7), 1000, Optional.empty());
        }

        @Test
        void apps_are_stored_whole_and_an_appid_only_once() {
            try (Backend b = open()) {
                App app = app("wx00000000000000c1");
                assertThat(b.registry().insert(app)).isTrue();
                assertThat(b.registry().insert(app("wx00000000000000c1"))).isFalse();
                App found = b.registry().find("wx00000000000000c1").orElseThrow();
                assertThat(found.name()).isEqualTo(app.name());
                assertThat(found.brandColor()).isEqualTo(app.brandColor());
                assertThat(found.ipWhitelist()).isEqualTo(app.ipWhitelist());
                assertThat(found.rateLimitPerMinute()).isEqualTo(app.rateLimitPerMinute());
                assertThat(found.secret().matches("s")).isTrue();
                b.registry().setDisabled("wx00000000000000c1", true, 2000);
                assertThat(b.registry().find("wx00000000000000c1").orElseThrow().disabled()).isTrue();
                b.registry().setSecret("wx00000000000000c1", SecretHash.of("t", new SecureRandom()), 2000);
                assertThat(b.registry().find("wx00000000000000c1").orElseThrow().secret().matches("t")).isTrue();
                assertThat(b.registry().find("wx00000000000000c9")).isEmpty();
                assertThat(b.registry().list()).extracting(App::appid).containsExactly("wx00000000000000c1");
            }
        }

        @Test
        void a_settings_change_writes_only_the_settings_it_carries() {
            try (Backend b = open()) {
                b.registry().insert(app("wx00000000000000c7"));
                b.registry().setDisabled("wx00000000000000c7", true, 2000);
                b.registry().updateSettings("wx00000000000000c7", new AppSettings(Optional.of("renamed"), Optional.empty(),
                        Optional.empty(), Optional.of(Optional.empty()), Optional.empty(), Optional.empty()), 3000);
                App app = b.registry().find("wx00000000000000c7").orElseThrow();
                assertThat(app.name()).isEqualTo("renamed");
                assertThat(app.brandColor()).isEmpty();
                assertThat(app.disabled()).isTrue();
                assertThat(app.ipWhitelist()).containsExactly("10.0.0.1");
                assertThat(app.rateLimitPerMinute()).hasValue(7);
                assertThat(app.secret().matches("s")).isTrue();
                b.registry().setLogo("wx00000000000000c7", new byte[] {1, 2}, Optional.of(LineColor.ofRgb(0x123456)), 4000);
                assertThat(b.registry().logo("wx00000000000000c7")).hasValueSatisfying(l -> assertThat(l).containsExactly(1, 2));
                assertThat(b.registry().find("wx00000000000000c7").orElseThrow().brandColor()).contains(LineColor.ofRgb(0x123456));
            }
        }

        @Test
        void a_style_is_stored_whole_beside_the_settings_and_cleared() {
            try (Backend b = open()) {
                b.registry().insert(app("wx00000000000000c8"));
                AppStyle style = new AppStyle(ModuleShape.DOT, FinderShape.CIRCLE, Frame.ROUND, true, 0.23,
                        OptionalInt.of(0x07C160), OptionalInt.empty());
                b.registry().setStyle("wx00000000000000c8", Optional.of(style), 5000);
                App app = b.registry().find("wx00000000000000c8").orElseThrow();
                assertThat(app.style()).contains(style);
                assertThat(app.name()).isEqualTo("name wx00000000000000c8");
                assertThat(b.registry().list()).extracting(App::style).containsExactly(Optional.of(style));
                b.registry().setStyle("wx00000000000000c8", Optional.empty(), 6000);
                assertThat(b.registry().find("wx00000000000000c8").orElseThrow().style()).isEmpty();
            }
        }

        @Test
        void releases_replace_each_other_per_env_version_and_keep_page_order() {
            try (Backend b = open()) {
                b.registry().insert(app("wx00000000000000c2"));
                b.registry().publish("wx00000000000000c2", new Release(EnvVersion.RELEASE, List.of("p/b", "p/a"), 1));
                b.registry().publish("wx00000000000000c2", new Release(EnvVersion.TRIAL, List.of("p/t"), 2));
                b.registry().publish("wx00000000000000c2", new Release(EnvVersion.RELEASE, List.of("p/c", "p/b"), 3));
                var releases = b.registry().releases("wx00000000000000c2");
                assertThat(releases.get(EnvVersion.RELEASE).pages()).containsExactly("p/c", "p/b");
                assertThat(releases.get(EnvVersion.RELEASE).publishedAtMillis()).isEqualTo(3);
                assertThat(releases.get(EnvVersion.TRIAL).pages()).containsExactly("p/t");
                assertThat(releases).doesNotContainKey(EnvVersion.DEVELOP);
            }
        }

        @Test
        void page_ids_are_stable_start_at_one_and_respect_the_cap_even_under_concurrency() throws Exception {
            try (Backend b = open(); ExecutorService pool = Executors.newFixedThreadPool(8)) {
                b.registry().insert(app("wx00000000000000c3"));
                List<Callable<Integer>> calls = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    String path = "p/" + (i % 20);
                    calls.add(() -> b.registry().pageId("wx00000000000000c3", path, 1000).orElseThrow());
                }
                Set<Integer> ids = new HashSet<>();
                for (Future<Integer> id : pool.invokeAll(calls)) {
                    ids.add(id.get());
                }
                assertThat(ids).hasSize(20).allMatch(id -> id >= 1 && id <= 20);
                int first = b.registry().pageId("wx00000000000000c3", "p/0", 1000).orElseThrow();
                assertThat(b.registry().pagePath("wx00000000000000c3", first)).contains("p/0");
                assertThat(b.registry().pageId("wx00000000000000c3", "p/new", 20)).isEmpty();
                assertThat(b.registry().pageId("wx00000000000000c3", "p/0", 20)).hasValue(first);
            }
        }

        @Test
        void a_new_plain_token_sets_the_death_of_earlier_ones_once() {
            try (Backend b = open()) {
                b.registry().insert(app("wx00000000000000c4"));
                TokenStore t = b.tokens();
                t.insertPlain(new byte[] {1}, token("wx00000000000000c4", TokenStore.Kind.PLAIN), 500);
                t.insertPlain(new byte[] {2}, token("wx00000000000000c4", TokenStore.Kind.PLAIN), 600);
                t.insertPlain(new byte[] {3}, token("wx00000000000000c4", TokenStore.Kind.PLAIN), 700);
                assertThat(t.find(new byte[] {1}).orElseThrow().diesAtMillis()).contains(600L);
                assertThat(t.find(new byte[] {2}).orElseThrow().diesAtMillis()).contains(700L);
                assertThat(t.find(new byte[] {3}).orElseThrow().diesAtMillis()).isEmpty();
                assertThat(t.find(new byte[] {4})).isEmpty();
                t.purgeExpired("wx00000000000000c4", 10_000);
                assertThat(t.find(new byte[] {1})).isEmpty();
            }
        }

        @Test
        void ending_all_tokens_expires_or_kills_the_live_ones_of_that_app_only() {
            try (Backend b = open()) {
                b.registry().insert(app("wx00000000000000c6"));
                b.registry().insert(app("wx00000000000000c7"));
                TokenStore t = b.tokens();
                t.insertPlain(new byte[] {1}, token("wx00000000000000c6", TokenStore.Kind.PLAIN), 0);
                // The second supersedes the first, which dies at 900.
                t.insertPlain(new byte[] {2}, token("wx00000000000000c6", TokenStore.Kind.PLAIN), 900);
                t.insertPlain(new byte[] {3}, token("wx00000000000000c7", TokenStore.Kind.PLAIN), 0);
                TokenStore.StableState stable = new TokenStore.StableState(1, 1, 10, 7210, Optional.empty());
                t.replaceStable("wx00000000000000c6", 0, stable, new byte[] {4}, token("wx00000000000000c6", TokenStore.Kind.STABLE),
                        Optional.empty());

                t.endAll("wx00000000000000c6", 1000, false);
                assertThat(t.find(new byte[] {1}).orElseThrow().diesAtMillis()).as("already dying sooner").contains(900L);
                assertThat(t.find(new byte[] {2}).orElseThrow().diesAtMillis()).contains(1000L);
                assertThat(t.find(new byte[] {4}).orElseThrow().diesAtMillis()).contains(1000L);
                assertThat(t.find(new byte[] {3}).orElseThrow().diesAtMillis()).as("another app").isEmpty();
                assertThat(t.stable("wx00000000000000c6").orElseThrow().expiresAtMillis()).isEqualTo(1000);

                t.endAll("wx00000000000000c6", 2000, true);
                assertThat(t.find(new byte[] {2}).orElseThrow().expiresAtMillis()).isEqualTo(2000);
                assertThat(t.find(new byte[] {3}).orElseThrow().expiresAtMillis()).isEqualTo(token("x", TokenStore.Kind.PLAIN).expiresAtMillis());
                assertThat(t.stable("wx00000000000000c6").orElseThrow().expiresAtMillis()).as("ended already").isEqualTo(1000);
            }
        }

        @Test
        void fault_rules_are_kept_whole_replaced_by_id_and_deleted() {
            try (Backend b = open()) {
                b.registry().insert(app("wx00000000000000c8"));
                FaultStore f = b.faults();
                FaultRule delay = new FaultRule("f1", "wx00000000000000c8", Optional.of(Endpoint.GET_UNLIMITED),
                        Optional.of(Pattern.compile("vip-.*")), Optional.empty(),
                        new FaultRule.Action.Delay(Duration.ofMillis(100), Duration.ofSeconds(2)), OptionalInt.of(3),
                        Optional.of(Instant.parse("2024-11-25T10:00:00Z")), OptionalInt.of(40), 7,
                        Instant.parse("2024-11-25T09:00:00Z"), true);
                FaultRule drop = new FaultRule("f2", "wx00000000000000c8", Optional.empty(), Optional.empty(),
                        Optional.of(Pattern.compile("pages/.*")), new FaultRule.Action.Drop(), OptionalInt.empty(),
                        Optional.empty(), OptionalInt.empty(), 0, Instant.parse("2024-11-25T09:00:01Z"), true);
                f.save(delay);
                f.save(drop);
                f.save(delay.withTimes(2));
                List<FaultRule> loaded = f.load();
                assertThat(loaded).extracting(FaultRule::id).containsExactly("f1", "f2");
                assertThat(loaded.get(0)).usingRecursiveComparison().withComparatorForType(
                        (a, c) -> a.pattern().compareTo(c.pattern()), Pattern.class).isEqualTo(delay.withTimes(2));
                assertThat(loaded.get(1).action()).isEqualTo(new FaultRule.Action.Drop());
                assertThat(loaded.get(1).page().orElseThrow().pattern()).isEqualTo("pages/.*");
                f.delete("wx00000000000000c8", "f1");
                assertThat(f.load()).extracting(FaultRule::id).containsExactly("f2");
                f.deleteAll("wx00000000000000c8");
                assertThat(f.load()).isEmpty();
            }
        }

        @Test
        void logged_calls_come_back_whole_in_order_per_app_by_rid_and_trimmed_to_the_newest() {
            try (Backend b = open()) {
                b.registry().insert(app("wx00000000000000c9"));
                b.registry().insert(app("wx00000000000000ca"));
                RequestLogStore r = b.requests();
                List<Long> seqs = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    seqs.add(r.append("wx00000000000000c9", call(i)));
                    r.append("wx00000000000000ca", call(100 + i));
                }
                assertThat(seqs).isSorted().doesNotHaveDuplicates();
                List<LoggedRequest> newest = r.newest("wx00000000000000c9", 2);
                assertThat(newest).extracting(LoggedRequest::seq).containsExactly(seqs.get(3), seqs.get(4));
                assertThat(newest.get(1)).usingRecursiveComparison().ignoringFields("seq").isEqualTo(call(4));
                assertThat(r.after("wx00000000000000c9", seqs.get(1), 2)).extracting(LoggedRequest::errcode)
                        .containsExactly(2, 3);

                RequestLogStore.Kept found = r.find("rid-103").orElseThrow();
                assertThat(found.appid()).isEqualTo("wx00000000000000ca");
                assertThat(found.request()).usingRecursiveComparison().ignoringFields("seq").isEqualTo(call(103));
                assertThat(r.find("rid-5")).isEmpty();

                r.trim("wx00000000000000c9", 3);
                assertThat(r.find("rid-1")).isEmpty();
                assertThat(r.newest("wx00000000000000c9", 10)).extracting(LoggedRequest::errcode).containsExactly(2, 3, 4);
                assertThat(r.newest("wx00000000000000ca", 10)).hasSize(5);
                r.trim("wx00000000000000c9", 3);
                assertThat(r.newest("wx00000000000000c9", 10)).hasSize(3);
                r.clear("wx00000000000000c9");
                assertThat(r.newest("wx00000000000000c9", 10)).isEmpty();
                assertThat(r.after("wx00000000000000ca", 0, 10)).hasSize(5);
            }
        }

        private static LoggedRequest call(int errcode) {
            return new LoggedRequest(0, Instant.parse("2024-11-25T09:00:00.125Z").plusSeconds(errcode), "POST",
                    "/wxa/getwxacodeunlimit", Map.of("access_token", TextNode.valueOf("[redacted]")),
                    Map.of("scene", TextNode.valueOf("id=" + errcode), "width", IntNode.valueOf(430)), 31, 200, errcode, 1.5,
                    "rid-" + errcode, "127.xx.0.1", "{\"errcode\":" + errcode + "}",
                    List.of(new Warning("page_query", "page carries a query string")));
        }

        @Test
        void stable_state_changes_only_from_the_expected_generation() {
            try (Backend b = open()) {
                b.registry().insert(app("wx00000000000000c5"));
                TokenStore t = b.tokens();
                TokenStore.StableState first = new TokenStore.StableState(1, 1, 10, 7210, Optional.empty());
                assertThat(t.replaceStable("wx00000000000000c5", 0, first, new byte[] {1},
                        token("wx00000000000000c5", TokenStore.Kind.STABLE), Optional.empty())).isTrue();
                assertThat(t.replaceStable("wx00000000000000c5", 0, first, new byte[] {9},
                        token("wx00000000000000c5", TokenStore.Kind.STABLE), Optional.empty())).isFalse();
                TokenStore.StableState second = new TokenStore.StableState(2, 1, 20, 7220, Optional.of(20L));
                assertThat(t.replaceStable("wx00000000000000c5", 1, second, new byte[] {2},
                        token("wx00000000000000c5", TokenStore.Kind.STABLE), Optional.of(20L))).isTrue();
                assertThat(t.stable("wx00000000000000c5")).contains(second);
                assertThat(t.find(new byte[] {1}).orElseThrow().diesAtMillis()).contains(20L);
                assertThat(t.find(new byte[] {2}).orElseThrow().diesAtMillis()).isEmpty();
                assertThat(t.find(new byte[] {9})).isEmpty();
            }
        }

        @Test
        void quotas_never_pass_their_limit_even_under_concurrency_and_tell_what_was_used() throws Exception {
            try (Backend b = open(); ExecutorService pool = Executors.newFixedThreadPool(8)) {
                List<Callable<Boolean>> calls = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    calls.add(() -> b.quotas().tryConsume("wx00000000000000c6", Quota.TOKEN, 20000, 37));
                }
                long granted = 0;
                for (Future<Boolean> result : pool.invokeAll(calls)) {
                    granted += result.get() ? 1 : 0;
                }
                assertThat(granted).isEqualTo(37);
                assertThat(b.quotas().used("wx00000000000000c6", Quota.TOKEN, 20000)).isEqualTo(37);
                assertThat(b.quotas().tryConsume("wx00000000000000c6", Quota.TOKEN, 20001, 37)).isTrue();
                assertThat(b.quotas().tryConsume("wx00000000000000c6", Quota.STABLE_TOKEN, 20000, 37)).isTrue();
                assertThat(b.quotas().used("wx00000000000000c6", Quota.TOKEN, 20001)).isEqualTo(1);
                assertThat(b.quotas().used("wx00000000000000c6", Quota.STABLE_TOKEN, 20000)).isEqualTo(1);
                assertThat(b.quotas().used("wx00000000000000c6", Quota.FORCE_REFRESH, 20000)).isZero();
            }
        }

        @Test
        void signing_keys_are_added_once_per_id_and_listed_in_order() {
            try (Backend b = open()) {
                assertThat(b.keys().add(new SigningKeyStore.StoredKey(2, new byte[] {2}, 20))).isTrue();
                assertThat(b.keys().add(new SigningKeyStore.StoredKey(1, new byte[] {1}, 10))).isTrue();
                assertThat(b.keys().add(new SigningKeyStore.StoredKey(1, new byte[] {9}, 90))).isFalse();
                assertThat(b.keys().all()).extracting(SigningKeyStore.StoredKey::kid).containsExactly(1, 2);
                assertThat(b.keys().all().getFirst().wrapped()).containsExactly(1);
            }
        }

        private static TokenStore.TokenRecord token(String appid, TokenStore.Kind kind) {
            return new TokenStore.TokenRecord(appid, kind, 0, 7200, Optional.empty());
        }
    }
}
