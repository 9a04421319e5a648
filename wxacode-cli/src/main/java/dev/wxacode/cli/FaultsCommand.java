package dev.wxacode.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wxacode faults}: a test's fault rules and token endings, through the admin API (docs/testing.md). */
@Command(name = "faults", mixinStandardHelpOptions = true,
        description = {"Make an app's WeChat calls fail on demand: fault rules, and tokens ended at once.",
            "Needs the admin key (WXACODE_ADMIN_KEY); rules live in the server's memory unless --persist. See docs/testing.md."},
        subcommands = CommandLine.HelpCommand.class)
final class FaultsCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    AdminApi api;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** What a rule does: exactly one. */
    static final class Action {
        @Option(names = "--errcode", paramLabel = "N", description = "Answer this WeChat errcode (e.g. 45009, 42001, -1).")
        Integer errcode;

        @Option(names = "--delay", paramLabel = "TIME", description = "Hold each call this long, then serve it: 2s, or a range such as 100ms-2s.")
        String delay;

        @Option(names = "--drop", description = "Close the connection without an answer.")
        boolean drop;

        @Option(names = "--slow", paramLabel = "BYTES", description = "Send the reply's body at this many bytes a second.")
        Integer slow;
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Add a rule; prints it with its id.",
                "  wxacode faults add wx1234567890abcdef --endpoint /wxa/getwxacodeunlimit --errcode 45009 --times 2"})
    int add(@Parameters(paramLabel = "APPID") String appid,
            @ArgGroup(exclusive = true, multiplicity = "1") Action action,
            @Option(names = "--endpoint", paramLabel = "PATH",
                    description = "A WeChat path: /cgi-bin/token, /cgi-bin/stable_token, /wxa/getwxacodeunlimit,"
                            + " /wxa/getwxacode, /cgi-bin/wxaapp/createwxaqrcode, /wxa/generatescheme, /wxa/queryscheme,"
                            + " /wxa/generate_urllink, /wxa/query_urllink or /wxa/genwxashortlink (default: all of them).")
            String endpoint,
            @Option(names = "--scene", paramLabel = "REGEX", description = "Only codes whose whole scene matches.") String scene,
            @Option(names = "--page", paramLabel = "REGEX", description = "Only codes whose whole page matches.") String page,
            @Option(names = "--times", paramLabel = "N", description = "End after acting on N calls.") Integer times,
            @Option(names = "--for", paramLabel = "TIME", description = "End after this long, e.g. 30s.") String lasting,
            @Option(names = "--percent", paramLabel = "P", description = "Act on P %% of matching calls, drawn from --seed.") Integer percent,
            @Option(names = "--seed", paramLabel = "S", description = "Seed of those draws (default 0): the same seed replays a run.") Long seed,
            @Option(names = "--persist", description = "Keep the rule over a restart of the server.") boolean persist) {
        ObjectNode body = AdminApi.JSON.createObjectNode();
        if (action.errcode != null) {
            body.put("errcode", action.errcode);
        }
        if (action.delay != null) {
            body.put("delay", action.delay);
        }
        if (action.drop) {
            body.put("drop", true);
        }
        if (action.slow != null) {
            body.put("slow", action.slow);
        }
        putIfSet(body, "endpoint", endpoint);
        putIfSet(body, "scene", scene);
        putIfSet(body, "page", page);
        putIfSet(body, "for", lasting);
        if (times != null) {
            body.put("times", times);
        }
        if (percent != null) {
            body.put("percent", percent);
        }
        if (seed != null) {
            body.put("seed", seed);
        }
        if (persist) {
            body.put("persist", true);
        }
        return api.call(spec, "POST", faults(appid), AdminApi.json(body));
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The app's rules in force, with the calls each has left.")
    int list(@Parameters(paramLabel = "APPID") String appid) {
        return api.call(spec, "GET", faults(appid), AdminApi.none());
    }

    @Command(name = "rm", mixinStandardHelpOptions = true, description = "Remove one rule.")
    int remove(@Parameters(index = "0", paramLabel = "APPID") String appid, @Parameters(index = "1", paramLabel = "ID") String id) {
        return api.call(spec, "DELETE", faults(appid) + "/" + id, AdminApi.none());
    }

    @Command(name = "clear", mixinStandardHelpOptions = true, description = "Remove every rule of the app.")
    int clear(@Parameters(paramLabel = "APPID") String appid) {
        return api.call(spec, "DELETE", faults(appid), AdminApi.none());
    }

    @Command(name = "expire-tokens", mixinStandardHelpOptions = true, description = "Every token of the app expires now (42001).")
    int expireTokens(@Parameters(paramLabel = "APPID") String appid) {
        return api.call(spec, "POST", "/admin/apps/" + appid + "/tokens/expire", AdminApi.none());
    }

    @Command(name = "supersede-tokens", mixinStandardHelpOptions = true,
            description = "Every token of the app is superseded now, as by another server's newer one (40001).")
    int supersedeTokens(@Parameters(paramLabel = "APPID") String appid) {
        return api.call(spec, "POST", "/admin/apps/" + appid + "/tokens/supersede", AdminApi.none());
    }

    private static String faults(String appid) {
        return "/admin/apps/" + appid + "/faults";
    }

    private static void putIfSet(ObjectNode body, String field, String value) {
        if (value != null) {
            body.put(field, value);
        }
    }
}
