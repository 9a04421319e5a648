package dev.wxacode.cli;

import java.util.Locale;
import java.util.Map;

/**
 * Chooses the log format before the first logger exists: key=value lines by default, one JSON
 * object per line with {@code WXACODE_LOG_FORMAT=json} (for log shippers).
 */
final class LogFormat {
    private LogFormat() {
    }

    static void configure(Map<String, String> env) {
        String format = env.getOrDefault("WXACODE_LOG_FORMAT", "text").toLowerCase(Locale.ROOT);
        if (format.equals("json") && System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "logback-json.xml");
        }
    }
}
