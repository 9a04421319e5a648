package dev.wxacode.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.wxacode.server.config.ConfigLoader;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wxacode logs}: an app's request log, with its warnings, through the admin API (docs/testing.md). */
@Command(name = "logs", mixinStandardHelpOptions = true,
        description = {"Show an app's last calls as the server saw them: route, fields (credentials redacted), errcode,",
            "time taken, rid, and warnings about likely SDK mistakes. Needs the admin key (WXACODE_ADMIN_KEY).",
            "  wxacode logs wx1234567890abcdef --follow"})
final class LogsCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    AdminApi api;

    @Parameters(paramLabel = "APPID", description = "The app whose calls to show.")
    String appid;

    @Option(names = {"-f", "--follow"}, description = "Keep printing calls as they come, until interrupted (Ctrl-C).")
    boolean follow;

    @Option(names = {"-n", "--limit"}, paramLabel = "N", description = "Show at most the last N calls first (default: all kept).")
    Integer limit;

    @Option(names = "--json", description = "One JSON object per call, as the admin API gives it.")
    boolean json;

    @Option(names = "--interval", paramLabel = "TIME", defaultValue = "1s",
            description = "With --follow, how often to ask the server for new calls (default ${DEFAULT-VALUE}).")
    String interval;

    @Override
    public Integer call() {
        Duration every = ConfigLoader.parseDuration(interval).orElse(null);
        if (every == null || every.isZero()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--interval: a duration such as 500ms or 2s");
        }
        String path = "/admin/apps/" + appid + "/requests";
        try {
            long last = print(api.send(spec, "GET", path + (limit == null ? "" : "?limit=" + limit), AdminApi.none()), -1);
            while (follow) {
                Thread.sleep(every);
                last = print(api.send(spec, "GET", path + "?after=" + Math.max(last, 0), AdminApi.none()), last);
            }
        } catch (AdminApi.Failed failed) {
            return failed.exitCode;
        } catch (InterruptedException stopped) {
            // --follow ends when interrupted; what was printed stands.
        }
        return ExitCode.OK;
    }

    /** Prints the calls of one page. @return the highest seq printed so far */
    private long print(JsonNode page, long last) {
        PrintWriter out = spec.commandLine().getOut();
        for (JsonNode call : page.get("requests")) {
            out.println(json ? compact(call) : line(call));
            for (JsonNode warning : json ? AdminApi.JSON.createArrayNode() : call.get("warnings")) {
                out.println("  ! " + warning.get("code").asText() + ": " + warning.get("message").asText());
            }
            last = Math.max(last, call.get("seq").asLong());
        }
        out.flush();
        return last;
    }

    /** {@code 2024-11-25T09:00:00Z POST /wxa/getwxacodeunlimit 200 errcode=41030 12.3ms rid=… scene=id=1 page=…} */
    private static String line(JsonNode call) {
        StringBuilder line = new StringBuilder()
                .append(call.get("time").asText()).append(' ')
                .append(call.get("method").asText()).append(' ')
                .append(call.get("route").asText()).append(' ')
                .append(call.get("status").asInt()).append(" errcode=").append(call.get("errcode").asInt()).append(' ')
                .append(call.get("ms").asText()).append("ms rid=").append(call.get("rid").asText());
        for (String part : new String[] {"query", "fields"}) {
            for (Map.Entry<String, JsonNode> field : call.get(part).properties()) {
                JsonNode value = field.getValue();
                line.append(' ').append(printable(field.getKey())).append('=')
                        .append(value.isTextual() ? printable(value.asText()) : compact(value));
            }
        }
        return line.toString();
    }

    /**
     * A text as it is, or JSON-quoted when it holds a control character: callers write these
     * values, and a newline or terminal escape in them must not pass for a line of the log.
     */
    private static String printable(String text) {
        return text.chars().anyMatch(c -> c < 0x20 || c >= 0x7f && c < 0xa0) ? compact(AdminApi.JSON.getNodeFactory().textNode(text)) : text;
    }

    private static String compact(JsonNode node) {
        try {
            return AdminApi.JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always writes", e);
        }
    }
}
