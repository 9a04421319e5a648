package dev.wxacode.server.internal.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.wxacode.server.config.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;

/**
 * The store's database, pooled, its schema brought up to date by Flyway at open: by default an
 * embedded H2 database in file mode under the data directory; for a cluster, a PostgreSQL database
 * that every node shares.
 *
 * <p>H2 runs in PostgreSQL mode so that both run the same migrations and queries: portable types
 * only (BIGINT epoch milliseconds for time, BYTEA for bytes).
 * {@code WRITE_DELAY=0} writes each commit to the file at once instead of up to half a second
 * later, so a killed process loses no committed token, release or key.
 */
public final class Database implements AutoCloseable {
    static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(5);
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;

    private Database(HikariDataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
    }

    /** The database {@code storage} names: PostgreSQL if configured, else the embedded one. */
    public static Database open(ServerConfig.Storage storage) {
        return storage.postgres().map(Database::openPostgres).orElseGet(() -> openEmbedded(storage.dataDir()));
    }

    /** Opens (creating if needed) {@code <dataDir>/wxacode.mv.db} and migrates it. */
    public static Database openEmbedded(Path dataDir) {
        createPrivateDirectory(dataDir);
        HikariConfig config = new HikariConfig();
        config.setPoolName("wxacode-h2");
        config.setJdbcUrl(embeddedUrl(dataDir));
        config.setUsername("wxacode");
        config.setPassword("");
        config.setMaximumPoolSize(Math.max(4, 2 * Runtime.getRuntime().availableProcessors()));
        return migrated(config);
    }

    /**
     * Connects to a PostgreSQL database and migrates it. Nodes starting together are safe: Flyway
     * takes a lock in the database, so one migrates and the others find the schema ready.
     */
    public static Database openPostgres(ServerConfig.Postgres postgres) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("wxacode-pg");
        config.setJdbcUrl(postgres.url());
        if (!postgres.user().isEmpty()) {
            config.setUsername(postgres.user());
        }
        if (!postgres.password().isEmpty()) {
            config.setPassword(postgres.password());
        }
        config.setMaximumPoolSize(postgres.poolSize());
        // While the database is unreachable a request waits this long for a connection, then
        // answers -1, rather than hold its thread for Hikari's default 30 s.
        config.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
        return migrated(config);
    }

    private static Database migrated(HikariConfig config) {
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return new Database(dataSource);
    }

    /**
     * Creates the data directory readable by its owner only (the database holds hashed secrets and
     * encrypted keys, and by default the master key lies beside it). An existing directory keeps
     * the permissions its owner gave it.
     */
    static void createPrivateDirectory(Path dataDir) {
        if (Files.isDirectory(dataDir)) {
            return;
        }
        try {
            if (dataDir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createDirectories(dataDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(dataDir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + dataDir, e);
        }
    }

    /** The JDBC URL of the embedded database in {@code dataDir}. */
    public static String embeddedUrl(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("wxacode")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0"
                // H2's trace file would copy failing statements, arguments included, next to the data.
                + ";TRACE_LEVEL_FILE=0"
                // Closed by its owner (server or batch) after the work in hand, not by H2's own
                // shutdown hook while that work still runs.
                + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /** True if the database answers a query on the table no node can work without. */
    public boolean isHealthy() {
        try {
            return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM signing_keys").mapTo(Integer.class).one()) >= 0;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
