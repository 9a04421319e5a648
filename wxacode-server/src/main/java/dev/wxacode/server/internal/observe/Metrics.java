package dev.wxacode.server.internal.observe;

import dev.wxacode.core.render.ImageFormat;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * Prometheus metrics, all named {@code wxacode_*}:
 * <ul>
 *   <li>{@code wxacode_requests_total{route,method,errcode}}: every request; errors travel with HTTP
 *       200, so the errcode is the label that tells them apart (0 = success);</li>
 *   <li>{@code wxacode_request_seconds{route}}: latency histogram;</li>
 *   <li>{@code wxacode_header_timeouts_total}: requests cut because their line and headers took
 *       longer than the header timeout (they have no route, so no line above);</li>
 *   <li>{@code wxacode_render_seconds{format}}: time to QR-encode, draw and encode one image;</li>
 *   <li>{@code wxacode_cpu_waiting}: requests waiting for a render or decoding slot;</li>
 *   <li>{@code wxacode_code_cache_hits_total}, {@code wxacode_code_cache_misses_total} and
 *       {@code wxacode_code_cache_bytes}: the cache of finished code images, when it is on;</li>
 *   <li>{@code wxacode_jpeg_blocks_kept}, {@code wxacode_jpeg_blocks_found_total} and
 *       {@code wxacode_jpeg_blocks_coded_total}: the coded 8×8 blocks the JPEG encoder keeps.</li>
 * </ul>
 * Labels are route templates, never raw paths, scenes or tokens, so their number stays bounded.
 */
public final class Metrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<RequestKey, Counter> requests = new ConcurrentHashMap<>();
    private final Map<String, Timer> latencies = new ConcurrentHashMap<>();
    private final Map<ImageFormat, Timer> renders = new ConcurrentHashMap<>();

    public Metrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    public void request(String route, String method, int errcode, long nanos) {
        requests.computeIfAbsent(new RequestKey(route, method, errcode), this::requestCounter).increment();
        latencies.computeIfAbsent(route, this::requestTimer).record(nanos, TimeUnit.NANOSECONDS);
    }

    public void rendered(ImageFormat format, long nanos) {
        renders.computeIfAbsent(format, this::renderTimer).record(nanos, TimeUnit.NANOSECONDS);
    }

    // Meters are made once per series, then kept: building and registering one per request (its id,
    // its sorted tags, a look-up in the registry) cost more than the count itself.
    private Counter requestCounter(RequestKey key) {
        return Counter.builder("wxacode.requests")
                .description("Requests by route, method and errcode (0 = success)")
                .tag("route", key.route()).tag("method", key.method()).tag("errcode", Integer.toString(key.errcode()))
                .register(registry);
    }

    private Timer requestTimer(String route) {
        return Timer.builder("wxacode.request")
                .description("Request latency by route")
                .tag("route", route)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
    }

    private Timer renderTimer(ImageFormat format) {
        return Timer.builder("wxacode.render")
                .description("Time to QR-encode, draw and encode one code image")
                .tag("format", format.extension())
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(5))
                .register(registry);
    }

    private record RequestKey(String route, String method, int errcode) {
    }

    /** A value read when scraped, e.g. how many requests wait for a CPU slot. */
    public void gauge(String name, String description, Supplier<Number> value) {
        Gauge.builder(name, value).description(description).register(registry);
    }

    /**
     * A running total that {@code source} keeps, read when scraped, e.g. a cache's hit count.
     * Micrometer holds {@code source} weakly: its owner must keep it reachable.
     */
    public <T> void total(String name, String description, T source, ToDoubleFunction<T> count) {
        FunctionCounter.builder(name, source, count).description(description).register(registry);
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        return registry.scrape();
    }

    public void close() {
        registry.close();
    }
}
