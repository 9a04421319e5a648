package dev.wxacode.core.render;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Bits packed from the most significant bit of 64-bit words: a block's AC codes, or an image's
 * entropy-coded data until {@link #toJpeg} turns it into bytes. Appending is a shift and two
 * stores per word, with no branch on where the bits fall.
 */
final class JpegBits {
    private static final VarHandle BIG_ENDIAN_LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    /** Words past the one holding bit {@code count} are 0, and so are its bits after it. */
    long[] words;
    int count;

    JpegBits(int capacity) {
        words = new long[capacity + 2];
    }

    /** The top {@code n} bits of {@code bits}, 1 to 64; the bits below them are 0. */
    void put(long bits, int n) {
        if ((count >>> 6) + 2 > words.length) {
            words = Arrays.copyOf(words, words.length * 2);
        }
        count = put(words, count, bits, n);
    }

    /** {@link #put(long, int)} into {@code words}, which has room, after bit {@code count}: the new count. */
    static int put(long[] words, int count, long bits, int n) {
        int index = count >>> 6;
        int used = count & 63;
        words[index] |= bits >>> used;
        // What did not fit; two shifts, as a shift by 64 would be a shift by 0.
        words[index + 1] = bits << (63 - used) << 1;
        return count + n;
    }

    /** The low {@code n} bits of {@code value}, {@code n} from 1 to 32. */
    void putLow(int value, int n) {
        put((long) value << (64 - n), n);
    }

    /**
     * The top {@code p} bits of {@code prefix}, 1 to 63, then the first {@code n} bits of
     * {@code from}, which are followed by 0s: a block's DC and AC codes in one go.
     */
    static int put(long[] words, int count, long prefix, int p, long[] from, int n) {
        int index = count >>> 6;
        int used = count & 63;
        long carry = prefix;
        for (long bits : from) {
            long w = carry | bits >>> p;
            carry = bits << (64 - p);
            words[index] |= w >>> used;
            words[++index] = w << (63 - used) << 1;
        }
        words[index] |= carry >>> used;
        words[index + 1] = carry << (63 - used) << 1;
        return count + p + n;
    }

    long[] words() {
        return Arrays.copyOf(words, (count + 63) >>> 6);
    }

    /**
     * The whole file: {@code headers}, these bits padded with 1s to a byte and every 0xFF
     * escaped with a 0x00 (T.81 F.1.2.3), then EOI.
     */
    byte[] toJpeg(byte[] headers) {
        int pad = -count & 7;
        if (pad > 0) {
            put(-1L << (64 - pad), pad);
        }
        int length = count >>> 3;
        int used = (count + 63) >>> 6;
        int escapes = 0;
        for (int i = 0; i < used; i++) {
            escapes += Long.bitCount(escapes(words[i]));
        }
        byte[] out = new byte[headers.length + length + escapes + 2];
        System.arraycopy(headers, 0, out, 0, headers.length);
        int at = headers.length;
        // Whole words while every store below fits, then byte by byte.
        int i = 0;
        for (; i < length >>> 3 && at + 27 <= out.length; i++) {
            long w = words[i];
            long found = escapes(w);
            int next = at + 8 + Long.bitCount(found);
            long more = found & found - 1;
            if ((more & more - 1) == 0) {
                // At most two 0xFF, as in 99 words out of 100: the word, then again from just
                // after each 0xFF, one byte further on and led by the escape. Always both
                // rounds, so no branch to mispredict: one without a 0xFF stores past this
                // word, and the next word overwrites that.
                BIG_ENDIAN_LONG.set(out, at, w);
                for (int round = 0; round < 2; round++) {
                    int through = Long.numberOfLeadingZeros(found) + 8;
                    w = w << through - 1 << 1;
                    found = found << through - 1 << 1;
                    at += through >>> 3;
                    BIG_ENDIAN_LONG.set(out, at, w >>> 8);
                    at++;
                }
            } else {
                putEscaped(out, at, w, 8);
            }
            at = next;
        }
        for (; i < (length + 7) >>> 3; i++) {
            at = putEscaped(out, at, words[i], Math.min(8, length - i * 8));
        }
        out[at] = (byte) 0xFF;
        out[at + 1] = (byte) 0xD9; // EOI
        return out;
    }

    /** The first {@code n} bytes of {@code w} at {@code at}, each 0xFF followed by 0x00; returns the end. */
    private static int putEscaped(byte[] out, int at, long w, int n) {
        for (int shift = 56; shift > 56 - 8 * n; shift -= 8) {
            byte b = (byte) (w >>> shift);
            out[at++] = b;
            if (b == (byte) 0xFF) {
                out[at++] = 0;
            }
        }
        return at;
    }

    /** The top bit of every 0xFF byte: only there do the low seven bits carry into it. */
    private static long escapes(long w) {
        return ((w & 0x7F7F7F7F7F7F7F7FL) + 0x0101010101010101L) & w & 0x8080808080808080L;
    }
}
