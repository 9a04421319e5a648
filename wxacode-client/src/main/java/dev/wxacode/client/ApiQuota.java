package dev.wxacode.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * An app's allowance of one endpoint, as getApiQuota ({@code /cgi-bin/openapi/quota/get}) tells it.
 *
 * @param dailyLimit calls a day; 0 for an endpoint without a daily limit
 * @param used       today's calls counted against it
 * @param remain     what is left of today's
 * @param rateLimit  the limit per period, where one applies
 */
public record ApiQuota(long dailyLimit, long used, long remain, Optional<RateLimit> rateLimit) {

    /**
     * @param callCount      calls allowed in each period
     * @param refreshSeconds the period's length
     */
    public record RateLimit(long callCount, long refreshSeconds) {
    }

    static ApiQuota of(JsonNode reply) {
        JsonNode quota = reply.path("quota");
        JsonNode rate = reply.path("rate_limit");
        return new ApiQuota(quota.path("daily_limit").asLong(), quota.path("used").asLong(), quota.path("remain").asLong(),
                rate.isObject() ? Optional.of(new RateLimit(rate.path("call_count").asLong(), rate.path("refresh_second").asLong()))
                        : Optional.empty());
    }
}
