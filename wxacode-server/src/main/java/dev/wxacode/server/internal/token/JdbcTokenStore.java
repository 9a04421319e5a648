package dev.wxacode.server.internal.token;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** {@link TokenStore} on the {@code access_tokens} and {@code stable_tokens} tables. */
public final class JdbcTokenStore implements TokenStore {
    private final Jdbi jdbi;

    public JdbcTokenStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Optional<TokenRecord> find(byte[] tokenHash) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT appid, kind, issued_at, expires_at, dies_at FROM access_tokens WHERE token_hash = :hash")
                .bind("hash", tokenHash)
                .map((rs, ctx) -> token(rs))
                .findOne());
    }

    @Override
    public void insertPlain(byte[] tokenHash, TokenRecord token, long supersededDieAtMillis) {
        jdbi.useTransaction(h -> {
            h.createUpdate("""
                            UPDATE access_tokens SET dies_at = :dies
                            WHERE appid = :appid AND kind = 'PLAIN' AND dies_at IS NULL""")
                    .bind("dies", supersededDieAtMillis).bind("appid", token.appid())
                    .execute();
            insert(h, tokenHash, token);
        });
    }

    @Override
    public Optional<StableState> stable(String appid) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT generation, kid, issued_at, expires_at, last_force_refresh_at
                        FROM stable_tokens WHERE appid = :appid""")
                .bind("appid", appid)
                .map((rs, ctx) -> new StableState(rs.getInt(1), rs.getInt(2), rs.getLong(3), rs.getLong(4),
                        optionalLong(rs, 5)))
                .findOne());
    }

    @Override
    public boolean replaceStable(String appid, int expectedGeneration, StableState next, byte[] tokenHash,
                                 TokenRecord token, Optional<Long> killOthersAtMillis) {
        return jdbi.inTransaction(h -> {
            int changed;
            if (expectedGeneration == 0) {
                changed = h.createUpdate("""
                                INSERT INTO stable_tokens (appid, generation, kid, issued_at, expires_at, last_force_refresh_at)
                                SELECT :appid, :generation, :kid, :issued, :expires, :forced
                                WHERE NOT EXISTS (SELECT 1 FROM stable_tokens WHERE appid = :appid)""")
                        .bind("appid", appid).bindMap(stateColumns(next))
                        .execute();
            } else {
                changed = h.createUpdate("""
                                UPDATE stable_tokens SET generation = :generation, kid = :kid, issued_at = :issued,
                                       expires_at = :expires, last_force_refresh_at = :forced
                                WHERE appid = :appid AND generation = :expected""")
                        .bind("appid", appid).bind("expected", expectedGeneration).bindMap(stateColumns(next))
                        .execute();
            }
            if (changed != 1) {
                return false;
            }
            killOthersAtMillis.ifPresent(at -> h.createUpdate("""
                            UPDATE access_tokens SET dies_at = :dies
                            WHERE appid = :appid AND kind = 'STABLE' AND (dies_at IS NULL OR dies_at > :dies)""")
                    .bind("dies", at).bind("appid", appid)
                    .execute());
            insert(h, tokenHash, token);
            return true;
        });
    }

    @Override
    public void endAll(String appid, long atMillis, boolean expire) {
        jdbi.useTransaction(h -> {
            h.createUpdate(expire
                            ? "UPDATE access_tokens SET expires_at = :at WHERE appid = :appid AND expires_at > :at"
                            : """
                            UPDATE access_tokens SET dies_at = :at
                            WHERE appid = :appid AND expires_at > :at AND (dies_at IS NULL OR dies_at > :at)""")
                    .bind("at", atMillis).bind("appid", appid)
                    .execute();
            h.createUpdate("UPDATE stable_tokens SET expires_at = :at WHERE appid = :appid AND expires_at > :at")
                    .bind("at", atMillis).bind("appid", appid)
                    .execute();
        });
    }

    @Override
    public void purgeExpired(String appid, long beforeMillis) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM access_tokens WHERE appid = :appid AND expires_at < :before")
                .bind("appid", appid).bind("before", beforeMillis)
                .execute());
    }

    private static void insert(Handle h, byte[] tokenHash, TokenRecord token) {
        h.createUpdate("""
                        INSERT INTO access_tokens (token_hash, appid, kind, issued_at, expires_at, dies_at)
                        VALUES (:hash, :appid, :kind, :issued, :expires, :dies)""")
                .bind("hash", tokenHash)
                .bind("appid", token.appid())
                .bind("kind", token.kind().name())
                .bind("issued", token.issuedAtMillis())
                .bind("expires", token.expiresAtMillis())
                .bind("dies", token.diesAtMillis().orElse(null))
                .execute();
    }

    private static Map<String, Object> stateColumns(StableState s) {
        Map<String, Object> columns = new HashMap<>();
        columns.put("generation", s.generation());
        columns.put("kid", s.kid());
        columns.put("issued", s.issuedAtMillis());
        columns.put("expires", s.expiresAtMillis());
        columns.put("forced", s.lastForceRefreshMillis().orElse(null));
        return columns;
    }

    private static TokenRecord token(ResultSet rs) throws SQLException {
        return new TokenRecord(rs.getString(1), Kind.valueOf(rs.getString(2)), rs.getLong(3), rs.getLong(4),
                optionalLong(rs, 5));
    }

    private static Optional<Long> optionalLong(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(value);
    }
}
