package dev.wxacode.server.ratelimit;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

/** Daily quotas, reset at midnight of the configured zone (Beijing time by default, as WeChat's). */
public final class Quotas {
    private final QuotaStore store;
    private final Clock clock;
    private final ZoneId zone;

    public Quotas(QuotaStore store, Clock clock, ZoneId zone) {
        this.store = store;
        this.clock = clock;
        this.zone = zone;
    }

    /** @return false if today's {@code limit} was already reached */
    public boolean tryConsume(String appid, Quota quota, long limit) {
        int day = (int) LocalDate.ofInstant(clock.instant(), zone).toEpochDay();
        return store.tryConsume(appid, quota, day, limit);
    }
}
