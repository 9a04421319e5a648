package dev.wxacode.server.internal.token;

import java.util.Optional;

/** Access tokens, known only by their SHA-256, and each app's current stable token. */
public interface TokenStore {

    enum Kind {
        /** From {@code /cgi-bin/token}: each new one supersedes the last. */
        PLAIN,
        /** From {@code /cgi-bin/stable_token}: fully separate from plain tokens. */
        STABLE
    }

    /**
     * A token as stored.
     *
     * @param diesAtMillis set once superseded or force-refreshed: the token is refused from then on
     */
    record TokenRecord(String appid, Kind kind, long issuedAtMillis, long expiresAtMillis, Optional<Long> diesAtMillis) {
    }

    /**
     * The inputs from which the app's current stable token is derived again on each request.
     *
     * @param kid the signing key it was derived with
     */
    record StableState(int generation, int kid, long issuedAtMillis, long expiresAtMillis,
                       Optional<Long> lastForceRefreshMillis) {
    }

    Optional<TokenRecord> find(byte[] tokenHash);

    /**
     * Stores a new plain token and, in the same transaction, sets the death time of the app's
     * earlier plain tokens that have none yet.
     */
    void insertPlain(byte[] tokenHash, TokenRecord token, long supersededDieAtMillis);

    Optional<StableState> stable(String appid);

    /**
     * Replaces the app's stable state if it is still at {@code expectedGeneration} (0: none yet),
     * storing the new token; with {@code killOthersAtMillis}, earlier stable tokens die then.
     *
     * @return false if another request changed the state first; the caller reads it again
     */
    boolean replaceStable(String appid, int expectedGeneration, StableState next, byte[] tokenHash,
                          TokenRecord token, Optional<Long> killOthersAtMillis);

    /**
     * Ends every token of the app still alive at {@code atMillis}, and its stable token's state, so
     * that the next {@code stable_token} call issues a new one.
     *
     * @param expire true: they expire (42001 from then); false: they are superseded (40001)
     */
    void endAll(String appid, long atMillis, boolean expire);

    /** Forgets tokens that expired before {@code beforeMillis}; they then answer 40001 instead of 42001. */
    void purgeExpired(String appid, long beforeMillis);
}
