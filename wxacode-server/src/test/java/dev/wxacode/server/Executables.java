package dev.wxacode.server;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Servers the tests start from the machine (redis-server, nginx): found on the PATH or where Debian puts them. */
public final class Executables {
    private Executables() {
    }

    /**
     * @param install how to get it, for the message when it is missing
     * @throws IllegalStateException when it is nowhere to be found
     */
    public static String find(String name, String install) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        // sbin is not on a non-root user's PATH on Debian, and nginx lives there.
        dirs.addAll(List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin"));
        for (String dir : dirs) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return Path.of(dir, name).toString();
            }
        }
        throw new IllegalStateException(name + " is not installed; the tests need it: " + install
                + " (README, \"Developing\")");
    }
}
