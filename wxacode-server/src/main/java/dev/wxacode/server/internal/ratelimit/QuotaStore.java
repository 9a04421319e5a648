package dev.wxacode.server.internal.ratelimit;

import java.util.List;

/** Daily call counters, shared by every node. */
public interface QuotaStore {

    /**
     * Counts one call unless the day's count has reached {@code limit}.
     *
     * @param day days since the epoch in the quota time zone (for a monthly quota, its month number)
     * @return false if the limit was already reached (nothing counted)
     */
    boolean tryConsume(String appid, Quota quota, int day, long limit);

    /** The day's count so far; 0 before the first call. */
    long used(String appid, Quota quota, int day);

    /** Sets the day's counts of these quotas back to nothing. */
    void clear(String appid, List<Quota> quotas, int day);
}
