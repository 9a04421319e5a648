package dev.wxacode.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @Test
    void defaults_are_the_documented_ones() {
        ServerConfig config = ServerConfig.defaults();
        assertThat(config.http().bind()).isEqualTo("127.0.0.1");
        assertThat(config.http().port()).isEqualTo(8080);
        assertThat(config.http().maxBodyBytes()).isEqualTo(64 * 1024);
        assertThat(config.http().maxUploadBytes()).isEqualTo(5 * 1024 * 1024);
        assertThat(config.http().idleTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.storage().dataDir()).isEqualTo(Path.of("./data"));
        assertThat(config.admin().key()).isEmpty();
        assertThat(config.seed().demo()).isTrue();
        assertThat(config.limits().ratePerMinute()).isEqualTo(5000);
        assertThat(config.limits().tokenDaily()).isEqualTo(2000);
        assertThat(config.limits().stablePerMinute()).isEqualTo(10_000);
        assertThat(config.limits().stableDaily()).isEqualTo(500_000);
        assertThat(config.limits().forceRefreshDaily()).isEqualTo(20);
        assertThat(config.limits().quotaZone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(config.limits().renderConcurrency()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(config.limits().codeCacheBytes()).isEqualTo(64L * 1024 * 1024);
        assertThat(config.limits().rejectUnknownFields()).isTrue();
    }

    @Test
    void the_code_cache_is_sized_in_bytes_beyond_two_gib_and_never_below_zero() {
        assertThat(ConfigLoader.load(Optional.empty(), Map.of("WXACODE_CODE_CACHE_BYTES", "8589934592"))
                .limits().codeCacheBytes()).isEqualTo(8L * 1024 * 1024 * 1024);
        assertThat(ConfigLoader.load(Optional.empty(), Map.of("WXACODE_CODE_CACHE_BYTES", "0")).limits().codeCacheBytes())
                .isZero();
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("WXACODE_CODE_CACHE_BYTES", "-1")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("WXACODE_CODE_CACHE_BYTES (limits.code_cache_bytes) must be an integer from 0 to "
                        + Long.MAX_VALUE);
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
        assertThat(config.limits().ratePerMinute()).isEqualTo(100);
        assertThat(config.limits().quotaZone()).isEqualTo(ZoneId.of("UTC"));
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
        assertThat(config.http().idleTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(config.limits().renderQueueTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.signing().keys()).extracting(ServerConfig.FixedKey::kid).containsExactly(7, 3);
        assertThat(config.signing().toString()).doesNotContain(key);
        assertThat(config.limits().renderConcurrency()).isEqualTo(3);
    }

    @Test
    void the_admin_key_is_never_shown() {
        ServerConfig config = ConfigLoader.load(Optional.empty(), Map.of("WXACODE_ADMIN_KEY", "hunter2-hunter2"));
        assertThat(config.admin().key()).contains("hunter2-hunter2");
        assertThat(config.toString()).doesNotContain("hunter2");
    }
}
