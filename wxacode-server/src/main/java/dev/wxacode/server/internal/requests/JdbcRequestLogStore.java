package dev.wxacode.server.internal.requests;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.wxacode.server.internal.http.WireJson;
import dev.wxacode.server.requests.LoggedRequest;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** {@link RequestLogStore} on the {@code request_log} table, each call as its admin-API JSON. */
public final class JdbcRequestLogStore implements RequestLogStore {
    private static final RowMapper<LoggedRequest> ROW = (rs, ctx) -> {
        try {
            return LoggedRequest.fromJson(rs.getLong(1), WireJson.MAPPER.readTree(rs.getString(2)));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    };

    private final Jdbi jdbi;

    public JdbcRequestLogStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * Inserts holding the app's row lock: a seq is drawn when a row is inserted but seen when it
     * commits, so without the lock a later seq of the app could be read before an earlier one
     * commits, and a follower reading "after" the later one would never see the earlier.
     */
    @Override
    public long append(String appid, LoggedRequest request) {
        String json = new String(WireJson.write(request.toJson()), StandardCharsets.UTF_8);
        return jdbi.inTransaction(h -> {
            h.createQuery("SELECT appid FROM apps WHERE appid = :appid FOR UPDATE").bind("appid", appid)
                    .mapTo(String.class).findOne();
            return h.createUpdate("INSERT INTO request_log (appid, rid, entry) VALUES (:appid, :rid, :entry)")
                    .bind("appid", appid).bind("rid", request.rid()).bind("entry", json)
                    .executeAndReturnGeneratedKeys("seq").mapTo(Long.class).one();
        });
    }

    @Override
    public List<LoggedRequest> after(String appid, long after, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT seq, entry FROM request_log WHERE appid = :appid AND seq > :after"
                        + " ORDER BY seq LIMIT :limit")
                .bind("appid", appid).bind("after", after).bind("limit", limit).map(ROW).list());
    }

    @Override
    public List<LoggedRequest> newest(String appid, int limit) {
        List<LoggedRequest> newestFirst = jdbi.withHandle(h -> h.createQuery("SELECT seq, entry FROM request_log"
                        + " WHERE appid = :appid ORDER BY seq DESC LIMIT :limit")
                .bind("appid", appid).bind("limit", limit).map(ROW).list());
        return newestFirst.reversed();
    }

    @Override
    public Optional<Kept> find(String rid) {
        // The row mapper reads seq and entry as the first two columns.
        return jdbi.withHandle(h -> h.createQuery("SELECT seq, entry, appid FROM request_log WHERE rid = :rid"
                        + " ORDER BY seq DESC LIMIT 1")
                .bind("rid", rid)
                .map((rs, ctx) -> new Kept(rs.getString("appid"), ROW.map(rs, ctx))).findOne());
    }

    @Override
    public void trim(String appid, int keep) {
        jdbi.useHandle(h -> h.createQuery("SELECT seq FROM request_log WHERE appid = :appid ORDER BY seq DESC"
                        + " LIMIT 1 OFFSET :keep")
                .bind("appid", appid).bind("keep", keep).mapTo(Long.class).findOne()
                .ifPresent(oldestGone -> h.createUpdate("DELETE FROM request_log WHERE appid = :appid AND seq <= :seq")
                        .bind("appid", appid).bind("seq", oldestGone).execute()));
    }

    @Override
    public void clear(String appid) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM request_log WHERE appid = :appid").bind("appid", appid).execute());
    }
}
