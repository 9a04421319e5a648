package dev.wxacode.core.link;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A server key: its id travels in every launch link so that links signed before a rotation still
 * verify. From the one secret, independent sub-keys are derived per purpose (HMAC of the purpose
 * name), so a link MAC can never be replayed as, say, a stable-token seed.
 */
public final class SigningKey {
    /** Secrets shorter than this are refused: HMAC-SHA256 wants at least its output size. */
    public static final int MIN_SECRET_BYTES = 32;

    private final int kid;
    private final byte[] linkKey;
    private final byte[] tokenKey;
    private final byte[] demoKey;
    /**
     * A link's MAC is taken on every code made and every link read; finding and keying an HMAC
     * for each costs more than the MAC itself. One per thread, as a Mac is not thread-safe.
     */
    private final ThreadLocal<Mac> linkMac;

    /**
     * @param kid    1 or more; carried in links as a varint
     * @param secret at least {@link #MIN_SECRET_BYTES} random bytes; copied, never exposed
     */
    public SigningKey(int kid, byte[] secret) {
        if (kid < 1) {
            throw new IllegalArgumentException("key id must be positive, got " + kid);
        }
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("key " + kid + " has " + secret.length + " bytes; at least "
                    + MIN_SECRET_BYTES + " are needed");
        }
        this.kid = kid;
        this.linkKey = hmac(secret, "wxacode link v1".getBytes(StandardCharsets.US_ASCII));
        this.tokenKey = hmac(secret, "wxacode stable token v1".getBytes(StandardCharsets.US_ASCII));
        this.demoKey = hmac(secret, "wxacode demo secret v1".getBytes(StandardCharsets.US_ASCII));
        this.linkMac = ThreadLocal.withInitial(() -> keyed(linkKey));
    }

    public int kid() {
        return kid;
    }

    byte[] macLink(byte[] message, int length) {
        // doFinal leaves the Mac reset for the next message.
        return Arrays.copyOf(linkMac.get().doFinal(message), length);
    }

    /**
     * {@code length} pseudo-random bytes bound to {@code label}: HMAC in counter mode (the expand
     * step of HKDF), so the same label always gives the same bytes under the same key.
     */
    public byte[] tokenBytes(String label, int length) {
        return expand(tokenKey, label, length);
    }

    /** Bytes for the demo app's secret, so it can be shown again at every start without storing it. */
    public byte[] demoBytes(String label, int length) {
        return expand(demoKey, label, length);
    }

    private static byte[] expand(byte[] key, String label, int length) {
        byte[] info = label.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[length];
        byte[] block = new byte[0];
        for (int filled = 0, counter = 1; filled < length; counter++) {
            byte[] input = new byte[block.length + info.length + 1];
            System.arraycopy(block, 0, input, 0, block.length);
            System.arraycopy(info, 0, input, block.length, info.length);
            input[input.length - 1] = (byte) counter;
            block = hmac(key, input);
            int n = Math.min(block.length, length - filled);
            System.arraycopy(block, 0, out, filled, n);
            filled += n;
        }
        return out;
    }

    static byte[] hmac(byte[] key, byte[] message) {
        return keyed(key).doFinal(message);
    }

    private static Mac keyed(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    static boolean constantTimeEquals(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }

    @Override
    public String toString() {
        return "SigningKey[kid=" + kid + "]";
    }
}
