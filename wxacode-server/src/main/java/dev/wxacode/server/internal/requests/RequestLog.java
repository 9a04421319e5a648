package dev.wxacode.server.internal.requests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.wxacode.core.code.Appid;
import dev.wxacode.core.wire.Endpoint;
import dev.wxacode.core.wire.Errcode;
import dev.wxacode.server.internal.http.CallerAddress;
import dev.wxacode.server.internal.http.Exchange;
import dev.wxacode.server.internal.http.LogThrottle;
import dev.wxacode.server.internal.http.Reply;
import dev.wxacode.server.internal.http.RequestBody;
import dev.wxacode.server.internal.registry.Registry;
import dev.wxacode.server.internal.token.TokenService;
import dev.wxacode.server.registry.App;
import dev.wxacode.server.requests.LoggedRequest;
import dev.wxacode.server.requests.Warning;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last calls of each registered app, with warnings about likely SDK mistakes, for the teams
 * that test against wxacode: {@code GET /admin/apps/{appid}/requests}, {@code wxacode logs}.
 *
 * <p>Calls are kept per app up to the log's capacity, in this node's memory (for at most
 * {@link #MAX_APPS} apps, the least used forgotten first), or in the database when the log is
 * persisted, where every node writes and reads one log. Only calls that name a registered app are
 * kept, so unknown appids cannot fill it, and each within {@link Redaction#BUDGET} bytes of fields.
 * Warnings that compare a call with earlier ones (tokens minted too often, retries after 45009)
 * compare calls this node saw.
 */
public final class RequestLog {
    private static final Logger log = LoggerFactory.getLogger(RequestLog.class);
    public static final int MAX_APPS = 256;
    /** A token lasts two hours; minting again within half of that is never what its lifetime needs. */
    static final Duration MINT_SPACING = TokenService.TTL.dividedBy(2);
    /** A call sooner than this after a 45009 on its endpoint did not wait. */
    static final Duration RETRY_SPACING = Duration.ofSeconds(1);
    /** A kept log is trimmed to its capacity once in this many calls of an app, not on every call. */
    private static final int TRIM_EVERY = 64;

    /** What the log remembers of one app besides its calls. */
    private static final class AppLog {
        final ArrayDeque<LoggedRequest> recent = new ArrayDeque<>();
        final Map<String, Instant> lastMint = new HashMap<>();
        /** By endpoint, and by scene on the code endpoint: a retry asks for the same code. */
        final Map<String, Instant> last45009 = new HashMap<>();
        /** The last 40001 or 42001: a token minted after it is the right reaction, not a mistake. */
        Instant tokenRefused = Instant.MIN;
    }

    private final Registry registry;
    private final CallerAddress callers;
    private final Optional<RequestLogStore> store;
    private final int capacity;
    // Evictions run on the calling thread, as the registry's cache does, so the bound holds at once.
    private final Cache<String, AppLog> apps = Caffeine.newBuilder().maximumSize(MAX_APPS).executor(Runnable::run).build();
    /** Calls since each app's kept log was last trimmed; one small number per registered app. */
    private final Map<String, Integer> sinceTrim = new ConcurrentHashMap<>();
    private final AtomicLong seq;
    private final LogThrottle failures = new LogThrottle(Duration.ofMinutes(1), System::nanoTime);

    /**
     * @param capacity calls kept per app; 0 keeps none
     * @param store    where to keep them instead of memory
     */
    public RequestLog(Registry registry, CallerAddress callers, Optional<RequestLogStore> store, int capacity, Clock clock) {
        this.registry = registry;
        this.callers = callers;
        this.store = store;
        this.capacity = capacity;
        // In memory, numbers start above any a previous run of this node gave (fewer than a
        // thousand calls a millisecond), so a follower's "after" still works across a restart.
        this.seq = new AtomicLong(clock.millis() * 1000);
    }

    public int capacity() {
        return capacity;
    }

    /**
     * Logs a call once it has its answer, before the answer is sent, so that whoever got it finds
     * the call in the log. A failure to keep it is logged and never changes the answer.
     */
    public void record(Context ctx) {
        String appid = Exchange.appid(ctx);
        if (!mayKeep(appid)) {
            return;
        }
        record(new Call(appid, Exchange.method(ctx), Exchange.route(ctx), ctx.queryParamMap(),
                Exchange.body(ctx), ctx.statusCode(), Exchange.errcode(ctx), Exchange.arrived(ctx),
                Exchange.elapsedMillis(ctx), Exchange.rid(ctx), callers.of(ctx), Exchange.reply(ctx)));
    }

    /**
     * What the log may keep of one answered call, before {@link Redaction}.
     *
     * @param appid  the app the call named or its token belongs to; null when none
     * @param method as {@link Exchange#method} reports it
     * @param query  each parameter's values, as sent
     * @param caller   the caller's address ({@link CallerAddress}), unmasked
     * @param reply    what the call was answered with; null for none (a dropped connection)
     */
    public record Call(String appid, String method, String route, Map<String, List<String>> query, RequestBody body,
                       int status, int errcode, Instant arrived, double millis, String rid, String caller,
                       Reply reply) {
    }

    /** {@link #record(Context)} for a call served outside Javalin. */
    public void record(Call call) {
        String appid = call.appid();
        if (!mayKeep(appid)) {
            return;
        }
        try {
            registry.find(appid).ifPresent(app -> record(app, call));
        } catch (RuntimeException e) {
            if (failures.admit("record") >= 0) {
                log.warn("event=request_log_failed appid={} error=\"{}\"", appid, e.toString());
            }
        }
    }

    /** Whether a call of this appid could be kept, before the registry is asked whether it is registered. */
    private boolean mayKeep(String appid) {
        return capacity > 0 && appid != null && Appid.isWellFormed(appid);
    }

    private void record(App registered, Call sent) {
        String appid = registered.appid();
        Optional<ObjectNode> body = sent.body().peek();
        String route = sent.route();
        int errcode = sent.errcode();
        Instant arrived = sent.arrived();
        List<Warning> warnings = new ArrayList<>();
        Endpoint endpoint = Endpoint.ofPath(route).orElse(null);
        if (endpoint != null && sent.body().chunked()) {
            warnings.add(Mistake.CHUNKED_BODY.warn("the body came chunked (Transfer-Encoding: chunked, no"
                    + " Content-Length): WeChat answers that with HTTP 412 and an empty body. Have the HTTP client"
                    + " send the body whole, with its length (Spring 6.1+: BufferingClientHttpRequestFactory)."));
        }
        boolean codeCall = endpoint == Endpoint.GET_UNLIMITED;
        boolean limitedCodeCall = endpoint == Endpoint.GET_CODE || endpoint == Endpoint.CREATE_QRCODE;
        if (codeCall) {
            body.ifPresent(json -> warnings.addAll(Mistakes.inCodeRequest(json)));
        } else if (limitedCodeCall) {
            body.ifPresent(json -> warnings.addAll(Mistakes.inLimitedCodeRequest(json)));
        } else if (endpoint == Endpoint.GENERATE_SCHEME || endpoint == Endpoint.GENERATE_URLLINK) {
            body.ifPresent(json -> warnings.addAll(Mistakes.inLinkRequest(json, endpoint == Endpoint.GENERATE_SCHEME,
                    errcode, arrived.getEpochSecond())));
        }
        boolean tokenCall = endpoint == Endpoint.TOKEN || endpoint == Endpoint.STABLE_TOKEN;
        // Every plain token call mints; a stable_token call only when it forces a refresh.
        boolean minted = errcode == 0 && tokenCall && (endpoint == Endpoint.TOKEN
                || body.map(json -> json.path("force_refresh").booleanValue()).orElse(false));
        // On a code endpoint a retry asks for the same scene or path again; elsewhere any call is one.
        String retryKey = codeCall || limitedCodeCall
                ? route + " " + body.map(json -> json.path(codeCall ? "scene" : "path").asText("")).orElse("") : route;
        Redaction redaction = new Redaction(registered.secret(), tokenCall);
        Map<String, JsonNode> query = redaction.query(sent.query());
        Map<String, JsonNode> fields = body.map(redaction::fields).orElse(Map.of());
        AppLog app = apps.get(appid, k -> new AppLog());
        LoggedRequest call;
        synchronized (app) {
            warnings.addAll(compareWithEarlier(app, route, retryKey, arrived, errcode, minted));
            call = new LoggedRequest(store.isPresent() ? 0 : seq.incrementAndGet(), arrived, sent.method(), route,
                    query, fields, sent.body().length(), sent.status(), errcode, sent.millis(), sent.rid(),
                    // A success's JSON can hold a token: only a refusal's is kept.
                    CallerAddress.masked(sent.caller()), errcode == 0 || sent.reply() == null ? "" : sent.reply().jsonText(),
                    warnings);
            if (store.isEmpty()) {
                app.recent.addLast(call);
                while (app.recent.size() > capacity) {
                    app.recent.removeFirst();
                }
                return;
            }
        }
        store.get().append(appid, call);
        if (sinceTrim.merge(appid, 1, (calls, one) -> (calls + one) % TRIM_EVERY) == 0) {
            store.get().trim(appid, capacity);
        }
    }

    /** The warnings this call earns by what came before it; then remembers what later calls need of it. */
    private static List<Warning> compareWithEarlier(AppLog app, String route, String retryKey, Instant arrived,
                                                    int errcode, boolean minted) {
        List<Warning> warnings = new ArrayList<>();
        Instant rateLimited = app.last45009.get(retryKey);
        // A call that arrived before the 45009 was answered is no retry of it, only logged later.
        if (rateLimited != null && arrived.isAfter(rateLimited) && arrived.isBefore(rateLimited.plus(RETRY_SPACING))) {
            long ms = Duration.between(rateLimited, arrived).toMillis();
            warnings.add(Mistake.RETRY_WITHOUT_WAITING.warn("called again " + ms + " ms after a 45009 on "
                    + route + ": back off before retrying; the per-minute allowance comes back at the next minute,"
                    + " and a daily quota at midnight."));
        }
        if (errcode == Errcode.API_QUOTA_REACHED.code()) {
            app.last45009.put(retryKey, arrived);
        }
        if (errcode == Errcode.INVALID_CREDENTIAL.code() || errcode == Errcode.ACCESS_TOKEN_EXPIRED.code()) {
            app.tokenRefused = arrived;
        }
        Instant lastMint = app.lastMint.get(route);
        if (minted && lastMint != null && arrived.isBefore(lastMint.plus(MINT_SPACING)) && app.tokenRefused.isBefore(lastMint)) {
            long seconds = Duration.between(lastMint, arrived).toSeconds();
            warnings.add(Mistake.TOKEN_MINTED_OFTEN.warn("a new access_token " + seconds + " s after the last"
                    + " one from " + route + ", which lasts " + TokenService.TTL.toSeconds() + " s: keep one token per"
                    + " app and share it between servers. Each new token from /cgi-bin/token ends the one before it"
                    + " 5 minutes later (" + Errcode.INVALID_CREDENTIAL.code() + ", not latest); stable_token without"
                    + " force_refresh hands every server the same token."));
        }
        if (minted) {
            app.lastMint.put(route, arrived);
        }
        return warnings;
    }

    /**
     * The warnings a code call's body shows by itself, as its entry in the log would carry them: for
     * the console's playground, whose calls are not logged.
     *
     * @param limited a getwxacode or createwxaqrcode body rather than a getwxacodeunlimit one
     */
    public static List<Warning> codeWarnings(JsonNode body, boolean limited) {
        return limited ? Mistakes.inLimitedCodeRequest(body) : Mistakes.inCodeRequest(body);
    }

    /** The app's calls kept, oldest first. */
    public List<LoggedRequest> recent(String appid) {
        return newest(appid, capacity);
    }

    /** The app's newest {@code limit} calls, oldest first. */
    public List<LoggedRequest> newest(String appid, int limit) {
        if (store.isPresent()) {
            return store.get().newest(appid, limit);
        }
        List<LoggedRequest> all = kept(appid);
        return all.subList(Math.max(0, all.size() - limit), all.size());
    }

    /** The app's calls after {@code seq}, oldest first, at most {@code limit}: what a follower has not seen. */
    public List<LoggedRequest> after(String appid, long seq, int limit) {
        if (store.isPresent()) {
            return store.get().after(appid, seq, limit);
        }
        return kept(appid).stream().filter(call -> call.seq() > seq).limit(limit).toList();
    }

    /**
     * The kept call whose answer carried {@code rid}, of whichever app: getRidInfo tells a call
     * of another app apart from one it does not know.
     */
    public Optional<RequestLogStore.Kept> find(String rid) {
        if (store.isPresent()) {
            return store.get().find(rid);
        }
        for (Map.Entry<String, AppLog> app : apps.asMap().entrySet()) {
            synchronized (app.getValue()) {
                for (LoggedRequest call : app.getValue().recent) {
                    if (call.rid().equals(rid)) {
                        return Optional.of(new RequestLogStore.Kept(app.getKey(), call));
                    }
                }
            }
        }
        return Optional.empty();
    }

    public void clear(String appid) {
        AppLog app = apps.getIfPresent(appid);
        if (app != null) {
            synchronized (app) {
                app.recent.clear();
                app.lastMint.clear();
                app.last45009.clear();
                app.tokenRefused = Instant.MIN;
            }
        }
        store.ifPresent(s -> s.clear(appid));
    }

    private List<LoggedRequest> kept(String appid) {
        AppLog app = apps.getIfPresent(appid);
        if (app == null) {
            return List.of();
        }
        synchronized (app) {
            return List.copyOf(app.recent);
        }
    }
}
