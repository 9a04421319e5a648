package dev.wxacode.bench;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.HdrHistogram.Histogram;

/**
 * What a run measured. CPU fractions are of the window's wall time times the machine's cores, so
 * 1.0 means every core busy the whole time.
 *
 * @param window    the measured window as it really was (the main thread's clock), not as asked for
 * @param latency   nanoseconds from sending a request to the last byte of its image, successes only
 * @param server    empty when no server process was given
 */
record Report(LoadOptions options, long successes, long errors, Duration window, Histogram latency, long bytes,
              int cores, long clientCpuNanos, Optional<Server> server) {

    /**
     * The server process as seen from /proc.
     *
     * @param cpuNanos         its CPU time in the window
     * @param compilerCpuNanos the part of it its JIT compiler threads used: well above zero, the
     *                         warm-up was too short and the window measured a server still compiling
     * @param rssKib           resident memory at the end
     * @param peakRssKib       the resident high-water mark at the end
     */
    record Server(long cpuNanos, long compilerCpuNanos, long rssKib, long peakRssKib) {
    }

    long requests() {
        return successes + errors;
    }

    double seconds() {
        return window.toNanos() / 1e9;
    }

    double codesPerSecond() {
        return successes / seconds();
    }

    double cpuFraction(long cpuNanos) {
        return cpuNanos / (window.toNanos() * (double) cores);
    }

    String text() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "wxacode load: %d connections, %d px %s, %s, %.1f s measured after %s warm-up, %s%n",
                options.connections(), options.width(), options.format(), asked(), seconds(),
                seconds(options.warmup()), options.url()));
        line(out, "requests", String.format(Locale.ROOT, "%,d", requests()));
        line(out, "successes", String.format(Locale.ROOT, "%,d", successes));
        line(out, "errors", String.format(Locale.ROOT, "%,d", errors));
        line(out, "throughput", String.format(Locale.ROOT, "%,.1f codes/s", codesPerSecond()));
        if (successes > 0) {
            line(out, "latency", String.format(Locale.ROOT, "p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms",
                    percentileMs(50), percentileMs(90), percentileMs(99), millis(latency.getMaxValue())));
            line(out, "received", String.format(Locale.ROOT, "%,.1f MB (%.1f KB per code)", bytes / 1e6,
                    bytes / 1e3 / successes));
        }
        line(out, "client CPU", cpu(clientCpuNanos));
        server.ifPresent(server -> {
            line(out, "server CPU", cpu(server.cpuNanos()));
            line(out, "of it JIT", String.format(Locale.ROOT, "%.2f s (compiler threads; near 0 once the warm-up was long enough)",
                    server.compilerCpuNanos() / 1e9));
            line(out, "server RSS", String.format(Locale.ROOT, "%.1f MiB at the end, %.1f MiB peak (VmHWM)",
                    server.rssKib() / 1024.0, server.peakRssKib() / 1024.0));
        });
        return out.toString();
    }

    private String asked() {
        return switch (options.ask()) {
            case CODE -> options.scenes() == 0 ? "a new scene each request" : options.scenes() + " scenes repeated";
            case LINK_IMAGE -> "GET of " + options.scenes() + " links' images";
            case REVALIDATE -> "GET of " + options.scenes() + " links' images with If-None-Match (304)";
        };
    }

    /** One line, snake_case keys, times in seconds or milliseconds as the key says; null for what was not measured. */
    String json() {
        return String.format(Locale.ROOT,
                "{\"url\":%s,\"connections\":%d,\"width\":%d,\"format\":\"%s\",\"scenes\":%d,\"ask\":\"%s\","
                        + "\"warmup_s\":%.3f,\"duration_s\":%.3f,"
                        + "\"requests\":%d,\"successes\":%d,\"errors\":%d,\"codes_per_s\":%.2f,"
                        + "\"p50_ms\":%s,\"p90_ms\":%s,\"p99_ms\":%s,\"max_ms\":%s,\"bytes\":%d,\"cores\":%d,"
                        + "\"client_cpu_s\":%.3f,\"client_cpu_fraction\":%.4f,\"server_cpu_s\":%s,"
                        + "\"server_cpu_fraction\":%s,\"server_jit_cpu_s\":%s,\"server_rss_kib\":%s,\"server_peak_rss_kib\":%s}",
                LoadGenerator.jsonString(options.url().toString()), options.connections(), options.width(),
                options.format(), options.scenes(), options.ask().name().toLowerCase(Locale.ROOT),
                options.warmup().toNanos() / 1e9, seconds(), requests(), successes, errors,
                codesPerSecond(), latencyJson(percentileMs(50)), latencyJson(percentileMs(90)),
                latencyJson(percentileMs(99)), latencyJson(millis(latency.getMaxValue())), bytes, cores,
                clientCpuNanos / 1e9, cpuFraction(clientCpuNanos),
                orNull(server -> String.format(Locale.ROOT, "%.3f", server.cpuNanos() / 1e9)),
                orNull(server -> String.format(Locale.ROOT, "%.4f", cpuFraction(server.cpuNanos()))),
                orNull(server -> String.format(Locale.ROOT, "%.3f", server.compilerCpuNanos() / 1e9)),
                orNull(server -> Long.toString(server.rssKib())), orNull(server -> Long.toString(server.peakRssKib())));
    }

    private String latencyJson(double millis) {
        return successes == 0 ? "null" : String.format(Locale.ROOT, "%.3f", millis);
    }

    private String orNull(Function<Server, String> format) {
        return server.map(format).orElse("null");
    }

    private double percentileMs(double percentile) {
        return millis(latency.getValueAtPercentile(percentile));
    }

    private static double millis(long nanos) {
        return nanos / (double) TimeUnit.MILLISECONDS.toNanos(1);
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toNanos() / 1e9);
    }

    private String cpu(long nanos) {
        return String.format(Locale.ROOT, "%.2f s = %.1f %% of %.1f s × %d cores", nanos / 1e9,
                100 * cpuFraction(nanos), seconds(), cores);
    }

    private static void line(StringBuilder out, String label, String value) {
        out.append(String.format(Locale.ROOT, "  %-11s %s%n", label, value));
    }
}
