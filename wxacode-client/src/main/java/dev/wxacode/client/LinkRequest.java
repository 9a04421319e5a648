package dev.wxacode.client;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One URL Scheme or URL Link to generate: the page, the query it receives, the build and the
 * expiry. Every link expires within 30 days; without either expiry the server gives the longest.
 *
 * @param path       a page of the published release, no leading {@code /} or query; empty for the home page
 * @param query      what {@code onLoad(query)} receives, such as {@code id=42&from=sms}; empty for none
 * @param envVersion {@code release}, {@code trial} or {@code develop}
 */
public record LinkRequest(String path, String query, String envVersion, Optional<Instant> expireTime,
                          OptionalInt expireIntervalDays) {

    public LinkRequest {
        Objects.requireNonNull(path, "path == null");
        Objects.requireNonNull(query, "query == null");
        Objects.requireNonNull(envVersion, "envVersion == null");
        Objects.requireNonNull(expireTime, "expireTime == null");
        Objects.requireNonNull(expireIntervalDays, "expireIntervalDays == null");
    }

    /** {@code release}, no query, the server's longest expiry. */
    public static LinkRequest of(String path) {
        return new LinkRequest(path, "", "release", Optional.empty(), OptionalInt.empty());
    }

    public LinkRequest withQuery(String value) {
        return new LinkRequest(path, value, envVersion, expireTime, expireIntervalDays);
    }

    public LinkRequest withEnvVersion(String value) {
        return new LinkRequest(path, query, value, expireTime, expireIntervalDays);
    }

    /** Expires at {@code value} (sent as {@code expire_type} 0), at most 30 days away. */
    public LinkRequest withExpireTime(Instant value) {
        return new LinkRequest(path, query, envVersion, Optional.of(value), OptionalInt.empty());
    }

    /** Expires {@code days} (1 to 30) after it is made ({@code expire_type} 1). */
    public LinkRequest withExpireInterval(int days) {
        return new LinkRequest(path, query, envVersion, Optional.empty(), OptionalInt.of(days));
    }
}
