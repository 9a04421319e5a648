package dev.wxacode.junit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Where a seed file was found: a resource of the test class path, or a file. */
record SeedFile(String name, URL location) {

    /**
     * The resource {@code name} on the class path of the test (a leading {@code /} is ignored), or
     * failing that the file {@code name}, relative to the working directory.
     *
     * @throws IllegalArgumentException naming both places, when neither holds it
     */
    static SeedFile find(String name, ClassLoader classPath) {
        URL resource = classPath.getResource(name.startsWith("/") ? name.substring(1) : name);
        if (resource != null) {
            return new SeedFile(name, resource);
        }
        Path file = Path.of(name).toAbsolutePath();
        if (Files.isRegularFile(file)) {
            try {
                return new SeedFile(name, file.toUri().toURL());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalArgumentException("seed " + name + " not found: it is neither a resource on the test class path"
                + " (such as src/test/resources/" + name + ") nor a file at " + file);
    }

    /**
     * A file the server can read: the seed itself when it is one (so that a {@code logo} beside it is
     * found), else a copy in {@code dir} of the resource inside a jar.
     */
    Path fileIn(Path dir) {
        try {
            if (location.getProtocol().equals("file")) {
                return Path.of(location.toURI());
            }
            Path copy = dir.resolve("seed");
            try (InputStream in = location.openStream()) {
                Files.copy(in, copy);
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read seed " + name, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The apps of a seed file the server has applied (so it is well formed), with their secrets, in file order. */
    static List<SeededApp> apps(Path file) {
        try {
            List<SeededApp> apps = new ArrayList<>();
            for (JsonNode app : new ObjectMapper(new YAMLFactory()).readTree(file.toFile()).get("apps")) {
                apps.add(new SeededApp(app.get("appid").asText(), app.get("secret").asText()));
            }
            return List.copyOf(apps);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read seed " + file, e);
        }
    }
}
