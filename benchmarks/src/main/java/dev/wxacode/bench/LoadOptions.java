package dev.wxacode.bench;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load generator's settings, from its command line; {@code --appid}, {@code --secret} and
 * {@code --url} default to the same environment variables as the {@code wxacode} command.
 *
 * @param url         server base URL, {@code http} only (the generator speaks plain HTTP/1.1)
 * @param connections keep-alive connections, one thread each, at least 1
 * @param warmup      time sending requests before measuring, counted nowhere
 * @param duration    time measured, longer than zero
 * @param scenes      distinct scenes the whole run cycles through; 0 (the default) gives every request a new one
 * @param ask         what each request is
 * @param serverPid   the server's process, for its CPU time and memory from /proc; empty if not given
 */
record LoadOptions(URI url, String appid, String secret, int connections, Duration duration, Duration warmup,
                   int width, boolean hyaline, String page, int scenes, Ask ask, OptionalLong serverPid, boolean json,
                   boolean help) {

    /** What a request asks for. */
    enum Ask {
        /** {@code POST /wxa/getwxacodeunlimit}: a code, drawn or from the server's cache. */
        CODE,
        /** {@code GET /L/{token}/code.jpg}: the image of a link made before the run. */
        LINK_IMAGE,
        /** The same GET with the image's ETag in If-None-Match: a 304 without a body. */
        REVALIDATE
    }

    static final String USAGE = """
            Usage: java -cp benchmarks.jar dev.wxacode.bench.LoadGenerator [options]

            Drives a running wxacode server with keep-alive HTTP/1.1 connections, each sending
            POST /wxa/getwxacodeunlimit with a new scene every time, one request at a time (a closed
            loop: latency is per request, throughput what the server sustains at that concurrency).
            Only HTTP 200 image replies count as successes (and 304 with --revalidate).

              --url URL            server base URL (env WXACODE_URL, default http://127.0.0.1:8080)
              --appid APPID        app to ask a token for (env WXACODE_APPID)
              --secret SECRET      its secret (env WXACODE_SECRET; keeps it out of the process list)
              --connections N      concurrent connections (default 16)
              --duration TIME      measured time, e.g. 30s, 2m, 500ms (default 30s)
              --warmup TIME        unmeasured time before it (default 10s)
              --width PX           code width (default 430)
              --hyaline            transparent background: PNG replies instead of JPEG
              --page PAGE          page to open (default "", the home page; check_path is false)
              --scenes N           cycle through N scenes, shared by all connections, instead of a new
                                   scene every time: --scenes 1 repeats one identical request, which
                                   the server's code cache answers (default 0, always new)
              --get                with --scenes N: make the N codes once before the run, then GET
                                   their images by link (/L/{token}/code.jpg, .png with --hyaline)
              --revalidate         as --get, sending each image's ETag in If-None-Match: the server
                                   answers 304 without a body, which counts as a success
              --server-pid PID     also report the server's CPU time and memory (Linux /proc)
              --json               end with the results as one JSON line
              --help               this text

            Exit codes: 0 all requests succeeded; 1 none did, or no token; 2 bad usage;
            4 some requests failed (the first few are printed).
            """;

    private static final Pattern TIME = Pattern.compile("(\\d+)(ms|s|m)?");

    LoadOptions {
        if (connections < 1) {
            throw new IllegalArgumentException("--connections must be at least 1");
        }
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException("--duration must be longer than zero");
        }
        if (scenes < 0) {
            throw new IllegalArgumentException("--scenes must be 0 (a new scene every time) or more");
        }
        if (ask != Ask.CODE && scenes == 0) {
            throw new IllegalArgumentException("--get and --revalidate need --scenes N: the links of N codes made first");
        }
        if (!"http".equals(url.getScheme()) || url.getHost() == null) {
            throw new IllegalArgumentException("--url must be http://host[:port]: " + url);
        }
    }

    /** @throws IllegalArgumentException naming the option, on an unknown option or a bad value */
    static LoadOptions parse(String[] args, Map<String, String> env) {
        URI url = URI.create(env.getOrDefault("WXACODE_URL", "http://127.0.0.1:8080"));
        String appid = env.getOrDefault("WXACODE_APPID", "");
        String secret = env.getOrDefault("WXACODE_SECRET", "");
        int connections = 16;
        Duration duration = Duration.ofSeconds(30);
        Duration warmup = Duration.ofSeconds(10);
        int width = 430;
        boolean hyaline = false;
        String page = "";
        int scenes = 0;
        Ask ask = Ask.CODE;
        OptionalLong serverPid = OptionalLong.empty();
        boolean json = false;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String value = null;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                name = arg.substring(0, equals);
                value = arg.substring(equals + 1);
            }
            switch (name) {
                case "--hyaline" -> hyaline = true;
                case "--json" -> json = true;
                case "--get" -> ask = Ask.LINK_IMAGE;
                case "--revalidate" -> ask = Ask.REVALIDATE;
                case "--help", "-h" -> help = true;
                case "--url", "--appid", "--secret", "--connections", "--duration", "--warmup", "--width",
                     "--page", "--scenes", "--server-pid" -> {
                    if (value == null) {
                        if (i + 1 == args.length) {
                            throw new IllegalArgumentException(name + " needs a value");
                        }
                        value = args[++i];
                    }
                    switch (name) {
                        case "--url" -> url = URI.create(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
                        case "--appid" -> appid = value;
                        case "--secret" -> secret = value;
                        case "--connections" -> connections = integer(name, value);
                        case "--duration" -> duration = time(name, value);
                        case "--warmup" -> warmup = time(name, value);
                        case "--width" -> width = integer(name, value);
                        case "--page" -> page = value;
                        case "--scenes" -> scenes = integer(name, value);
                        default -> serverPid = OptionalLong.of(integer(name, value));
                    }
                }
                default -> throw new IllegalArgumentException("unknown option " + arg + " (see --help)");
            }
        }
        if (!help && (appid.isEmpty() || secret.isEmpty())) {
            throw new IllegalArgumentException("--appid and --secret (or WXACODE_APPID and WXACODE_SECRET) are needed");
        }
        return new LoadOptions(url, appid, secret, connections, duration, warmup, width, hyaline, page, scenes, ask,
                serverPid, json, help);
    }

    private static int integer(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " takes a whole number, not " + value, e);
        }
    }

    /** {@code 30}, {@code 30s}, {@code 500ms}, {@code 2m}: a bare number is seconds. */
    static Duration time(String name, String value) {
        Matcher m = TIME.matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException(name + " takes a time like 30s, 500ms or 2m, not " + value);
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2) == null ? "s" : m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofSeconds(amount);
        };
    }

    int port() {
        return url.getPort() < 0 ? 80 : url.getPort();
    }

    String format() {
        return hyaline ? "PNG" : "JPEG";
    }
}
