package dev.wxacode.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link TestServer} for a test class: {@link #shared} (a static field) starts one for the whole
 * class, {@link #fresh} (an instance field) one per test. Each gets its own temporary directory,
 * deleted after.
 */
public final class ServerExtension implements BeforeAllCallback, AfterAllCallback, AfterEachCallback {
    private final String[] settings;
    private final boolean perTest;
    private Path dir;
    private TestServer server;

    private ServerExtension(boolean perTest, String[] settings) {
        this.perTest = perTest;
        this.settings = settings.clone();
    }

    /** One server for all tests of the class; register it on a static field. */
    public static ServerExtension shared(String... settings) {
        return new ServerExtension(false, settings);
    }

    /** A new server for each test, started at once; register it on an instance field. */
    public static ServerExtension fresh(String... settings) {
        ServerExtension extension = new ServerExtension(true, settings);
        extension.start();
        return extension;
    }

    public TestServer get() {
        return server;
    }

    /** A new {@code /cgi-bin/token} token of the Shop app. */
    public String shopToken() {
        return server.token(TestServer.SHOP, TestServer.SHOP_SECRET);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (!perTest) {
            start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (perTest) {
            stop();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (!perTest) {
            stop();
        }
    }

    private void start() {
        try {
            dir = Files.createTempDirectory("wxacode-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server = TestServer.start(dir, settings);
    }

    private void stop() {
        server.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
