package dev.wxacode.cli;

import dev.wxacode.server.WxacodeServer;
import dev.wxacode.server.config.ConfigException;
import dev.wxacode.server.config.ServerConfig;
import dev.wxacode.server.config.Setting;
import dev.wxacode.server.registry.DemoCredentials;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code wxacode serve}: runs the server until interrupted. */
@Command(name = "serve",
        mixinStandardHelpOptions = true,
        description = {"Run the wxacode server.", "",
                "Settings come from the options below, then WXACODE_* environment variables, then the",
                "configuration file, then defaults. See docs/configuration.md for every setting."})
final class ServeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ConfigOptions configuration;

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "Address to listen on (default 127.0.0.1).")
    String bind;

    @Option(names = {"-p", "--port"}, paramLabel = "PORT", description = "Port to listen on (default 8080; 0 = any free port).")
    Integer port;

    @Option(names = "--seed", paramLabel = "FILE", description = "Seed file of apps and releases to apply at start.")
    Path seed;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ServerConfig serverConfig;
        try {
            serverConfig = configuration.load(overrides());
        } catch (ConfigException e) {
            err.println("wxacode: " + e.getMessage());
            return ExitCode.BAD_USAGE;
        }
        WxacodeServer server;
        try {
            server = WxacodeServer.start(serverConfig);
        } catch (ConfigException e) {
            err.println("wxacode: " + e.getMessage());
            return ExitCode.BAD_USAGE;
        } catch (RuntimeException e) {
            err.println("wxacode: could not start: " + e.getMessage());
            return ExitCode.FAILED;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        // Before the banner: whoever reads it may stop the server at once, and that stop must be graceful.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "wxacode-shutdown"));
        Banner.print(out, server, serverConfig);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private Map<Setting, String> overrides() {
        Map<Setting, String> overrides = new EnumMap<>(Setting.class);
        if (bind != null) {
            overrides.put(Setting.BIND, bind);
        }
        if (port != null) {
            overrides.put(Setting.PORT, port.toString());
        }
        if (seed != null) {
            overrides.put(Setting.SEED, seed.toString());
        }
        return overrides;
    }

    /** What a developer needs on screen after start: where it runs, the demo app, a working curl pair. */
    static final class Banner {
        private Banner() {
        }

        static void print(PrintWriter out, WxacodeServer server, ServerConfig config) {
            String url = server.localUrl();
            out.println();
            out.println("wxacode is listening on " + url + "   (data: " + config.storage().describe()
                    + ", admin API: " + (config.admin().key().isPresent() ? "open" : "closed") + ")");
            Optional<DemoCredentials> demo = server.demo();
            if (demo.isPresent()) {
                String appid = demo.get().appid();
                out.println();
                out.println("Demo app (pages/index/index, pages/detail/detail):");
                out.println("  appid   " + appid);
                if (demo.get().secret().isPresent()) {
                    String secret = demo.get().secret().get();
                    out.println("  secret  " + secret);
                    out.println();
                    out.println("Get a token, then a code:");
                    out.println("  TOKEN=$(curl -s '" + url + "/cgi-bin/token?grant_type=client_credential&appid=" + appid
                            + "&secret=" + secret + "' | sed -E 's/.*\"access_token\":\"([^\"]+)\".*/\\1/')");
                    out.println("  curl -s \"" + url + "/wxa/getwxacodeunlimit?access_token=$TOKEN\""
                            + " -d '{\"scene\":\"id=42\",\"page\":\"pages/detail/detail\"}' -o code.jpg");
                } else {
                    out.println("  secret  (rotated since first start; see the admin API)");
                }
            }
            out.println();
            out.println("The console: " + url + "/console"
                    + (config.admin().key().isPresent() ? " (sign in with the admin key)" : " (set WXACODE_ADMIN_KEY to open it)"));
            out.println("Point an SDK here by changing its API host from https://api.weixin.qq.com to " + url + ".");
            out.flush();
        }
    }
}
