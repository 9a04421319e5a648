package dev.wxacode.server.registry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * An app secret as stored: a random salt and SHA-256 of salt and secret.
 *
 * <p>A fast hash is enough because generated secrets carry 128 random bits (like WeChat's 32 hex
 * digits): nobody brute-forces that, salted or not. Comparison is constant-time.
 */
public record SecretHash(byte[] salt, byte[] hash) {
    private static final int SALT_BYTES = 16;

    public static SecretHash of(String secret, SecureRandom random) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return new SecretHash(salt, digest(salt, secret));
    }

    public boolean matches(String secret) {
        return MessageDigest.isEqual(hash, digest(salt, secret));
    }

    /** A new secret in WeChat's form: 32 lowercase hex digits. */
    public static String newSecret(SecureRandom random) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static byte[] digest(byte[] salt, String secret) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            return sha.digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "SecretHash[…]";
    }
}
