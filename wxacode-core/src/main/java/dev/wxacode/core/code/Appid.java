package dev.wxacode.core.code;

import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A mini program's id: {@code wx} and 16 lowercase hex digits, like WeChat's own. The fixed form
 * lets a launch link carry it in 8 bytes.
 */
public record Appid(String value) {
    private static final Pattern FORM = Pattern.compile("wx[0-9a-f]{16}");

    /** @throws IllegalArgumentException unless {@code value} is {@code wx} + 16 lowercase hex digits */
    public Appid {
        if (value == null || !FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("appid must be wx followed by 16 lowercase hex digits");
        }
    }

    public static boolean isWellFormed(String value) {
        return value != null && FORM.matcher(value).matches();
    }

    public byte[] toBytes() {
        return HexFormat.of().parseHex(value, 2, value.length());
    }

    public static Appid fromBytes(byte[] eight) {
        return new Appid("wx" + HexFormat.of().formatHex(eight));
    }

    @Override
    public String toString() {
        return value;
    }
}
