package dev.wxacode.junit;

import dev.wxacode.core.wire.WxException;
import dev.wxacode.server.WxacodeServer;
import dev.wxacode.server.config.ConfigLoader;
import dev.wxacode.server.config.Setting;
import dev.wxacode.server.fault.FaultRule;
import dev.wxacode.server.requests.LoggedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A wxacode server inside the test's JVM, on 127.0.0.1 and a free port, with the apps of a seed
 * file: point the WeChat SDK under test at {@link #baseUrl()}, and make WeChat fail on demand with
 * {@link #addFault}, {@link #expireTokens} and {@link #supersedeTokens}.
 *
 * <pre>
 * &#64;RegisterExtension
 * static WxacodeExtension wx = WxacodeExtension.withSeed("wxacode-seed.json");
 * </pre>
 *
 * <p>On a {@code static} field one server serves the whole class (and its {@code @Nested} classes),
 * started before the first test and stopped after the last; on an instance field each test gets
 * its own. Every start is a fresh server: an empty database in a temporary directory (deleted at
 * stop), the seed's apps and no other (no demo app), and only the settings given here (the
 * process's {@code WXACODE_*} environment is not read), so the admin API is closed unless a test
 * gives {@code WXACODE_ADMIN_KEY}. Fault rules end with the test that added them, whichever the
 * lifecycle, and the request log holds the calls of the running test alone: after each test every
 * app's rules and logged calls are cleared, so tests that share a server must not run in parallel
 * if they add rules or read the log. Tokens, quotas and minute limits last as long as the server.
 */
public final class WxacodeExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
    /** What makes each server fresh and private to the test; {@link #withPort} sets the port. */
    private static final Set<Setting> OWNED = EnumSet.of(Setting.BIND, Setting.PORT, Setting.DATA_DIR, Setting.DB_URL,
            Setting.SEED, Setting.DEMO);

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A started server, and the test container or test that started it (and will stop it). */
    private record Running(String owner, WxacodeServer server, Path dir, List<SeededApp> apps) {
    }

    private final Optional<SeedFile> seed;
    private final Map<String, String> settings;
    private volatile Running running;

    private WxacodeExtension(Optional<SeedFile> seed, Map<String, String> settings) {
        this.seed = seed;
        this.settings = Map.copyOf(settings);
    }

    /**
     * A server with the apps and releases of a seed file (YAML or JSON, docs/configuration.md): a
     * resource on the test class path, such as {@code src/test/resources/wxacode-seed.json}, or
     * failing that a file path, relative to the working directory.
     *
     * @throws IllegalArgumentException naming both places, when neither holds the seed
     */
    public static WxacodeExtension withSeed(String name) {
        return new WxacodeExtension(Optional.of(SeedFile.find(name, Thread.currentThread().getContextClassLoader())), Map.of());
    }

    /** A server with no app at all. */
    public static WxacodeExtension create() {
        return new WxacodeExtension(Optional.empty(), Map.of());
    }

    /**
     * The same extension with one more setting, by its environment name, such as
     * {@code withSetting("WXACODE_RATE_LIMIT_PER_MINUTE", "3")}; a value the server cannot use
     * stops the start, naming the setting.
     *
     * @throws IllegalArgumentException for a name that is no setting, or one the extension sets
     *                                  itself (address, port, storage, seed, demo app)
     */
    public WxacodeExtension withSetting(String name, String value) {
        Setting setting = Arrays.stream(Setting.values()).filter(s -> s.envName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(name + " is not a wxacode setting (docs/configuration.md)"));
        if (OWNED.contains(setting)) {
            throw new IllegalArgumentException(name + " is set by WxacodeExtension, to keep each server fresh and on"
                    + " loopback" + (setting == Setting.PORT ? "; use withPort" : ""));
        }
        return with(name, value);
    }

    /** The same extension on a fixed port rather than a free one (0, the default, picks a free one). */
    public WxacodeExtension withPort(int port) {
        return with(Setting.PORT.envName(), Integer.toString(port));
    }

    private WxacodeExtension with(String name, String value) {
        Map<String, String> more = new HashMap<>(settings);
        more.put(name, value);
        return new WxacodeExtension(seed, more);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        // Also called for each @Nested class: the outer class's server goes on serving it.
        if (running == null) {
            start(context.getUniqueId());
        }
    }

    /** An extension on an instance field gets no beforeAll: it starts here, for this test alone. */
    @Override
    public void beforeEach(ExtensionContext context) {
        if (running == null) {
            start(context.getUniqueId());
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Running now = running;
        if (now == null) {
            return;
        }
        if (now.owner.equals(context.getUniqueId())) {
            stop();
        } else {
            // A server shared by the class: the next test must not meet this one's failures, nor find its
            // calls in the log (where they would also earn the next test's calls warnings, such as
            // token_minted_often, that compare a call with those before it).
            now.apps.forEach(app -> {
                now.server.testControl().clearFaults(app.appid());
                now.server.testControl().clearRequests(app.appid());
            });
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Running now = running;
        if (now != null && now.owner.equals(context.getUniqueId())) {
            stop();
        }
    }

    private void start(String owner) {
        Path dir;
        try {
            dir = Files.createTempDirectory("wxacode-junit");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Map<String, String> env = new HashMap<>(settings);
            env.putIfAbsent(Setting.PORT.envName(), "0");
            env.put(Setting.BIND.envName(), "127.0.0.1");
            env.put(Setting.DATA_DIR.envName(), dir.resolve("data").toString());
            env.put(Setting.DEMO.envName(), "false");
            // In memory for the server's life, not in a key file beside the data: the file would only earn a
            // warning meant for production servers.
            byte[] masterKey = new byte[32];
            RANDOM.nextBytes(masterKey);
            env.putIfAbsent(Setting.MASTER_KEY.envName(), Base64.getEncoder().encodeToString(masterKey));
            Optional<Path> seedFile = seed.map(s -> s.fileIn(dir));
            seedFile.ifPresent(file -> env.put(Setting.SEED.envName(), file.toString()));
            WxacodeServer server = WxacodeServer.start(ConfigLoader.load(Optional.empty(), env));
            running = new Running(owner, server, dir, seedFile.map(SeedFile::apps).orElse(List.of()));
        } catch (RuntimeException e) {
            delete(dir);
            throw e;
        }
    }

    private void stop() {
        Running now = running;
        running = null;
        try {
            now.server.close();
        } finally {
            delete(now.dir);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Running running() {
        Running now = running;
        if (now == null) {
            throw new IllegalStateException("the wxacode server is not running: it runs from before the first test to"
                    + " after the last (static field) or around each test (instance field)");
        }
        return now;
    }

    /** {@code http://127.0.0.1:<port>}: what the SDK under test takes as its API host instead of https://api.weixin.qq.com. */
    public String baseUrl() {
        return running().server.localUrl();
    }

    public int port() {
        return running().server.port();
    }

    /** The seed's apps, in the order of the file. */
    public List<SeededApp> apps() {
        return running().apps;
    }

    /** @throws IllegalArgumentException for an appid the seed does not have, naming those it has */
    public SeededApp app(String appid) {
        List<SeededApp> apps = running().apps;
        return apps.stream().filter(app -> app.appid().equals(appid)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no app " + appid + " in the seed; it has "
                        + apps.stream().map(SeededApp::appid).toList()));
    }

    /**
     * Adds a fault rule for the app's calls; it ends as the fault says, or when the test ends.
     *
     * @return the rule, with the id the server gave it
     * @throws IllegalArgumentException for an app not in the seed, or a fault the server refuses,
     *                                  saying why (an errcode WeChat does not answer, say)
     */
    public FaultRule addFault(String appid, Fault fault) {
        try {
            return running().server.testControl().addFault(app(appid).appid(), fault.spec());
        } catch (WxException e) {
            throw new IllegalArgumentException(e.errmsgText());
        }
    }

    /** The app's rules still in force, oldest first, each with the calls it has left. */
    public List<FaultRule> faults(String appid) {
        return running().server.testControl().faults(app(appid).appid());
    }

    /** @return false if the app has no rule {@code id} (it ended, say) */
    public boolean removeFault(String appid, String id) {
        return running().server.testControl().removeFault(app(appid).appid(), id);
    }

    public void clearFaults(String appid) {
        running().server.testControl().clearFaults(app(appid).appid());
    }

    /**
     * The app's calls since the test began, oldest first (the newest 100, or {@code WXACODE_REQUEST_LOG_SIZE}):
     * route, query and body fields with credentials redacted, status, errcode, time to the answer, rid,
     * and warnings about likely SDK mistakes (docs/testing.md lists their codes).
     */
    public List<LoggedRequest> requests(String appid) {
        return running().server.testControl().requests(app(appid).appid());
    }

    /**
     * Every token of the app, plain and stable, expires now: the next call with one gets 42001
     * {@code access_token expired}, as when a token outlives its 7200 s.
     */
    public void expireTokens(String appid) {
        running().server.testControl().expireTokens(app(appid).appid());
    }

    /**
     * Every token of the app is superseded now, as when another server of the same app fetched a
     * newer one: the next call with one gets 40001 {@code … not latest …}.
     */
    public void supersedeTokens(String appid) {
        running().server.testControl().supersedeTokens(app(appid).appid());
    }
}
