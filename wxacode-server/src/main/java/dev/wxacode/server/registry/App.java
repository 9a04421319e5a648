package dev.wxacode.server.registry;

import dev.wxacode.core.code.LineColor;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A registered mini program.
 *
 * @param secretFrozen       token requests answer 40243 until unfrozen
 * @param demo               the app created on first start, whose secret can be shown again
 * @param brandColor         what {@code auto_color} starts from
 * @param ipWhitelist        when not empty, token requests from other addresses answer 40164
 * @param rateLimitPerMinute this app's own getwxacodeunlimit limit, else the server's
 * @param style              how its codes look; empty for plain codes
 */
public record App(String appid, String name, AppType type, SecretHash secret, boolean secretFrozen,
                  boolean disabled, boolean demo, Optional<LineColor> brandColor, List<String> ipWhitelist,
                  OptionalInt rateLimitPerMinute, long createdAtMillis, Optional<AppStyle> style) {

    public App {
        Objects.requireNonNull(appid, "appid == null");
        Objects.requireNonNull(type, "type == null");
        Objects.requireNonNull(secret, "secret == null");
        Objects.requireNonNull(style, "style == null");
        ipWhitelist = List.copyOf(ipWhitelist);
    }
}
