package dev.wxacode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code wxacode} in a process of its own: to be killed, to compete for a data directory, or to
 * show what it prints where, with the logging configuration users get.
 */
final class Subprocess {
    static final Pattern LISTENING = Pattern.compile("wxacode is listening on (http://\\S+)");
    static final Pattern APPID = Pattern.compile("appid +(wx[0-9a-f]{16})");
    static final Pattern SECRET = Pattern.compile("secret +([0-9a-f]{32})");

    private Subprocess() {
    }

    /** Starts {@code wxacode args…} in {@code dir}; standard output to {@code out.log}, errors to {@code err.log}. */
    static Process start(Path dir, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dlogback.configurationFile=logback.xml", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve("out.log").toFile()).redirectError(dir.resolve("err.log").toFile());
        // The developer's own settings would change what the server does and prints.
        process.environment().keySet().removeIf(name -> name.startsWith("WXACODE_"));
        return process.start();
    }

    /** The banner a {@code serve} started by {@link #start} in {@code dir} printed, once complete. */
    static String awaitBanner(Path dir, Process serve) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Path out = dir.resolve("out.log");
        while (System.nanoTime() < deadline) {
            String text = Files.exists(out) ? Files.readString(out) : "";
            if (text.contains("Point an SDK here")) {
                return text;
            }
            assertThat(serve.isAlive()).as("serve exited: %s", Files.readString(dir.resolve("err.log"))).isTrue();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        throw new AssertionError("no banner within 60 s");
    }

    /** The first group of {@code pattern} in {@code text}, which must match. */
    static String find(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        assertThat(matcher.find()).as("%s in %s", pattern, text).isTrue();
        return matcher.group(1);
    }
}
