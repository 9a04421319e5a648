package dev.wxacode.cli;

import dev.wxacode.server.WxacodeServer;
import dev.wxacode.server.config.ConfigException;
import dev.wxacode.server.config.ConfigLoader;
import dev.wxacode.server.config.ServerConfig;
import dev.wxacode.server.config.Setting;
import dev.wxacode.server.registry.DemoApp;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code wxacode serve}: runs the server until interrupted. */
@Command(name = "serve",
        mixinStandardHelpOptions = true,
        description = {"Run the wxacode server.", "",
                "Settings come from the options below, then WXACODE_* environment variables, then the",
                "configuration file, then defaults. See docs/configuration.md for every setting."})
final class ServeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "YAML or JSON configuration file (default: $WXACODE_CONFIG, else none).")
    Path config;

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "Address to listen on (default 127.0.0.1).")
    String bind;

    @Option(names = {"-p", "--port"}, paramLabel = "PORT", description = "Port to listen on (default 8080; 0 = any free port).")
    Integer port;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where the embedded database lives (default ./data).")
    Path dataDir;

    @Option(names = "--seed", paramLabel = "FILE", description = "Seed file of apps and releases to apply at start.")
    Path seed;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ServerConfig serverConfig;
        try {
            serverConfig = ConfigLoader.load(configFile(), environment());
        } catch (ConfigException e) {
            err.println("wxacode: " + e.getMessage());
            return Main.BAD_USAGE;
        }
        WxacodeServer server;
        try {
            server = WxacodeServer.start(serverConfig);
        } catch (ConfigException e) {
            err.println("wxacode: " + e.getMessage());
            return Main.BAD_USAGE;
        } catch (RuntimeException e) {
            err.println("wxacode: could not start: " + e.getMessage());
            return Main.FAILED;
        }
        Banner.print(out, server, serverConfig);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "wxacode-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private Optional<Path> configFile() {
        if (config != null) {
            return Optional.of(config);
        }
        String fromEnv = System.getenv("WXACODE_CONFIG");
        return fromEnv == null || fromEnv.isBlank() ? Optional.empty() : Optional.of(Path.of(fromEnv));
    }

    /** The process environment with the command-line options on top. */
    private Map<String, String> environment() {
        Map<String, String> env = new HashMap<>(System.getenv());
        if (bind != null) {
            env.put(Setting.BIND.envName(), bind);
        }
        if (port != null) {
            env.put(Setting.PORT.envName(), port.toString());
        }
        if (dataDir != null) {
            env.put(Setting.DATA_DIR.envName(), dataDir.toString());
        }
        if (seed != null) {
            env.put(Setting.SEED.envName(), seed.toString());
        }
        return env;
    }

    /** What a developer needs on screen after start: where it runs, the demo app, a working curl pair. */
    static final class Banner {
        private Banner() {
        }

        static void print(PrintWriter out, WxacodeServer server, ServerConfig config) {
            String url = server.localUrl();
            out.println();
            out.println("wxacode is listening on " + url + "   (data: " + config.storage().dataDir()
                    + ", admin API: " + (config.admin().key().isPresent() ? "open" : "closed") + ")");
            Optional<DemoApp.Credentials> demo = server.demo();
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
            out.println("Point an SDK here by changing its API host from https://api.weixin.qq.com to " + url + ".");
            out.flush();
        }
    }
}
