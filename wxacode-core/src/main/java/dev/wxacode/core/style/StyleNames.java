package dev.wxacode.core.style;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The names the style's choices go by outside Java (admin API, seed files, the CLI): the constant
 * in lower case, {@code dot}, {@code rounded}, {@code round}.
 */
public final class StyleNames {
    private StyleNames() {
    }

    public static String of(Enum<?> choice) {
        return choice.name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException for a name none of {@code type}'s constants has, naming those it has */
    public static <E extends Enum<E>> E parse(Class<E> type, String name) {
        for (E value : type.getEnumConstants()) {
            if (of(value).equals(name)) {
                return value;
            }
        }
        throw new IllegalArgumentException("\"" + name + "\" is not one of " + Arrays.stream(type.getEnumConstants())
                .map(StyleNames::of).collect(Collectors.joining(", ")));
    }
}
