package dev.wxacode.server.internal.ratelimit;

import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * {@link QuotaStore} on the {@code quota_usage} table. The guarded UPDATE makes the check and the
 * count one atomic step, so concurrent calls can never pass the limit together.
 */
public final class JdbcQuotaStore implements QuotaStore {
    private final Jdbi jdbi;

    public JdbcQuotaStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public boolean tryConsume(String appid, Quota quota, int day, long limit) {
        if (increment(appid, quota, day, limit)) {
            return true;
        }
        try {
            jdbi.useHandle(h -> h.createUpdate("""
                            INSERT INTO quota_usage (appid, quota, quota_day, used)
                            SELECT :appid, :quota, :day, 0
                            WHERE NOT EXISTS (SELECT 1 FROM quota_usage WHERE appid = :appid AND quota = :quota AND quota_day = :day)""")
                    .bind("appid", appid).bind("quota", quota.storedName()).bind("day", day)
                    .execute());
        } catch (UnableToExecuteStatementException e) {
            // Another call created the day's row first; count against it.
        }
        return increment(appid, quota, day, limit);
    }

    @Override
    public long used(String appid, Quota quota, int day) {
        return jdbi.withHandle(h -> h.createQuery("SELECT used FROM quota_usage WHERE appid = :appid AND quota = :quota AND quota_day = :day")
                .bind("appid", appid).bind("quota", quota.storedName()).bind("day", day)
                .mapTo(Long.class).findOne().orElse(0L));
    }

    @Override
    public void clear(String appid, List<Quota> quotas, int day) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM quota_usage WHERE appid = :appid AND quota_day = :day AND quota IN (<quotas>)")
                .bind("appid", appid).bind("day", day)
                .bindList("quotas", quotas.stream().map(Quota::storedName).toList())
                .execute());
    }

    private boolean increment(String appid, Quota quota, int day, long limit) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE quota_usage SET used = used + 1
                        WHERE appid = :appid AND quota = :quota AND quota_day = :day AND used < :limit""")
                .bind("appid", appid).bind("quota", quota.storedName()).bind("day", day).bind("limit", limit)
                .execute()) == 1;
    }
}
