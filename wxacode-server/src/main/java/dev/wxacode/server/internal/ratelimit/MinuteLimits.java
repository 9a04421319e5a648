package dev.wxacode.server.internal.ratelimit;

import dev.wxacode.core.wire.Errcode;
import dev.wxacode.core.wire.WxException;
import java.util.OptionalInt;

/**
 * The per-minute allowances of an app, in one place: its getwxacodeunlimit calls (its own limit,
 * else the server's; 0 is no limit) and its stable_token calls. Whoever takes from an allowance
 * and clear_quota, which gives it back, ask here, so each allowance's key and size are written once.
 */
public final class MinuteLimits {
    private final RateLimiter limiter;
    private final int codesPerMinute;
    private final int stableTokensPerMinute;

    /**
     * @param codesPerMinute        the server's code allowance for apps without their own; 0 is none
     * @param stableTokensPerMinute every app's stable_token allowance
     */
    public MinuteLimits(RateLimiter limiter, int codesPerMinute, int stableTokensPerMinute) {
        this.limiter = limiter;
        this.codesPerMinute = codesPerMinute;
        this.stableTokensPerMinute = stableTokensPerMinute;
    }

    /**
     * Takes one code from the app's allowance for this minute.
     *
     * @param appLimit the app's own allowance, where its registration sets one
     * @throws WxException {@link Errcode#API_QUOTA_REACHED} when it is used up
     */
    public void takeCode(String appid, OptionalInt appLimit) {
        int perMinute = codesPerMinute(appLimit);
        if (perMinute > 0 && !limiter.tryAcquire(codes(appid), perMinute)) {
            throw new WxException(Errcode.API_QUOTA_REACHED, "over " + perMinute + " codes this minute");
        }
    }

    /** The codes a minute an app may make: its own allowance, else the server's; 0 is no limit. */
    public int codesPerMinute(OptionalInt appLimit) {
        return appLimit.orElse(codesPerMinute);
    }

    /** The stable_token calls a minute every app may make. */
    public int stableTokensPerMinute() {
        return stableTokensPerMinute;
    }

    /** @return false when the app's stable_token calls this minute are used up */
    public boolean takeStableToken(String appid) {
        return limiter.tryAcquire(stableTokens(appid), stableTokensPerMinute);
    }

    /** Gives the app every allowance whole again, now (clear_quota). */
    public void restore(String appid, OptionalInt appLimit) {
        int perMinute = codesPerMinute(appLimit);
        if (perMinute > 0) {
            limiter.reset(codes(appid), perMinute);
        }
        limiter.reset(stableTokens(appid), stableTokensPerMinute);
    }

    private static String codes(String appid) {
        return "wxacode:" + appid;
    }

    private static String stableTokens(String appid) {
        return "stable_token:" + appid;
    }
}
