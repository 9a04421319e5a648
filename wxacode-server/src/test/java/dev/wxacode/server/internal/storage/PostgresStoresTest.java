package dev.wxacode.server.internal.storage;

/** The store contracts on PostgreSQL, a fresh database for each test. */
class PostgresStoresTest extends StoreContracts.Contract {
    @Override
    protected StoreContracts.Backend open() {
        return StoreContracts.backend(Database.openPostgres(TestPostgres.newDatabase()));
    }
}
