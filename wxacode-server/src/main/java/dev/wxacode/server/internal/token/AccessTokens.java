package dev.wxacode.server.internal.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The look of an access token: {@code NN_} then characters of {@code [A-Za-z0-9_-]}, 136 in all,
 * like WeChat's (wire spec §4), so code that checks length or charset behaves as in production.
 */
final class AccessTokens {
    static final String PREFIX = "98_";
    static final int LENGTH = 136;
    /** Enough random bytes to fill the body: base64 gives 4 characters per 3 bytes. */
    static final int BODY_BYTES = 100;

    private AccessTokens() {
    }

    static String random(SecureRandom random) {
        byte[] bytes = new byte[BODY_BYTES];
        random.nextBytes(bytes);
        return fromBytes(bytes);
    }

    /** A token whose body is the given bytes, for tokens derived again on demand. */
    static String fromBytes(byte[] bytes) {
        String body = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return PREFIX + body.substring(0, LENGTH - PREFIX.length());
    }

    /** What the store knows a token by; the token itself is never stored. */
    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
