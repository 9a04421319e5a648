package dev.wxacode.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wxacode.client.IoReasons;
import dev.wxacode.core.wire.WxException;
import dev.wxacode.server.Engine;
import dev.wxacode.server.config.ConfigException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wxacode scan}: what codes in image files open. */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = {"Decode code images and print what each opens, one JSON object per line:",
                "appid, env_version, page, query (as onLoad receives it) and the launch scene 1047.",
                "By default the server decodes them (POST /wxa/scan); --offline decodes here with the",
                "data directory's keys (the server must not be running on it).", "",
                "Exit code 0 when every file resolved, 3 when some did not, 1 when some could not be read."})
final class ScanCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "JPEG or PNG files; - for standard input.")
    List<Path> files;

    @Option(names = "--url", paramLabel = "URL", defaultValue = "${env:WXACODE_URL:-http://127.0.0.1:8080}",
            description = "wxacode's base URL (env WXACODE_URL; default ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--offline", description = "Decode and verify in this process, with the data directory's keys.")
    boolean offline;

    @Mixin
    ConfigOptions configuration;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean allResolved = true;
        boolean allRead = true;
        try (Scanner scanner = offline ? new OfflineScanner(Offline.open(configuration.load(Map.of()))) : new HttpScanner(url)) {
            for (Path file : files) {
                ObjectNode line = JSON.createObjectNode();
                line.put("file", file.toString());
                byte[] image;
                try {
                    // As gen -o - writes a code to standard output, scan - reads one from standard input.
                    image = file.toString().equals("-") ? System.in.readAllBytes() : Files.readAllBytes(file);
                } catch (IOException e) {
                    err.println("wxacode scan: cannot read " + file + ": " + IoReasons.of(e));
                    allRead = false;
                    continue;
                }
                JsonNode result = scanner.scan(image);
                line.setAll((ObjectNode) result);
                allResolved &= result.path("errcode").asInt(-1) == 0;
                out.println(line);
            }
        } catch (ConfigException | IllegalStateException e) {
            err.println("wxacode scan: " + e.getMessage());
            return ExitCode.BAD_USAGE;
        } catch (IOException e) {
            err.println("wxacode scan: cannot reach " + url + ": " + IoReasons.of(e));
            return ExitCode.FAILED;
        }
        out.flush();
        return !allRead ? ExitCode.FAILED : allResolved ? ExitCode.OK : ExitCode.REFUSED;
    }

    /** Image bytes to the resolution JSON, or an errcode JSON. */
    private interface Scanner extends AutoCloseable {
        JsonNode scan(byte[] image) throws IOException;

        @Override
        void close();
    }

    private static final class HttpScanner implements Scanner {
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        private final URI endpoint;

        HttpScanner(String url) {
            this.endpoint = URI.create((url.endsWith("/") ? url.substring(0, url.length() - 1) : url) + "/wxa/scan");
        }

        @Override
        public JsonNode scan(byte[] image) throws IOException {
            try {
                HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(endpoint)
                        .header("Content-Type", "application/octet-stream")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(image)).build(), HttpResponse.BodyHandlers.ofByteArray());
                return JSON.readTree(response.body());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }

        @Override
        public void close() {
            http.close();
        }
    }

    private record OfflineScanner(Engine engine) implements Scanner {
        @Override
        public JsonNode scan(byte[] image) {
            try {
                return engine.scan(image).toJson();
            } catch (WxException e) {
                return JSON.createObjectNode().put("errcode", e.errcode().code()).put("errmsg", e.errmsgText());
            }
        }

        @Override
        public void close() {
            engine.close();
        }
    }
}
