package dev.wxacode.server.cluster;

import dev.wxacode.server.Executables;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The project's nginx configuration ({@code deploy/nginx/wxacode.conf}) run by a real nginx
 * (Debian's package; {@code .ci/run} installs it when missing) on a free loopback port, in front of
 * two nodes. Only the port numbers of the file are changed; a minimal {@code nginx.conf} around it
 * keeps pid, logs and temporary files in a directory of the test's own.
 */
final class TestNginx implements AutoCloseable {
    static final Path CONFIG = Path.of("..", "deploy", "nginx", "wxacode.conf");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final Process process;
    private final int port;
    private final Path dir;

    private TestNginx(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    /** nginx on {@code port}, sending to the nodes on {@code node1} and {@code node2}. */
    static TestNginx start(Path dir, int port, int node1, int node2) throws IOException {
        String site = Files.readString(CONFIG)
                .replace("listen 8080;", "listen 127.0.0.1:" + port + ";")
                .replace("127.0.0.1:8081", "127.0.0.1:" + node1)
                .replace("127.0.0.1:8082", "127.0.0.1:" + node2);
        Files.createDirectories(dir.resolve("logs"));
        Files.writeString(dir.resolve("wxacode.conf"), site);
        // Started by root, nginx's workers would run as "nobody" and could not write request
        // bodies into the test's private directory.
        String user = System.getProperty("user.name").equals("root") ? "user root;" : "";
        Files.writeString(dir.resolve("nginx.conf"), """
                %2$s
                pid %1$s/nginx.pid;
                error_log %1$s/logs/error.log warn;
                events {}
                http {
                    access_log off;
                    client_body_temp_path %1$s/body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    include %1$s/wxacode.conf;
                }
                """.formatted(dir.toAbsolutePath(), user));
        Process process = new ProcessBuilder(List.of(Executables.find("nginx", "sudo apt-get install nginx (Debian, Ubuntu) or brew install nginx (macOS)"), "-p", dir.toAbsolutePath().toString(),
                "-c", dir.resolve("nginx.conf").toAbsolutePath().toString(), "-g", "daemon off;"))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("logs/stdout.log").toFile())
                .start();
        TestNginx nginx = new TestNginx(process, port, dir);
        nginx.awaitPort();
        return nginx;
    }

    String url(String pathAndQuery) {
        return "http://127.0.0.1:" + port + pathAndQuery;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitPort() throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IOException("nginx did not start: " + Files.readString(dir.resolve("logs/stdout.log")));
                }
                // Nothing to wait on but the port itself: poll it.
                LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
            }
        }
    }
}
