package dev.wxacode.server.internal.http;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;

/**
 * Request ids in WeChat's form (wire spec §0): three groups of 8 lowercase hex digits, the first
 * being the receive time in Unix seconds, the other two random, e.g. {@code 663b1af7-14a514a1-181eb968}.
 * Each reply quotes it after {@code rid:}, and the access log carries it, so a user's report finds
 * its log line.
 */
public final class RequestId {
    private final Clock clock;
    private final SecureRandom random;

    public RequestId(Clock clock, SecureRandom random) {
        this.clock = clock;
        this.random = random;
    }

    public String next() {
        byte[] tail = new byte[8];
        random.nextBytes(tail);
        HexFormat hex = HexFormat.of();
        // One per request: hex digits, not a format string to parse each time.
        String digits = hex.formatHex(tail);
        return hex.toHexDigits((int) clock.instant().getEpochSecond()) + "-" + digits.substring(0, 8) + "-"
                + digits.substring(8);
    }
}
