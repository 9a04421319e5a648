package dev.wxacode.cli;

import dev.wxacode.cli.batch.Batch;
import dev.wxacode.cli.batch.Maker;
import dev.wxacode.cli.batch.OfflineMaker;
import dev.wxacode.cli.batch.Print;
import dev.wxacode.cli.batch.Progress;
import dev.wxacode.cli.batch.RowDefaults;
import dev.wxacode.cli.batch.ServerMaker;
import dev.wxacode.cli.batch.Shard;
import dev.wxacode.core.wire.WxException;
import dev.wxacode.server.Engine;
import dev.wxacode.server.config.ConfigException;
import dev.wxacode.server.config.ConfigLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code wxacode batch}: pre-generation of many codes from a CSV, resumable. */
@Command(name = "batch", mixinStandardHelpOptions = true,
        description = {"Make a code for every row of a CSV file, into a directory or a ZIP file.", "",
                "Columns (with a header line): scene, page, width, line_color, auto_color, hyaline, env_version,",
                "check_path, filename; without a header: scene, page, width, line_color, filename. Missing values",
                "take the options below. Files are named after their line (0000042.jpg) unless the row names one.",
                "With --format svg or pdf the codes are written for print, in the app's style, --size wide.", "",
                "Each finished file is recorded in manifest.csv (line, scene, file, sha256); rerunning the same",
                "command after Ctrl-C or a kill skips what is complete. Invalid or refused rows are listed with",
                "their line numbers in errors.csv and the batch goes on (exit code 4). A refusal of the app itself",
                "(a wrong secret, say) stops it (exit code 3). Ctrl-C finishes the rows in hand and exits 130.", "",
                "Through the HTTP API (default) 45009 is waited out. With --offline the codes are made in this",
                "process from the server's data directory (same keys and pages; the server must not run on it)."})
final class BatchCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-i", "--input"}, required = true, paramLabel = "CSV", description = "The rows.")
    Path input;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR|FILE.zip", description = "A directory, or a .zip file.")
    Path out;

    @Option(names = "--parallel", paramLabel = "N", description = "Codes made at once (default: one per core, 4 through the API).")
    Integer parallel;

    @Option(names = "--offline", description = "Make the codes in this process, from the data directory.")
    boolean offline;

    @Option(names = "--shard", paramLabel = "I/N", defaultValue = "1/1", converter = ShardConverter.class,
            description = {"Make only this machine's share of the rows: lines I, I+N, I+2N… of the input (default 1/1, all).",
                    "N machines with the same input and database split a batch without talking to each other;",
                    "copy their output directories into one and join the manifests (docs/deploy.md)."})
    Shard shard;

    @Option(names = "--verify", description = "On a rerun, check the SHA-256 of every file already made, not only its size.")
    boolean verify;

    @Option(names = "--backoff", paramLabel = "DURATION", defaultValue = "1s", converter = DurationConverter.class,
            description = "First wait after 45009 or -1, doubling up to a minute (default 1s).")
    Duration backoff;

    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "AUTO",
            description = "auto (a bar on a terminal, else a line every 5 s), bar, lines or none.")
    Progress.Mode progress;

    @Mixin
    ApiOptions api;

    @Mixin
    CodeOptions code;

    @Mixin
    PrintOptions printing;

    @Mixin
    ConfigOptions configuration;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isRegularFile(input)) {
            err.println("wxacode batch: no input file " + input);
            return ExitCode.BAD_USAGE;
        }
        if (parallel != null && parallel < 1) {
            err.println("wxacode batch: --parallel must be 1 or more");
            return ExitCode.BAD_USAGE;
        }
        CountDownLatch reported = new CountDownLatch(1);
        Engine engine = null;
        try {
            Optional<Print> print = printing.print();
            code.check();
            RowDefaults defaults = new RowDefaults(code.page, code.width, code.lineColor, code.autoColor, code.hyaline,
                    code.env, !code.noCheckPath, print);
            Maker maker;
            int workers;
            String settings;
            if (offline) {
                if (api.appid == null) {
                    err.println("wxacode batch: give the app with --appid or WXACODE_APPID");
                    return ExitCode.BAD_USAGE;
                }
                engine = Offline.open(configuration.load(Map.of()));
                maker = new OfflineMaker(engine, engine.app(api.appid), print);
                workers = parallel != null ? parallel : Runtime.getRuntime().availableProcessors();
                settings = "offline " + api.appid + " " + engine.config().http().publicUrlFor(engine.config().http().port());
            } else {
                maker = new ServerMaker(api.client(), backoff, print);
                workers = parallel != null ? parallel : 4;
                settings = "api " + api.url + " " + api.appid;
            }
            Batch batch = new Batch(input, out, maker, defaults, settings, shard, workers, verify, progress, err);
            // Ctrl-C: stop taking rows, and let this thread print the summary before the JVM goes.
            Thread onSignal = new Thread(() -> {
                batch.stop();
                try {
                    reported.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "batch-stop");
            Runtime.getRuntime().addShutdownHook(onSignal);
            Batch.Summary summary;
            try {
                summary = batch.run();
            } finally {
                removeHook(onSignal);
            }
            err.printf("batch: %d rows: %d made, %d done before, %d invalid, %d refused%s%n", summary.rows(), summary.made(),
                    summary.skipped(), summary.invalid(), summary.refused(), summary.stopped() ? " (stopped: rerun to finish)" : "");
            err.flush();
            return summary.clean() ? ExitCode.OK : ExitCode.PARTIAL;
        } catch (Batch.Abort e) {
            err.println("wxacode batch: the server refused the app: " + e.getMessage());
            return ExitCode.REFUSED;
        } catch (IllegalArgumentException | IllegalStateException | ConfigException e) {
            err.println("wxacode batch: " + e.getMessage());
            return ExitCode.BAD_USAGE;
        } catch (WxException e) {
            err.println("wxacode batch: " + e.errmsgText());
            return ExitCode.BAD_USAGE;
        } catch (IOException | UncheckedIOException e) {
            err.println("wxacode batch: " + e.getMessage());
            return ExitCode.FAILED;
        } finally {
            err.flush();
            if (engine != null) {
                engine.close();
            }
            // Last: on Ctrl-C the JVM halts as soon as the hook waiting for this returns.
            reported.countDown();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // shutting down already: the hook is running
        }
    }

    static final class ShardConverter implements CommandLine.ITypeConverter<Shard> {
        @Override
        public Shard convert(String value) {
            try {
                return Shard.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** Durations as the configuration writes them: {@code 500ms}, {@code 2s}, {@code 1m}. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return ConfigLoader.parseDuration(value)
                    .orElseThrow(() -> new CommandLine.TypeConversionException("'" + value + "' is not a duration such as 500ms, 2s or 1m"));
        }
    }
}
