package dev.wxacode.server.internal.signing;

import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** {@link SigningKeyStore} on the {@code signing_keys} table. */
public final class JdbcSigningKeyStore implements SigningKeyStore {
    private final Jdbi jdbi;

    public JdbcSigningKeyStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public List<StoredKey> all() {
        return jdbi.withHandle(h -> h.createQuery("SELECT kid, wrapped, created_at FROM signing_keys ORDER BY kid")
                .map((rs, ctx) -> new StoredKey(rs.getInt(1), rs.getBytes(2), rs.getLong(3)))
                .list());
    }

    @Override
    public boolean add(StoredKey key) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        INSERT INTO signing_keys (kid, wrapped, created_at)
                        SELECT :kid, :wrapped, :created WHERE NOT EXISTS (SELECT 1 FROM signing_keys WHERE kid = :kid)""")
                .bind("kid", key.kid())
                .bind("wrapped", key.wrapped())
                .bind("created", key.createdAtMillis())
                .execute()) == 1;
    }
}
