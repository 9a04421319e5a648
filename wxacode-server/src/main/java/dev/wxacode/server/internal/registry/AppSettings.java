package dev.wxacode.server.internal.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wxacode.core.code.LineColor;
import dev.wxacode.server.config.IpAddresses;
import dev.wxacode.server.registry.App;
import dev.wxacode.server.registry.AppType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A change to an app's settings: each present field replaces the current value; an absent one
 * leaves it. {@code brandColor} and {@code rateLimitPerMinute} are doubly optional so that a
 * change can also clear them.
 */
public record AppSettings(Optional<String> name, Optional<AppType> type, Optional<Boolean> secretFrozen,
                          Optional<Optional<LineColor>> brandColor, Optional<List<String>> ipWhitelist,
                          Optional<OptionalInt> rateLimitPerMinute) {

    /** The keys {@link #fromJson} reads; callers decide what other keys their document may hold. */
    public static final Set<String> KEYS = Set.of("name", "type", "secret_frozen", "brand_color", "ip_whitelist",
            "rate_limit_per_minute");
    private static final int MAX_NAME = 128;
    /** Enough for any real allow-list, and what the stored column holds even for IPv6. */
    private static final int MAX_WHITELIST = 64;

    /** {@code app} with these settings applied: what is absent here stays as it was. */
    public App applyTo(App app) {
        return new App(app.appid(), name.orElse(app.name()), type.orElse(app.type()), app.secret(),
                secretFrozen.orElse(app.secretFrozen()), app.disabled(), app.demo(),
                brandColor.orElse(app.brandColor()), ipWhitelist.orElse(app.ipWhitelist()),
                rateLimitPerMinute.orElse(app.rateLimitPerMinute()), app.createdAtMillis(), app.style());
    }

    /**
     * Reads the settings present in an admin request or a seed entry. {@code null} clears
     * {@code brand_color} and {@code rate_limit_per_minute}.
     *
     * @throws IllegalArgumentException naming the field that is malformed
     */
    public static AppSettings fromJson(JsonNode node) {
        return new AppSettings(
                present(node, "name").map(n -> {
                    String name = text(n, "name");
                    if (name.isBlank() || name.length() > MAX_NAME) {
                        throw new IllegalArgumentException("name must have 1 to " + MAX_NAME + " characters");
                    }
                    return name;
                }),
                present(node, "type").map(n -> AppType.fromWire(text(n, "type"))),
                present(node, "secret_frozen").map(n -> {
                    if (!n.isBoolean()) {
                        throw new IllegalArgumentException("secret_frozen must be true or false");
                    }
                    return n.booleanValue();
                }),
                node.has("brand_color") ? Optional.of(node.get("brand_color").isNull() ? Optional.empty()
                        : Optional.of(LineColor.parseHex(text(node.get("brand_color"), "brand_color")))) : Optional.empty(),
                present(node, "ip_whitelist").map(AppSettings::whitelist),
                node.has("rate_limit_per_minute") ? Optional.of(rateLimit(node.get("rate_limit_per_minute"))) : Optional.empty());
    }

    private static Optional<JsonNode> present(JsonNode node, String key) {
        JsonNode value = node.get(key);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    private static String text(JsonNode node, String key) {
        if (!node.isTextual()) {
            throw new IllegalArgumentException(key + " must be a string");
        }
        return node.textValue();
    }

    private static List<String> whitelist(JsonNode node) {
        if (!node.isArray() || node.size() > MAX_WHITELIST) {
            throw new IllegalArgumentException("ip_whitelist must be a list of at most " + MAX_WHITELIST + " IP addresses");
        }
        List<String> addresses = new ArrayList<>();
        for (JsonNode item : node) {
            addresses.add(IpAddresses.canonical(text(item, "ip_whitelist entry")));
        }
        return addresses;
    }

    private static OptionalInt rateLimit(JsonNode node) {
        if (node.isNull()) {
            return OptionalInt.empty();
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber() || node.intValue() < 0) {
            throw new IllegalArgumentException("rate_limit_per_minute must be a whole number, 0 or more (0: no limit)");
        }
        return OptionalInt.of(node.intValue());
    }
}
