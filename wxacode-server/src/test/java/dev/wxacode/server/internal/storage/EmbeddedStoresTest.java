package dev.wxacode.server.internal.storage;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The store contracts on the embedded database (H2 file, migrated by Flyway). */
class EmbeddedStoresTest extends StoreContracts.Contract {
    @TempDir
    Path dir;
    private int opened;

    @Override
    protected StoreContracts.Backend open() {
        return StoreContracts.backend(Database.openEmbedded(dir.resolve("db" + opened++)));
    }
}
