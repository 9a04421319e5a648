package dev.wxacode.server.storage;

import dev.wxacode.server.ratelimit.JdbcQuotaStore;
import dev.wxacode.server.ratelimit.QuotaStore;
import dev.wxacode.server.registry.JdbcRegistryStore;
import dev.wxacode.server.registry.RegistryStore;
import dev.wxacode.server.signing.JdbcSigningKeyStore;
import dev.wxacode.server.signing.SigningKeyStore;
import dev.wxacode.server.token.JdbcTokenStore;
import dev.wxacode.server.token.TokenStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The store contracts on the embedded database (H2 file, migrated by Flyway). */
class EmbeddedStoresTest extends StoreContracts.Contract {
    @TempDir
    Path dir;
    private int opened;

    @Override
    protected StoreContracts.Backend open() {
        Database database = Database.openEmbedded(dir.resolve("db" + opened++));
        return new StoreContracts.Backend() {
            @Override
            public RegistryStore registry() {
                return new JdbcRegistryStore(database.jdbi());
            }

            @Override
            public TokenStore tokens() {
                return new JdbcTokenStore(database.jdbi());
            }

            @Override
            public QuotaStore quotas() {
                return new JdbcQuotaStore(database.jdbi());
            }

            @Override
            public SigningKeyStore keys() {
                return new JdbcSigningKeyStore(database.jdbi());
            }

            @Override
            public void close() {
                database.close();
            }
        };
    }
}
