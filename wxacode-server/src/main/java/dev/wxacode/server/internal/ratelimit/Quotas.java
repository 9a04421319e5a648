package dev.wxacode.server.internal.ratelimit;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

/** Daily quotas, reset at midnight of the configured zone (Beijing time by default, as WeChat's), monthly ones and lifelong ones. */
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
        return store.tryConsume(appid, quota, today(), limit);
    }

    /** @return false if this calendar month's {@code limit} was already reached */
    public boolean tryConsumeThisMonth(String appid, Quota quota, long limit) {
        LocalDate date = LocalDate.ofInstant(clock.instant(), zone);
        return store.tryConsume(appid, quota, date.getYear() * 12 + date.getMonthValue() - 1, limit);
    }

    /** @return false if {@code limit} was already reached, ever: a count no day or month renews */
    public boolean tryConsumeEver(String appid, Quota quota, long limit) {
        return store.tryConsume(appid, quota, 0, limit);
    }

    /** The app's calls counted against {@code quota} today. */
    public long usedToday(String appid, Quota quota) {
        return store.used(appid, quota, today());
    }

    /** Today's daily counts of the app start again from nothing. */
    public void clearToday(String appid) {
        store.clear(appid, Quota.DAILY, today());
    }

    private int today() {
        return (int) LocalDate.ofInstant(clock.instant(), zone).toEpochDay();
    }
}
