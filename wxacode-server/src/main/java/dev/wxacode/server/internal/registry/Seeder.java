package dev.wxacode.server.internal.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.wxacode.core.code.EnvVersion;
import dev.wxacode.core.wire.WxException;
import dev.wxacode.server.config.ConfigException;
import dev.wxacode.server.internal.http.WireJson;
import dev.wxacode.server.registry.App;
import dev.wxacode.server.registry.AppStyle;
import dev.wxacode.server.registry.SecretHash;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a seed file (YAML or JSON) at start, so CI gets the same apps every run:
 *
 * <pre>
 * apps:
 *   - appid: wx0123456789abcdef
 *     secret: 0123456789abcdef0123456789abcdef
 *     name: Shop                      # optional
 *     type: miniprogram               # optional: miniprogram, minigame, official_account
 *     secret_frozen: false            # optional
 *     brand_color: "#07C160"          # optional, for auto_color
 *     logo: logo.png                  # optional, relative to the seed file
 *     ip_whitelist: [127.0.0.1]       # optional
 *     rate_limit_per_minute: 100      # optional
 *     style:                          # optional; null clears it (docs/styles.md)
 *       modules: dot
 *       finders: rounded
 *       logo: true                    # the logo above, in the middle of every code
 *     releases:
 *       release: [pages/index/index, pages/detail/detail]
 *       trial: [pages/index/index]
 * </pre>
 *
 * Idempotent: an app that exists is brought to what the file says (secret included); a release is
 * republished, and a style checked and stored, only when it differs. Apps not in the file are left
 * alone.
 */
public final class Seeder {
    private static final Logger log = LoggerFactory.getLogger(Seeder.class);
    private static final Set<String> APP_KEYS = Stream.concat(AppSettings.KEYS.stream(),
            Stream.of("appid", "secret", "logo", "style", "releases")).collect(Collectors.toUnmodifiableSet());

    private final Registry registry;

    public Seeder(Registry registry) {
        this.registry = registry;
    }

    /** @throws ConfigException naming the file and the app entry that cannot be applied */
    public void apply(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new ConfigException("cannot read seed file " + file + ": " + e.getMessage(), e);
        }
        JsonNode apps = root == null ? null : root.get("apps");
        if (apps == null || !apps.isArray()) {
            throw new ConfigException("seed file " + file + " must have a list 'apps'");
        }
        for (int i = 0; i < apps.size(); i++) {
            String where = "seed file " + file + ", apps[" + i + "]";
            try {
                applyApp(apps.get(i), file.toAbsolutePath().getParent(), where);
            } catch (WxException e) {
                throw new ConfigException(where + ": " + e.errmsgText());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(where + ": " + e.getMessage());
            }
        }
        log.info("event=seed_applied file=\"{}\" apps={}", file, apps.size());
    }

    private void applyApp(JsonNode entry, Path dir, String where) {
        if (!entry.isObject()) {
            throw new ConfigException(where + " must be a mapping");
        }
        WireJson.unknownKey(entry, APP_KEYS).ifPresent(name -> {
            throw new ConfigException(where + ": unknown key '" + name + "'; known: " + APP_KEYS.stream().sorted().toList());
        });
        String appid = text(entry, "appid").orElseThrow(() -> new ConfigException(where + ": appid is required"));
        String secret = text(entry, "secret").orElseThrow(() -> new ConfigException(where + ": secret is required"));
        AppSettings settings = AppSettings.fromJson(entry);

        Optional<App> existing = registry.find(appid);
        if (existing.isEmpty()) {
            registry.create(new Registry.NewApp(Optional.of(appid), Optional.of(secret), false, settings));
        } else {
            App app = existing.get();
            if (!app.secret().matches(secret)) {
                registry.setSecret(app, secret);
            }
            App current = registry.require(appid);
            // Same SecretHash instance on both sides, so equality compares only the settings.
            if (!settings.applyTo(current).equals(current)) {
                registry.update(appid, settings);
            }
        }
        Optional<String> logo = text(entry, "logo");
        if (logo.isPresent()) {
            byte[] bytes = readLogo(dir.resolve(logo.get()), where);
            if (!registry.logo(appid).map(current -> Arrays.equals(current, bytes)).orElse(false)) {
                registry.setLogo(appid, bytes);
            }
        }
        if (entry.has("style")) {
            JsonNode style = entry.get("style");
            Optional<AppStyle> wanted = style.isNull() ? Optional.empty() : Optional.of(StyleJson.fromJson(style));
            if (!wanted.equals(registry.require(appid).style())) {
                if (wanted.isPresent()) {
                    registry.setStyle(appid, wanted.get());
                } else {
                    registry.clearStyle(appid);
                }
            }
        }
        JsonNode releases = entry.get("releases");
        if (releases != null) {
            Map<EnvVersion, Release> current = registry.releases(appid);
            for (Map.Entry<String, JsonNode> release : releases.properties()) {
                EnvVersion env;
                try {
                    env = EnvVersion.fromWire(release.getKey());
                } catch (WxException e) {
                    throw new ConfigException(where + ": releases key must be release, trial or develop");
                }
                List<String> pages = strings(release.getValue());
                Release now = current.get(env);
                if (now == null || !now.pages().equals(pages)) {
                    registry.publish(appid, env, pages);
                }
            }
        }
    }

    private static byte[] readLogo(Path path, String where) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new ConfigException(where + ": cannot read logo " + path);
        }
    }

    private static Optional<String> text(JsonNode entry, String key) {
        JsonNode node = entry.get(key);
        return node == null || node.isNull() ? Optional.empty() : Optional.of(node.asText());
    }

    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(item -> values.add(item.asText()));
        } else {
            values.add(node.asText());
        }
        return values;
    }
}
