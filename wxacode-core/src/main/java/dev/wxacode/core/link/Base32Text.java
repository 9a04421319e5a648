package dev.wxacode.core.link;

import java.util.Arrays;

/**
 * RFC 4648 base32, upper case and without padding, in exactly one spelling per byte string: what
 * {@link LinkCodec} writes and the only form it reads.
 *
 * <p>commons-codec's {@code Base32} did this here before: decoding, then encoding again to refuse
 * any other spelling. On a revalidated link image that was an eighth of the server's CPU
 * (docs/benchmarks.md, issue 17), for texts under a hundred characters in one alphabet. So this
 * does both in one pass, and {@code Base32TextTest} holds it to commons-codec on random input.
 */
final class Base32Text {
    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    /** Each ASCII character's value, -1 outside the alphabet. */
    private static final byte[] VALUES = new byte[128];

    static {
        Arrays.fill(VALUES, (byte) -1);
        for (int i = 0; i < ALPHABET.length; i++) {
            VALUES[ALPHABET[i]] = (byte) i;
        }
    }

    private Base32Text() {
    }

    static String encode(byte[] bytes) {
        StringBuilder text = new StringBuilder((bytes.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = buffer << 8 | b & 0xFF;
            bits += 8;
            while (bits >= 5) {
                bits -= 5;
                text.append(ALPHABET[buffer >>> bits & 31]);
            }
            buffer &= (1 << bits) - 1;
        }
        if (bits > 0) {
            text.append(ALPHABET[buffer << 5 - bits & 31]);
        }
        return text.toString();
    }

    /**
     * @throws IllegalArgumentException for a character outside the alphabet, a length no byte
     *                                  string encodes to (1, 3 or 6 characters past a multiple of
     *                                  8), or unused low bits that are not zero
     */
    static byte[] decode(String text) {
        int length = text.length();
        // Five or more bits left over would be a whole character that encodes nothing.
        if (length * 5 % 8 >= 5) {
            throw new IllegalArgumentException("no byte string is " + length + " characters long");
        }
        byte[] bytes = new byte[length * 5 / 8];
        int buffer = 0;
        int bits = 0;
        int filled = 0;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            int value = c < VALUES.length ? VALUES[c] : -1;
            if (value < 0) {
                throw new IllegalArgumentException("not in the alphabet at " + i);
            }
            buffer = buffer << 5 | value;
            bits += 5;
            if (bits >= 8) {
                bits -= 8;
                bytes[filled++] = (byte) (buffer >>> bits);
                buffer &= (1 << bits) - 1;
            }
        }
        if (buffer != 0) {
            throw new IllegalArgumentException("unused bits are not zero");
        }
        return bytes;
    }
}
