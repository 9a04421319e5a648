package dev.wxacode.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.lettuce.core.RedisURI;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@link ServerConfig} from an optional YAML (or JSON) file and the environment. Pure: the
 * caller passes the environment, so tests pass a map.
 */
public final class ConfigLoader {
    private static final Logger log = LoggerFactory.getLogger(ConfigLoader.class);
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");
    /**
     * WXACODE_* variables that are no setting but are read elsewhere: by the command and its
     * launcher (docs/configuration.md), by the command's client calls, and by the npm package.
     */
    private static final Set<String> OTHER_VARIABLES = Set.of("WXACODE_CONFIG", "WXACODE_LOG_FORMAT", "WXACODE_LOG_LEVEL",
            "WXACODE_JAVA_OPTS", "WXACODE_AOT", "WXACODE_URL", "WXACODE_APPID", "WXACODE_SECRET", "WXACODE_FUNCTION_DIR",
            "WXACODE_JAR");

    private ConfigLoader() {
    }

    /**
     * @throws ConfigException naming the key of the first value that cannot be used, or an unknown
     *                         key in the file
     */
    public static ServerConfig load(Optional<Path> file, Map<String, String> env) {
        unknownVariables(env).forEach(warning -> log.warn("event=unknown_variable {}", warning));
        Map<String, String> fromFile = file.map(ConfigLoader::readFile).orElse(Map.of());
        Map<Setting, String> raw = new EnumMap<>(Setting.class);
        for (Setting setting : Setting.values()) {
            String value = env.get(setting.envName());
            if (value == null) {
                value = fromFile.getOrDefault(setting.key(), setting.defaultValue());
            }
            raw.put(setting, value.trim());
        }
        return build(Values.typed(raw));
    }

    /**
     * A warning for each {@code WXACODE_*} variable that nothing reads, naming the setting it is
     * closest to: a misspelt variable would otherwise leave its setting at the default without a word.
     */
    public static List<String> unknownVariables(Map<String, String> env) {
        List<String> known = new ArrayList<>(OTHER_VARIABLES);
        Arrays.stream(Setting.values()).map(Setting::envName).forEach(known::add);
        return env.keySet().stream().filter(name -> name.startsWith("WXACODE_") && !known.contains(name)).sorted()
                .map(name -> {
                    String closest = known.stream().min((a, b) -> Integer.compare(distance(name, a), distance(name, b)))
                            .orElseThrow();
                    return "variable=" + name + " detail=\"not a wxacode setting; did you mean " + closest
                            + "? (docs/configuration.md)\"";
                }).toList();
    }

    /** Edits (insert, delete, replace) between two names. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int replace = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(replace, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static ServerConfig build(Values v) {
        String prefix = v.string(Setting.PATH_PREFIX);
        if (!prefix.isEmpty() && (!prefix.startsWith("/") || prefix.endsWith("/") || prefix.contains("?"))) {
            throw v.bad(Setting.PATH_PREFIX, "a path like /wxacode (leading slash, no trailing slash)");
        }
        int renderConcurrency = v.integer(Setting.RENDER_CONCURRENCY);
        return new ServerConfig(
                new ServerConfig.Http(v.string(Setting.BIND), v.integer(Setting.PORT), prefix, v.optional(Setting.PUBLIC_URL),
                        v.trustedProxies()),
                new ServerConfig.Connections(v.duration(Setting.IDLE_TIMEOUT), v.duration(Setting.HEADER_TIMEOUT),
                        v.duration(Setting.SHUTDOWN_TIMEOUT),
                        v.duration(Setting.DRAIN_DELAY), v.number(Setting.MIN_REQUEST_DATA_RATE),
                        v.integer(Setting.MAX_THREADS_PER_CLIENT), v.integer(Setting.MAX_THREADS)),
                new ServerConfig.Bodies(v.integer(Setting.MAX_BODY_BYTES), v.integer(Setting.MAX_UPLOAD_BYTES),
                        v.bool(Setting.REFUSE_CHUNKED_BODIES)),
                new ServerConfig.Storage(Path.of(v.string(Setting.DATA_DIR)), postgres(v), redis(v)),
                new ServerConfig.Admin(v.optional(Setting.ADMIN_KEY)),
                new ServerConfig.Seed(v.optional(Setting.SEED).map(Path::of), v.bool(Setting.DEMO)),
                new ServerConfig.Signing(v.optional(Setting.MASTER_KEY).map(k -> v.key32(Setting.MASTER_KEY, k)),
                        v.signingKeys()),
                new ServerConfig.Codes(v.integer(Setting.RATE_LIMIT_PER_MINUTE), v.bool(Setting.STRICT_FIELDS),
                        v.number(Setting.CODE_CACHE_BYTES), v.integer(Setting.MAX_PAGES_PER_APP),
                        v.integer(Setting.LIMITED_CODES_PER_APP), v.integer(Setting.GET_CODE_DAILY_LIMIT),
                        v.integer(Setting.LINK_DAILY_LIMIT), v.integer(Setting.LINK_VISIT_DAILY_LIMIT),
                        v.integer(Setting.PERMANENT_SHORT_LINKS_PER_APP)),
                new ServerConfig.Tokens(v.integer(Setting.TOKEN_DAILY_LIMIT), v.integer(Setting.STABLE_TOKEN_PER_MINUTE),
                        v.integer(Setting.STABLE_TOKEN_DAILY_LIMIT), v.integer(Setting.FORCE_REFRESH_DAILY_LIMIT),
                        v.zone(Setting.QUOTA_ZONE)),
                new ServerConfig.Cpu(renderConcurrency == 0 ? Runtime.getRuntime().availableProcessors() : renderConcurrency,
                        v.integer(Setting.RENDER_QUEUE_LENGTH), v.duration(Setting.RENDER_QUEUE_TIMEOUT),
                        v.number(Setting.MAX_SCAN_PIXELS), v.integer(Setting.JPEG_BLOCKS)),
                new ServerConfig.Requests(v.integer(Setting.REQUEST_LOG_SIZE), v.bool(Setting.REQUEST_LOG_PERSIST)));
    }

    private static Optional<ServerConfig.Postgres> postgres(Values v) {
        Optional<String> url = v.optional(Setting.DB_URL);
        if (url.isEmpty()) {
            return Optional.empty();
        }
        if (!url.get().startsWith("jdbc:postgresql:")) {
            throw v.bad(Setting.DB_URL, "a PostgreSQL JDBC URL such as jdbc:postgresql://db:5432/wxacode");
        }
        // Every node must decrypt the signing keys that any node stored: a key file per data
        // directory would leave each node unable to read the others'.
        if (v.optional(Setting.MASTER_KEY).isEmpty()) {
            throw v.bad(Setting.MASTER_KEY, "set, the same on every node, when " + Setting.DB_URL.envName() + " is");
        }
        return Optional.of(new ServerConfig.Postgres(url.get(), v.string(Setting.DB_USER), v.string(Setting.DB_PASSWORD),
                v.integer(Setting.DB_POOL_SIZE)));
    }

    private static Optional<ServerConfig.Redis> redis(Values v) {
        Optional<String> url = v.optional(Setting.REDIS_URL);
        if (url.isEmpty()) {
            return Optional.empty();
        }
        try {
            RedisURI.create(url.get());
        } catch (IllegalArgumentException e) {
            throw v.bad(Setting.REDIS_URL, "a Redis URL such as redis://cache:6379 or rediss://:password@cache:6380/0");
        }
        Duration timeout = v.duration(Setting.REDIS_TIMEOUT);
        if (timeout.isZero()) {
            throw v.bad(Setting.REDIS_TIMEOUT, "a duration above zero, such as 500ms");
        }
        return Optional.of(new ServerConfig.Redis(url.get(), timeout, v.bool(Setting.REDIS_FAIL_OPEN)));
    }

    /** {@code 500ms}, {@code 30s}, {@code 5m} or {@code 1h}; empty for anything else. */
    public static Optional<Duration> parseDuration(String value) {
        Matcher m = DURATION.matcher(value.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        return Optional.of(switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        });
    }

    private static Map<String, String> readFile(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> flat = new HashMap<>();
        if (root != null && !root.isMissingNode() && !root.isNull()) {
            if (!root.isObject()) {
                throw new ConfigException("configuration file " + file + " must hold a mapping of sections");
            }
            flatten("", root, flat);
        }
        Set<String> known = new HashSet<>();
        for (Setting setting : Setting.values()) {
            known.add(setting.key());
        }
        for (String key : flat.keySet()) {
            if (!known.contains(key)) {
                throw new ConfigException("unknown key '" + key + "' in " + file + "; known keys: " + known.stream().sorted().toList());
            }
        }
        return flat;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String key = prefix + field.getKey();
            JsonNode value = field.getValue();
            if (value.isObject()) {
                flatten(key + ".", value, out);
            } else if (value.isArray()) {
                List<String> items = new ArrayList<>();
                value.forEach(item -> items.add(item.asText()));
                out.put(key, String.join(",", items));
            } else {
                out.put(key, value.isNull() ? "" : value.asText());
            }
        }
    }

    /**
     * Every setting's value, parsed by its {@link Setting#type()} as it is loaded, so that a value
     * out of its range stops the start naming the setting before any is used.
     */
    private record Values(Map<Setting, String> raw, Map<Setting, Object> typed) {
        static Values typed(Map<Setting, String> raw) {
            Values values = new Values(raw, new EnumMap<>(Setting.class));
            for (Setting setting : Setting.values()) {
                values.typed.put(setting, values.parse(setting));
            }
            return values;
        }

        private Object parse(Setting s) {
            String value = raw.get(s);
            Setting.Type type = s.type();
            return switch (type.kind()) {
                case TEXT -> value;
                case REQUIRED -> {
                    if (value.isEmpty()) {
                        throw bad(s, type.expected());
                    }
                    yield value;
                }
                case WHOLE -> {
                    try {
                        long number = Long.parseLong(value);
                        if (number >= type.min() && number <= type.max()) {
                            yield number;
                        }
                    } catch (NumberFormatException e) {
                        // refused below with the range
                    }
                    throw bad(s, type.expected());
                }
                case BOOLEAN -> switch (value.toLowerCase(Locale.ROOT)) {
                    case "true", "yes", "1", "on" -> true;
                    case "false", "no", "0", "off" -> false;
                    default -> throw bad(s, type.expected());
                };
                case DURATION -> parseDuration(value).orElseThrow(() -> bad(s, type.expected()));
                case ZONE -> {
                    try {
                        yield ZoneId.of(value);
                    } catch (DateTimeException e) {
                        throw bad(s, type.expected());
                    }
                }
            };
        }

        private <T> T get(Setting s, Setting.Type.Kind kind, Class<T> as) {
            if (s.type().kind() != kind) {
                throw new IllegalStateException(s + " is " + s.type().kind() + ", not " + kind);
            }
            return as.cast(typed.get(s));
        }

        String string(Setting s) {
            boolean required = s.type().kind() == Setting.Type.Kind.REQUIRED;
            return get(s, required ? Setting.Type.Kind.REQUIRED : Setting.Type.Kind.TEXT, String.class);
        }

        Optional<String> optional(Setting s) {
            String value = get(s, Setting.Type.Kind.TEXT, String.class);
            return value.isEmpty() ? Optional.empty() : Optional.of(value);
        }

        /** A whole-number setting whose range lies within an int's. */
        int integer(Setting s) {
            return Math.toIntExact(number(s));
        }

        long number(Setting s) {
            return get(s, Setting.Type.Kind.WHOLE, Long.class);
        }

        boolean bool(Setting s) {
            return get(s, Setting.Type.Kind.BOOLEAN, Boolean.class);
        }

        Duration duration(Setting s) {
            return get(s, Setting.Type.Kind.DURATION, Duration.class);
        }

        ZoneId zone(Setting s) {
            return get(s, Setting.Type.Kind.ZONE, ZoneId.class);
        }

        /** Checked here, so a typo stops the start with the setting's name rather than later. */
        List<String> trustedProxies() {
            List<String> entries = Arrays.stream(raw.get(Setting.TRUSTED_PROXIES).split(","))
                    .map(String::trim).filter(e -> !e.isEmpty()).toList();
            try {
                IpAddresses.ranges(entries);
            } catch (IllegalArgumentException e) {
                throw bad(Setting.TRUSTED_PROXIES, "IP addresses or CIDR ranges, comma-separated, e.g. 10.0.0.5,10.0.1.0/29");
            }
            return entries;
        }

        byte[] key32(Setting s, String base64) {
            byte[] key;
            try {
                key = Base64.getDecoder().decode(base64.replace('-', '+').replace('_', '/'));
            } catch (IllegalArgumentException e) {
                throw bad(s, "base64");
            }
            if (key.length != 32) {
                throw bad(s, "exactly 32 bytes once base64-decoded, got " + key.length);
            }
            return key;
        }

        List<ServerConfig.FixedKey> signingKeys() {
            String value = raw.get(Setting.SIGNING_KEYS);
            if (value.isEmpty()) {
                return List.of();
            }
            List<ServerConfig.FixedKey> keys = new ArrayList<>();
            Set<Integer> seen = new HashSet<>();
            for (String pair : value.split(",")) {
                String[] parts = pair.trim().split(":", 2);
                int kid;
                try {
                    kid = parts.length == 2 ? Integer.parseInt(parts[0]) : -1;
                } catch (NumberFormatException e) {
                    kid = -1;
                }
                if (kid < 1 || kid > 0xFFFF || !seen.add(kid)) {
                    throw bad(Setting.SIGNING_KEYS, "distinct kid:base64 pairs with kid 1-65535");
                }
                keys.add(new ServerConfig.FixedKey(kid, key32(Setting.SIGNING_KEYS, parts[1])));
            }
            return List.copyOf(keys);
        }

        /** Never echoes the value: it may be a secret. */
        ConfigException bad(Setting s, String expected) {
            return new ConfigException(s.envName() + " (" + s.key() + ") must be " + expected);
        }
    }
}
