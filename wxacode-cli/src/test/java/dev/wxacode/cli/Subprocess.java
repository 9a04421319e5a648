package dev.wxacode.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code wxacode} in a process of its own: to be killed, to compete for a data directory, or to
 * show what it prints where, with the logging configuration users get.
 */
final class Subprocess {
    private Subprocess() {
    }

    /** Starts {@code wxacode args…} in {@code dir}; standard output to {@code out.log}, errors to {@code err.log}. */
    static Process start(Path dir, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dlogback.configurationFile=logback.xml", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve("out.log").toFile()).redirectError(dir.resolve("err.log").toFile()).start();
    }
}
