package dev.wxacode.server.ratelimit;

/** Daily call counters, shared by every node. */
public interface QuotaStore {

    /**
     * Counts one call unless the day's count has reached {@code limit}.
     *
     * @param day days since the epoch in the quota time zone
     * @return false if the limit was already reached (nothing counted)
     */
    boolean tryConsume(String appid, Quota quota, int day, long limit);
}
