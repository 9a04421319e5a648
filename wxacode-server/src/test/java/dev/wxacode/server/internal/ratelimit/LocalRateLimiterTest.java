package dev.wxacode.server.internal.ratelimit;

class LocalRateLimiterTest extends RateLimiterContracts {
    @Override
    protected RateLimiter limiter() {
        return new LocalRateLimiter(clock);
    }
}
