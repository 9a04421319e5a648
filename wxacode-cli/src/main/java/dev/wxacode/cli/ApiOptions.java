package dev.wxacode.cli;

import dev.wxacode.client.WxaCodeClient;
import picocli.CommandLine.Option;

/** Where the API is and which app calls it; each option also comes from the environment. */
final class ApiOptions {
    @Option(names = "--url", paramLabel = "URL", defaultValue = "${env:WXACODE_URL:-http://127.0.0.1:8080}",
            description = "wxacode's base URL (env WXACODE_URL; default ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--appid", paramLabel = "APPID", defaultValue = "${env:WXACODE_APPID}",
            description = "The app (env WXACODE_APPID).")
    String appid;

    @Option(names = "--secret", paramLabel = "SECRET", defaultValue = "${env:WXACODE_SECRET}",
            description = "Its secret (env WXACODE_SECRET; the environment keeps it out of the process list).")
    String secret;

    /** @throws IllegalArgumentException naming what is missing */
    WxaCodeClient client() {
        if (appid == null || secret == null) {
            throw new IllegalArgumentException("give the app with --appid and --secret, or WXACODE_APPID and WXACODE_SECRET");
        }
        return WxaCodeClient.builder(url, appid, secret).build();
    }
}
