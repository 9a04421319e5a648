package dev.wxacode.server.internal.storage;

import dev.wxacode.server.Executables;
import dev.wxacode.server.Ports;
import dev.wxacode.server.config.ServerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A real {@code redis-server} for the tests (Debian's package; {@code .ci/run} installs it when
 * missing), started on a free loopback port in a temporary directory, without persistence.
 * {@link #shared()} is one server per test JVM whose callers each get a database number of their
 * own; {@link #start()} is a server of the caller's own, for tests that stop and restart it.
 */
public final class TestRedis implements AutoCloseable {
    private static final int DATABASES = 10_000;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration POLL = Duration.ofMillis(10);
    private static final String INSTALL = "sudo apt-get install redis-server (Debian, Ubuntu) or brew install redis (macOS)";
    private static final AtomicInteger NEXT_DATABASE = new AtomicInteger();
    private static TestRedis shared;

    private final Path dir;
    private final int port;
    private Process process;

    private TestRedis(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** A server of the caller's own, stopped by {@link #close()}. */
    public static TestRedis start() {
        try {
            TestRedis redis = new TestRedis(Files.createTempDirectory("wxacode-redis"), Ports.free());
            redis.restart();
            return redis;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The server that tests share, started on first use and stopped when the JVM exits. */
    public static synchronized TestRedis shared() {
        if (shared == null) {
            shared = start();
            TestRedis started = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "test-redis-stop"));
        }
        return shared;
    }

    /** A database number no other caller of this server gets, as a node's configuration names it. */
    public ServerConfig.Redis newDatabase() {
        return database(NEXT_DATABASE.incrementAndGet() % DATABASES);
    }

    /** With the default timeout, failing open. */
    public ServerConfig.Redis database(int number) {
        return new ServerConfig.Redis("redis://127.0.0.1:" + port + "/" + number, Duration.ofMillis(500), true);
    }

    /** Kills the server at once, as a crash would; its port stays reserved for {@link #restart()}. */
    public void stop() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    /** Stops the server's process without closing its connections, as a hung server: commands time out. */
    public void freeze() {
        signal("-STOP");
    }

    public void thaw() {
        signal("-CONT");
    }

    private void signal(String signal) {
        try {
            int exit = new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start().waitFor();
            if (exit != 0) {
                throw new IllegalStateException("kill " + signal + " exited with " + exit);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts the server (again) on the same port, empty, and waits until it answers. */
    public void restart() {
        stop();
        try {
            process = new ProcessBuilder(List.of(Executables.find("redis-server", INSTALL), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--databases", Integer.toString(DATABASES),
                    "--dir", dir.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("redis.log").toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start redis-server", e);
        }
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!answersPing()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("redis-server did not start on port " + port + "; see " + dir.resolve("redis.log"));
            }
            // Nothing to wait on but the port itself: poll it.
            LockSupport.parkNanos(POLL.toNanos());
        }
    }

    @Override
    public void close() {
        if (process != null) {
            thaw();
        }
        stop();
    }

    private boolean answersPing() {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readNBytes(7), StandardCharsets.US_ASCII).equals("+PONG\r\n");
        } catch (IOException e) {
            return false;
        }
    }
}
