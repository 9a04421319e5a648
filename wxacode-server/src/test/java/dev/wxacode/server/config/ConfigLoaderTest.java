package dev.wxacode.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @Test
    void a_misspelt_variable_is_named_with_the_setting_it_is_closest_to() {
        Map<String, String> env = Map.of("WXACODE_RATE_LIMT_PER_MINUTE", "10", "WXACODE_PORT", "9000", "WXACODE_URL", "http://x",
                "WXACODE_ADMINKEY", "k", "PATH", "/bin");
        assertThat(ConfigLoader.unknownVariables(env)).containsExactly(
                "variable=WXACODE_ADMINKEY detail=\"not a wxacode setting; did you mean WXACODE_ADMIN_KEY? (docs/configuration.md)\"",
                "variable=WXACODE_RATE_LIMT_PER_MINUTE detail=\"not a wxacode setting; did you mean"
                        + " WXACODE_RATE_LIMIT_PER_MINUTE? (docs/configuration.md)\"");
        // Named, not obeyed: the setting it was meant for keeps its default.
        assertThat(ConfigLoader.load(Optional.empty(), env).codes().perMinute()).isEqualTo(5000);
    }

    @Test
    void defaults_are_the_documented_ones() {
        ServerConfig config = ServerConfig.defaults();
        assertThat(config.http().bind()).isEqualTo("127.0.0.1");
        assertThat(config.http().port()).isEqualTo(8080);
        assertThat(config.bodies().jsonBytes()).isEqualTo(64 * 1024);
        assertThat(config.bodies().uploadBytes()).isEqualTo(5 * 1024 * 1024);
        assertThat(config.connections().idleTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.storage().dataDir()).isEqualTo(Path.of("./data"));
        assertThat(config.admin().key()).isEmpty();
        assertThat(config.seed().demo()).isTrue();
        assertThat(config.codes().perMinute()).isEqualTo(5000);
        assertThat(config.tokens().plainDaily()).isEqualTo(2000);
        assertThat(config.tokens().stablePerMinute()).isEqualTo(10_000);
        assertThat(config.tokens().stableDaily()).isEqualTo(500_000);
        assertThat(config.tokens().forceRefreshDaily()).isEqualTo(20);
        assertThat(config.tokens().quotaZone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(config.cpu().concurrency()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(config.codes().cacheBytes()).isEqualTo(64L * 1024 * 1024);
        assertThat(config.codes().rejectUnknownFields()).isTrue();
    }

    @Test
    void the_code_cache_is_sized_in_bytes_beyond_two_gib_and_never_below_zero() {
        assertThat(ConfigLoader.load(Optional.empty(), Map.of("WXACODE_CODE_CACHE_BYTES", "8589934592"))
                .codes().cacheBytes()).isEqualTo(8L * 1024 * 1024 * 1024);
        assertThat(ConfigLoader.load(Optional.empty(), Map.of("WXACODE_CODE_CACHE_BYTES", "0")).codes().cacheBytes())
                .isZero();
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("WXACODE_CODE_CACHE_BYTES", "-1")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("WXACODE_CODE_CACHE_BYTES (limits.code_cache_bytes) must be an integer from 0 up");
    }

    @Test
    void the_environment_wins_over_the_file_and_the_file_over_defaults(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("wxacode.yaml");
        Files.writeString(file, """
                http:
                  port: 9000
                  bind: 0.0.0.0
                  path_prefix: /wxacode
                limits:
                  rate_limit_per_minute: 100
                  quota_zone: UTC
                """);
        ServerConfig config = ConfigLoader.load(Optional.of(file), Map.of("WXACODE_PORT", "9100"));
        assertThat(config.http().port()).isEqualTo(9100);
        assertThat(config.http().bind()).isEqualTo("0.0.0.0");
        assertThat(config.http().pathPrefix()).isEqualTo("/wxacode");
        assertThat(config.codes().perMinute()).isEqualTo(100);
        assertThat(config.tokens().quotaZone()).isEqualTo(ZoneId.of("UTC"));
    }

    @Test
    void an_unknown_file_key_is_an_error_naming_it(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, "http:\n  prot: 80\n");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("http.prot");
    }

    @Test
    void bad_values_fail_naming_the_variable_and_never_echo_it() {
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("WXACODE_PORT", "eighty")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("WXACODE_PORT").hasMessageContaining("http.port");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("WXACODE_IDLE_TIMEOUT", "soon")))
                .hasMessageContaining("WXACODE_IDLE_TIMEOUT");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("WXACODE_PATH_PREFIX", "wxacode/")))
                .hasMessageContaining("WXACODE_PATH_PREFIX");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("WXACODE_QUOTA_ZONE", "Mars/Olympus")))
                .hasMessageContaining("WXACODE_QUOTA_ZONE");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("WXACODE_MASTER_KEY", "c2VjcmV0LXRvby1zaG9ydA==")))
                .hasMessageContaining("WXACODE_MASTER_KEY").hasMessageNotContaining("c2VjcmV0");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("WXACODE_SIGNING_KEYS", "x:abc")))
                .hasMessageContaining("WXACODE_SIGNING_KEYS");
    }

    /** Where each whole-number setting arrives; a new one must be added here to be tested. */
    static final Map<Setting, Function<ServerConfig, Number>> WHOLE_NUMBERS = Map.ofEntries(
            Map.entry(Setting.PORT, c -> c.http().port()),
            Map.entry(Setting.MAX_BODY_BYTES, c -> c.bodies().jsonBytes()),
            Map.entry(Setting.MAX_UPLOAD_BYTES, c -> c.bodies().uploadBytes()),
            Map.entry(Setting.MAX_SCAN_PIXELS, c -> c.cpu().maxScanPixels()),
            Map.entry(Setting.MIN_REQUEST_DATA_RATE, c -> c.connections().minRequestDataRate()),
            Map.entry(Setting.MAX_THREADS_PER_CLIENT, c -> c.connections().maxThreadsPerClient()),
            Map.entry(Setting.MAX_THREADS, c -> c.connections().maxThreads()),
            Map.entry(Setting.DB_POOL_SIZE, c -> c.storage().postgres().orElseThrow().poolSize()),
            Map.entry(Setting.RATE_LIMIT_PER_MINUTE, c -> c.codes().perMinute()),
            Map.entry(Setting.CODE_CACHE_BYTES, c -> c.codes().cacheBytes()),
            Map.entry(Setting.MAX_PAGES_PER_APP, c -> c.codes().maxPagesPerApp()),
            Map.entry(Setting.LIMITED_CODES_PER_APP, c -> c.codes().maxLimitedCodesPerApp()),
            Map.entry(Setting.GET_CODE_DAILY_LIMIT, c -> c.codes().getCodeDaily()),
            Map.entry(Setting.LINK_DAILY_LIMIT, c -> c.codes().linkDaily()),
            Map.entry(Setting.LINK_VISIT_DAILY_LIMIT, c -> c.codes().linkVisitDaily()),
            Map.entry(Setting.PERMANENT_SHORT_LINKS_PER_APP, c -> c.codes().maxPermanentShortLinks()),
            Map.entry(Setting.TOKEN_DAILY_LIMIT, c -> c.tokens().plainDaily()),
            Map.entry(Setting.STABLE_TOKEN_PER_MINUTE, c -> c.tokens().stablePerMinute()),
            Map.entry(Setting.STABLE_TOKEN_DAILY_LIMIT, c -> c.tokens().stableDaily()),
            Map.entry(Setting.FORCE_REFRESH_DAILY_LIMIT, c -> c.tokens().forceRefreshDaily()),
            Map.entry(Setting.RENDER_CONCURRENCY, c -> c.cpu().concurrency()),
            Map.entry(Setting.RENDER_QUEUE_LENGTH, c -> c.cpu().queueLength()),
            Map.entry(Setting.JPEG_BLOCKS, c -> c.cpu().jpegBlocks()),
            Map.entry(Setting.REQUEST_LOG_SIZE, c -> c.requests().logSize()));

    static List<Setting> wholeNumbers() {
        return Arrays.stream(Setting.values()).filter(s -> s.type().kind() == Setting.Type.Kind.WHOLE).toList();
    }

    @Test
    void each_whole_number_setting_reaches_its_own_component() {
        assertThat(WHOLE_NUMBERS.keySet()).containsExactlyInAnyOrderElementsOf(wholeNumbers());
        // Distinct values, so that two settings swapped by position would show.
        Map<String, String> env = new HashMap<>(Map.of("WXACODE_DB_URL", "jdbc:postgresql://db/wxacode",
                "WXACODE_MASTER_KEY", Base64.getEncoder().encodeToString(new byte[32])));
        Map<Setting, Long> given = new HashMap<>();
        List<Setting> settings = wholeNumbers();
        for (int i = 0; i < settings.size(); i++) {
            Setting setting = settings.get(i);
            long value = setting.type().min() + 1 + 37L * i;
            given.put(setting, value);
            env.put(setting.envName(), Long.toString(value));
        }
        assertThat(Set.copyOf(given.values())).hasSize(given.size());
        ServerConfig config = ConfigLoader.load(Optional.empty(), env);
        for (Setting setting : settings) {
            assertThat(WHOLE_NUMBERS.get(setting).apply(config).longValue()).as(setting.name()).isEqualTo(given.get(setting));
        }
    }

    @Test
    void a_whole_number_outside_its_range_is_refused_naming_the_setting_and_the_range() {
        for (Setting setting : wholeNumbers()) {
            Setting.Type type = setting.type();
            String range = type.expected();
            assertThat(ConfigLoader.load(Optional.empty(), Map.of(setting.envName(), Long.toString(type.min()))))
                    .as("%s at its minimum", setting).isNotNull();
            assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of(setting.envName(), Long.toString(type.min() - 1))))
                    .as(setting.name()).isInstanceOf(ConfigException.class)
                    .hasMessageContaining(setting.envName()).hasMessageContaining(range);
            if (type.max() < Long.MAX_VALUE) {
                assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of(setting.envName(), Long.toString(type.max() + 1))))
                        .as(setting.name()).isInstanceOf(ConfigException.class).hasMessageContaining(range);
            }
        }
    }

    @Test
    void a_postgresql_database_needs_a_jdbc_url_and_a_shared_master_key() {
        String key = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("WXACODE_DB_URL", "postgres://db/wxacode",
                "WXACODE_MASTER_KEY", key)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("WXACODE_DB_URL").hasMessageNotContaining("postgres://");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("WXACODE_DB_URL", "jdbc:postgresql://db/wxacode")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("WXACODE_MASTER_KEY");
        ServerConfig config = ConfigLoader.load(Optional.empty(), Map.of("WXACODE_DB_URL", "jdbc:postgresql://db/wxacode?password=in-url",
                "WXACODE_DB_USER", "wx", "WXACODE_DB_PASSWORD", "pg-secret", "WXACODE_MASTER_KEY", key, "WXACODE_DB_POOL_SIZE", "7"));
        assertThat(config.storage().postgres())
                .contains(new ServerConfig.Postgres("jdbc:postgresql://db/wxacode?password=in-url", "wx", "pg-secret", 7));
        assertThat(config.toString()).doesNotContain("pg-secret", "in-url");
        assertThat(config.storage().describe()).isEqualTo("PostgreSQL jdbc:postgresql://db/wxacode");
        assertThat(ServerConfig.defaults().storage().postgres()).isEmpty();
    }

    @Test
    void a_redis_url_is_checked_and_its_password_kept_out_of_logs() {
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("WXACODE_REDIS_URL", "cache:6379")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("WXACODE_REDIS_URL");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("WXACODE_REDIS_URL", "redis://cache",
                "WXACODE_REDIS_TIMEOUT", "0s")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("WXACODE_REDIS_TIMEOUT");
        ServerConfig config = ConfigLoader.load(Optional.empty(), Map.of("WXACODE_REDIS_URL", "redis://:r-secret@cache:6380/2",
                "WXACODE_REDIS_TIMEOUT", "250ms", "WXACODE_REDIS_FAIL_OPEN", "false"));
        assertThat(config.storage().redis())
                .contains(new ServerConfig.Redis("redis://:r-secret@cache:6380/2", Duration.ofMillis(250), false));
        assertThat(config.toString()).doesNotContain("r-secret").contains("redis://cache:6380/2");
        assertThat(ServerConfig.defaults().storage().redis()).isEmpty();
        assertThat(ConfigLoader.load(Optional.empty(), Map.of("WXACODE_REDIS_URL", "redis://cache")).storage().redis())
                .contains(new ServerConfig.Redis("redis://cache", Duration.ofMillis(500), true));
    }

    @Test
    void trusted_proxies_are_addresses_or_ranges() {
        assertThat(ConfigLoader.load(Optional.empty(), Map.of("WXACODE_TRUSTED_PROXIES", " 10.0.0.0/8, ::1 ,")).http().trustedProxies())
                .containsExactly("10.0.0.0/8", "::1");
        assertThat(ServerConfig.defaults().http().trustedProxies()).isEmpty();
        assertThat(ConfigLoader.load(Optional.empty(), Map.of("WXACODE_TRUSTED_PROXIES", "10.0.0.1-10.0.0.9")).http().trustedProxies())
                .containsExactly("10.0.0.1-10.0.0.9");
        for (String bad : List.of("localhost", "lb.internal/8", "10.0.0.0/x", "10.0.0.1-lb", "1.2.3.4/8/8")) {
            assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("WXACODE_TRUSTED_PROXIES", bad)))
                    .as(bad).isInstanceOf(ConfigException.class).hasMessageContaining("WXACODE_TRUSTED_PROXIES");
        }
    }

    @Test
    void durations_and_signing_keys_parse() {
        String key = Base64.getEncoder().encodeToString(new byte[32]);
        ServerConfig config = ConfigLoader.load(Optional.empty(), Map.of(
                "WXACODE_IDLE_TIMEOUT", "1500ms", "WXACODE_RENDER_QUEUE_TIMEOUT", "2m",
                "WXACODE_SIGNING_KEYS", "7:" + key + ", 3:" + key, "WXACODE_RENDER_CONCURRENCY", "3"));
        assertThat(config.connections().idleTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(config.cpu().queueTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.signing().keys()).extracting(ServerConfig.FixedKey::kid).containsExactly(7, 3);
        assertThat(config.signing().toString()).doesNotContain(key);
        assertThat(config.cpu().concurrency()).isEqualTo(3);
    }

    @Test
    void the_admin_key_is_never_shown() {
        ServerConfig config = ConfigLoader.load(Optional.empty(), Map.of("WXACODE_ADMIN_KEY", "hunter2-hunter2"));
        assertThat(config.admin().key()).contains("hunter2-hunter2");
        assertThat(config.toString()).doesNotContain("hunter2");
    }
}
