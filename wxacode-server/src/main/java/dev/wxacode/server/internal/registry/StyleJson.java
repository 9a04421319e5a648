package dev.wxacode.server.internal.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wxacode.core.code.LineColor;
import dev.wxacode.core.style.CodeStyle;
import dev.wxacode.core.style.FinderShape;
import dev.wxacode.core.style.Frame;
import dev.wxacode.core.style.ModuleShape;
import dev.wxacode.core.style.StyleNames;
import dev.wxacode.server.internal.http.WireJson;
import dev.wxacode.server.registry.AppStyle;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;

/**
 * An {@link AppStyle} as the admin API, the seed file and the database write it:
 * <pre>{"modules":"dot","finders":"circle","frame":"round","logo":true,"logo_size":0.2,
 *  "finder_color":"#07C160","frame_color":"#07C160"}</pre>
 * Every key may be left out for the plain look's value; a colour left out (or {@code null}) is the
 * modules' own.
 */
public final class StyleJson {
    public static final Set<String> KEYS = Set.of("modules", "finders", "frame", "logo", "logo_size", "finder_color",
            "frame_color");

    private StyleJson() {
    }

    /** @throws IllegalArgumentException naming the key that is unknown or malformed */
    public static AppStyle fromJson(JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("a style must be a JSON object");
        }
        WireJson.unknownKey(node, KEYS).ifPresent(key -> {
            throw new IllegalArgumentException("unknown style key '" + key + "'; known: " + KEYS.stream().sorted().toList());
        });
        AppStyle plain = AppStyle.PLAIN;
        JsonNode logo = node.get("logo");
        if (logo != null && !logo.isBoolean()) {
            throw new IllegalArgumentException("logo must be true or false");
        }
        JsonNode size = node.get("logo_size");
        if (size != null && !(size.isNumber() && size.doubleValue() >= CodeStyle.MIN_LOGO_SIZE
                && size.doubleValue() <= CodeStyle.MAX_LOGO_SIZE)) {
            throw new IllegalArgumentException("logo_size must be a number from " + CodeStyle.MIN_LOGO_SIZE + " to "
                    + CodeStyle.MAX_LOGO_SIZE + " (the logo's share of the code's side)");
        }
        return new AppStyle(
                choice(node, "modules", ModuleShape.class, plain.modules()),
                choice(node, "finders", FinderShape.class, plain.finders()),
                choice(node, "frame", Frame.class, plain.frame()),
                logo != null && logo.booleanValue(),
                size == null ? plain.logoSize() : size.doubleValue(),
                colour(node, "finder_color"), colour(node, "frame_color"));
    }

    /** Every key, colours {@code null} where they are the modules' own. */
    public static ObjectNode toJson(AppStyle style) {
        ObjectNode json = WireJson.object();
        json.put("modules", StyleNames.of(style.modules()));
        json.put("finders", StyleNames.of(style.finders()));
        json.put("frame", StyleNames.of(style.frame()));
        json.put("logo", style.logo());
        json.put("logo_size", style.logoSize());
        putColour(json, "finder_color", style.finderRgb());
        putColour(json, "frame_color", style.frameRgb());
        return json;
    }

    private static <E extends Enum<E>> E choice(JsonNode node, String key, Class<E> type, E absent) {
        JsonNode value = node.get(key);
        if (value == null) {
            return absent;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException(key + " must be a string");
        }
        try {
            return StyleNames.parse(type, value.textValue());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
        }
    }

    private static OptionalInt colour(JsonNode node, String key) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return OptionalInt.empty();
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException(key + " must be a string #RRGGBB");
        }
        try {
            return OptionalInt.of(LineColor.parseHex(value.textValue()).rgb());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
        }
    }

    private static void putColour(ObjectNode json, String key, OptionalInt rgb) {
        if (rgb.isPresent()) {
            json.put(key, String.format(Locale.ROOT, "#%06X", rgb.getAsInt()));
        } else {
            json.putNull(key);
        }
    }
}
