package dev.wxacode.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code wxacode} in a process of its own, to be killed or to compete for a data directory. */
final class Subprocess {
    private Subprocess() {
    }

    /** Starts {@code wxacode args…} in {@code dir}, its output in {@code dir/out.log}. */
    static Process start(Path dir, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("out.log").toFile()).start();
    }
}
