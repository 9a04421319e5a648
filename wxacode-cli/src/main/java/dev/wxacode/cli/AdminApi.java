package dev.wxacode.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wxacode.client.IoReasons;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The admin API from the shell, for {@code wxacode admin}, {@code faults} and {@code logs}: where it is,
 * its key, and one call that prints the server's JSON reply; a refusal prints its errcode and
 * message on standard error and exits 3.
 */
final class AdminApi {
    static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--url", paramLabel = "URL", defaultValue = "${env:WXACODE_URL:-http://127.0.0.1:8080}", scope = CommandLine.ScopeType.INHERIT,
            description = "wxacode's base URL (env WXACODE_URL; default ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--admin-key", paramLabel = "KEY", defaultValue = "${env:WXACODE_ADMIN_KEY}", scope = CommandLine.ScopeType.INHERIT,
            description = "The server's admin key (env WXACODE_ADMIN_KEY, better than this option: it stays out of the process list).")
    String adminKey;

    /** Sends one admin request and prints its reply; the exit code says how it went. */
    int call(CommandLine.Model.CommandSpec caller, String method, String path, HttpRequest.BodyPublisher body) {
        try {
            JsonNode reply = send(caller, method, path, body);
            PrintWriter out = caller.commandLine().getOut();
            out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(reply));
            out.flush();
            return ExitCode.OK;
        } catch (Failed failed) {
            return failed.exitCode;
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree always writes", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCode.FAILED;
        }
    }

    /**
     * Sends one admin request.
     *
     * @return the server's JSON reply
     * @throws Failed when there is no key, no answer or a refusal, once that is said on standard error
     */
    JsonNode send(CommandLine.Model.CommandSpec caller, String method, String path, HttpRequest.BodyPublisher body)
            throws Failed, InterruptedException {
        PrintWriter err = caller.commandLine().getErr();
        String command = command(caller);
        if (adminKey == null || adminKey.isBlank()) {
            err.println(command + ": give the admin key with WXACODE_ADMIN_KEY (or --admin-key)");
            throw new Failed(ExitCode.BAD_USAGE);
        }
        String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build()) {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                    .header("Authorization", "Bearer " + adminKey)
                    .header("Content-Type", "application/json")
                    .method(method, body).build(), HttpResponse.BodyHandlers.ofByteArray());
            JsonNode reply = JSON.readTree(response.body());
            // A refusal has errmsg beside errcode; a fault rule's own errcode field is no refusal.
            if (response.statusCode() >= 300 || reply.has("errmsg") && reply.path("errcode").asInt(0) != 0) {
                err.println(command + ": refused: " + reply.path("errcode").asInt() + " " + reply.path("errmsg").asText());
                throw new Failed(ExitCode.REFUSED);
            }
            return reply;
        } catch (IOException e) {
            err.println(command + ": cannot reach " + base + ": " + IoReasons.of(e));
            throw new Failed(ExitCode.FAILED);
        }
    }

    /** An admin call that did not give a reply to use; what went wrong has been printed. */
    static final class Failed extends Exception {
        final int exitCode;

        Failed(int exitCode) {
            super(null, null, false, false);
            this.exitCode = exitCode;
        }
    }

    /** What messages begin with: the command the user typed, {@code wxacode admin} or {@code wxacode faults}. */
    private static String command(CommandLine.Model.CommandSpec caller) {
        CommandLine.Model.CommandSpec top = caller;
        while (top.parent() != null && top.parent().parent() != null) {
            top = top.parent();
        }
        return top.qualifiedName();
    }

    static HttpRequest.BodyPublisher json(JsonNode body) {
        try {
            return HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static HttpRequest.BodyPublisher none() {
        return HttpRequest.BodyPublishers.noBody();
    }
}
