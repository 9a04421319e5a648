package dev.wxacode.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.wxacode.core.scan.CodeReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP load on a running wxacode server: a token first, then {@code --connections} workers (a
 * thread and a keep-alive connection each) asking for codes with new scenes until the warm-up and
 * the measured window have passed. See {@link LoadOptions#USAGE}.
 */
public final class LoadGenerator {
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    private LoadGenerator() {
    }

    public static void main(String[] args) throws Exception {
        LoadOptions options;
        try {
            options = LoadOptions.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("LoadGenerator: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(LoadOptions.USAGE);
            return;
        }
        System.exit(run(options));
    }

    private static int run(LoadOptions options) throws InterruptedException {
        String host = options.url().getHost();
        String basePath = options.url().getRawPath() == null ? "" : options.url().getRawPath();
        String token;
        try {
            token = token(host, options.port(), basePath, options.appid(), options.secret());
        } catch (IOException e) {
            System.err.println("LoadGenerator: no access token from " + options.url() + ": " + e.getMessage());
            return 1;
        }

        // Base 36 of the start time: 8 characters, different for every run, so no server cache can help.
        String run = Long.toString(System.currentTimeMillis(), 36);
        Worker.Target target = new Worker.Target(host, options.port(), basePath, token, run, options.page(),
                options.width(), options.hyaline(), options.scenes(), List.of());
        if (options.ask() != LoadOptions.Ask.CODE) {
            try {
                target = target.getting(linkImageRequests(target, options.ask()));
            } catch (IOException e) {
                System.err.println("LoadGenerator: could not make the codes whose links to GET: " + e.getMessage());
                return 1;
            }
        }
        long begin = System.nanoTime();
        long from = begin + options.warmup().toNanos();
        Worker.Window window = new Worker.Window(from, from + options.duration().toNanos());
        Failures failures = new Failures(System.err);
        CountDownLatch start = new CountDownLatch(1);
        List<Worker> workers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < options.connections(); i++) {
            Worker worker = new Worker(i, target, window, failures, start);
            workers.add(worker);
            threads.add(Thread.ofPlatform().name("load-" + i).daemon().start(worker));
        }
        System.err.printf(Locale.ROOT, "LoadGenerator: %d connections to %s, warm-up %.1f s, then measuring %.1f s%n",
                options.connections(), options.url(), options.warmup().toMillis() / 1e3,
                options.duration().toMillis() / 1e3);
        start.countDown();

        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ProcStats server = options.serverPid().isPresent() ? ProcStats.of(options.serverPid().getAsLong()) : null;
        sleepUntil(window.from());
        long clientCpuFrom = os.getProcessCpuTime();
        long serverCpuFrom = server == null ? 0 : server.cpuNanos();
        Map<Long, Long> compilersFrom = server == null ? Map.of() : server.compilerThreadNanos();
        long measuredFrom = System.nanoTime();
        sleepUntil(window.to());
        long clientCpu = os.getProcessCpuTime() - clientCpuFrom;
        Duration measured = Duration.ofNanos(System.nanoTime() - measuredFrom);
        Optional<Report.Server> serverSide = server == null ? Optional.empty() : Optional.of(new Report.Server(
                server.cpuNanos() - serverCpuFrom,
                ProcStats.compilerNanosBetween(compilersFrom, server.compilerThreadNanos()),
                server.rssKib(), server.peakRssKib()));

        // Workers finish the request in hand (outside the window, so not counted) and stop.
        for (Thread thread : threads) {
            thread.join();
        }
        Tally total = new Tally();
        workers.forEach(worker -> total.add(worker.tally));
        Report report = new Report(options, total.successes, total.errors, measured, total.latency, total.bytes,
                Runtime.getRuntime().availableProcessors(), clientCpu, serverSide);
        System.out.print(report.text());
        if (options.json()) {
            System.out.println(report.json());
        }
        if (total.successes == 0) {
            return 1;
        }
        return total.errors == 0 ? 0 : 4;
    }

    /** {@code GET /cgi-bin/token}: the access token, or an IOException with the server's reply. */
    static String token(String host, int port, String basePath, String appid, String secret) throws IOException {
        String request = "GET " + basePath + "/cgi-bin/token?grant_type=client_credential&appid="
                + URLEncoder.encode(appid, StandardCharsets.UTF_8) + "&secret="
                + URLEncoder.encode(secret, StandardCharsets.UTF_8)
                + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nConnection: close\r\n\r\n";
        try (HttpConnection connection = HttpConnection.open(host, port)) {
            HttpConnection.Reply reply = connection.exchange(request.getBytes(StandardCharsets.UTF_8));
            String body = reply.body() == null ? "" : new String(reply.body(), StandardCharsets.UTF_8);
            Matcher m = ACCESS_TOKEN.matcher(body);
            if (reply.status() != 200 || !m.find()) {
                throw new IOException("HTTP " + reply.status() + " " + body);
            }
            return m.group(1);
        }
    }

    /**
     * For {@code --get} and {@code --revalidate}: each of the run's scenes' codes made once, its link
     * read back from the image, and the GET of that link's image, with the code's ETag in
     * If-None-Match to revalidate it.
     */
    static List<byte[]> linkImageRequests(Worker.Target codes, LoadOptions.Ask ask)
            throws IOException, InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        String origin = "http://" + codes.host() + ":" + codes.port() + codes.basePath();
        CodeReader reader = new CodeReader(50_000_000);
        List<byte[]> requests = new ArrayList<>();
        for (int i = 0; i < codes.scenes(); i++) {
            HttpResponse<byte[]> code = client.send(HttpRequest.newBuilder(
                            URI.create(origin + "/wxa/getwxacodeunlimit?access_token=" + codes.token()))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(codes.body(Worker.scene(codes, 0, i)))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            String type = code.headers().firstValue("Content-Type").orElse("");
            if (!HttpConnection.Reply.isImage(code.statusCode(), type)) {
                throw new IOException("HTTP " + code.statusCode() + " " + new String(code.body(), StandardCharsets.UTF_8));
            }
            String link = reader.read(code.body());
            String path = codes.basePath() + "/L/" + link.substring(link.lastIndexOf('/') + 1) + "/code."
                    + (codes.hyaline() ? "png" : "jpg") + "?width=" + codes.width();
            String etag = code.headers().firstValue("ETag").orElseThrow(() -> new IOException("an image without ETag"));
            String condition = ask == LoadOptions.Ask.REVALIDATE ? "If-None-Match: " + etag + "\r\n" : "";
            String request = "GET " + path + " HTTP/1.1\r\nHost: " + codes.host() + ":" + codes.port() + "\r\n"
                    + condition + "\r\n";
            requests.add(request.getBytes(StandardCharsets.US_ASCII));
        }
        return requests;
    }

    /** A JSON string literal: quotes, backslashes and control characters escaped. */
    static String jsonString(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }
}
