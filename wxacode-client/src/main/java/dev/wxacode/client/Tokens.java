package dev.wxacode.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The token a client uses: one fetch at a time, however many threads ask (the others wait for its
 * result instead of each minting a token, the usual cause of 40001 "not latest" in busy services).
 */
final class Tokens {
    private final Supplier<TokenGrant> fetch;
    private final Clock clock;
    private final Duration refreshBefore;
    private String token;
    private Instant refreshAt = Instant.MIN;

    Tokens(Supplier<TokenGrant> fetch, Clock clock, Duration refreshBefore) {
        this.fetch = fetch;
        this.clock = clock;
        this.refreshBefore = refreshBefore;
    }

    synchronized String current() {
        if (token == null || !clock.instant().isBefore(refreshAt)) {
            Instant asked = clock.instant();
            TokenGrant grant = fetch.get();
            token = grant.token();
            refreshAt = asked.plus(grant.expiresIn()).minus(refreshBefore);
        }
        return token;
    }

    /** Forgets {@code rejected} unless another thread has replaced it already. */
    synchronized void invalidate(String rejected) {
        if (rejected.equals(token)) {
            token = null;
        }
    }
}
