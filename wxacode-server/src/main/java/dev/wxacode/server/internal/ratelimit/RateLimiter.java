package dev.wxacode.server.internal.ratelimit;

/**
 * Per-minute call limits, like WeChat's 5000 codes a minute per app. This node's memory by default;
 * a shared implementation makes the limit one limit across nodes.
 */
public interface RateLimiter {

    /** A shared limiter's store could not be reached, or did not answer in time. */
    final class Unavailable extends RuntimeException {
        public Unavailable(RuntimeException cause) {
            super(cause.toString(), cause);
        }
    }

    /**
     * Takes one call from {@code key}'s allowance for the current minute.
     *
     * @param perMinute the allowance; when it changes for a key, that key starts afresh
     * @return false when the allowance is used up; it comes back whole at the next minute
     * @throws Unavailable from a shared limiter whose store cannot be reached
     */
    boolean tryAcquire(String key, long perMinute);

    /**
     * Gives {@code key} its whole allowance of {@code perMinute} again, now.
     *
     * @throws Unavailable from a shared limiter whose store cannot be reached
     */
    void reset(String key, long perMinute);
}
