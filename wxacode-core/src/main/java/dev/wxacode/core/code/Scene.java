package dev.wxacode.core.code;

import dev.wxacode.core.wire.Errcode;
import dev.wxacode.core.wire.WxException;

/**
 * The {@code scene} of a code: 1 to 32 characters, each a letter, a digit or one of
 * {@code !#$&'()*+,/:;=?@-._~}. No {@code %}, no space, nothing outside ASCII (wire spec §1).
 *
 * <p>Length is checked before the character set, so a 40-character scene with a space answers
 * 40169, not 40129.
 */
public record Scene(String value) {
    public static final int MAX_LENGTH = 32;
    private static final String PUNCTUATION = "!#$&'()*+,/:;=?@-._~";

    /** @throws WxException 40169 if empty or too long, 40129 for a character outside the set */
    public Scene {
        if (value == null || value.isEmpty()) {
            throw new WxException(Errcode.INVALID_SCENE_LENGTH, "scene missing or empty");
        }
        int length = value.codePointCount(0, value.length());
        if (length > MAX_LENGTH) {
            throw new WxException(Errcode.INVALID_SCENE_LENGTH, "scene has " + length + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            if (!allowed(value.charAt(i))) {
                throw new WxException(Errcode.INVALID_SCENE, "scene character at " + i + " not allowed");
            }
        }
    }

    public static boolean allowed(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
                || PUNCTUATION.indexOf(c) >= 0;
    }

    /**
     * The scene as the mini program receives it in {@code onLoad(query).scene}: escaped like
     * JavaScript's {@code encodeURIComponent}, which leaves {@code A-Z a-z 0-9 - _ . ! ~ * ' ( )}
     * alone and writes every other byte as {@code %XX}. So {@code a=1&b=2} arrives as
     * {@code a%3D1%26b%3D2}, and the page must call {@code decodeURIComponent}.
     */
    public String uriEncoded() {
        StringBuilder out = new StringBuilder(value.length() * 3);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || "-_.!~*'()".indexOf(c) >= 0) {
                out.append(c);
            } else {
                // Every allowed scene character is ASCII, so one %XX per character is exact.
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return value;
    }
}
