package dev.wxacode.server.ratelimit;

class LocalRateLimiterTest extends RateLimiterContracts {
    @Override
    protected RateLimiter limiter() {
        return new LocalRateLimiter(clock);
    }
}
