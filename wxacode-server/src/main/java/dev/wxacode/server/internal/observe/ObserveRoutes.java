package dev.wxacode.server.internal.observe;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wxacode.server.internal.http.Replies;
import dev.wxacode.server.internal.http.Resources;
import dev.wxacode.server.internal.http.Routes;
import dev.wxacode.server.internal.http.WireJson;
import dev.wxacode.server.internal.storage.Database;
import dev.wxacode.server.internal.storage.Redis;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** {@code /healthz}, {@code /metrics}, {@code /openapi.json} and the root page. */
public final class ObserveRoutes {
    private final Database database;
    private final Optional<Redis> redis;
    private final Metrics metrics;
    private final BooleanSupplier draining;
    private final byte[] openApi;

    public ObserveRoutes(Database database, Optional<Redis> redis, Metrics metrics, BooleanSupplier draining) {
        this.database = database;
        this.redis = redis;
        this.metrics = metrics;
        this.draining = draining;
        this.openApi = Resources.read("/openapi.json");
    }

    public void register(Routes routes) {
        routes.get("/", this::root);
        routes.get("/healthz", this::health);
        routes.get("/metrics", ctx -> Replies.bytes(ctx, 200, "text/plain; version=0.0.4; charset=utf-8",
                metrics.scrape().getBytes(StandardCharsets.UTF_8)));
        routes.get("/openapi.json", ctx -> Replies.bytes(ctx, 200, "application/json", openApi));
    }

    /**
     * 200 when the database answers, else 503, so that a load balancer takes the node out; 503 too
     * while the node drains before it stops, though it still serves what is sent to it. Redis out
     * of reach makes the status "degraded" but keeps 200, whether the node fails open or closed:
     * every node shares that Redis, so taking nodes out would only add an outage of tokens, scans
     * and links to the one of the minute limits.
     */
    private void health(Context ctx) {
        boolean databaseUp = database.isHealthy();
        Optional<Boolean> redisUp = redis.map(Redis::isHealthy);
        boolean stopping = draining.getAsBoolean();
        ObjectNode json = WireJson.object();
        json.put("status", stopping ? "draining" : !databaseUp ? "down" : redisUp.orElse(true) ? "ok" : "degraded");
        ObjectNode checks = json.putObject("checks");
        checks.put("database", databaseUp ? "ok" : "down");
        redisUp.ifPresent(up -> checks.put("redis", up ? "ok" : "down"));
        Replies.json(ctx, databaseUp && !stopping ? 200 : 503, "application/json", json);
    }

    private void root(Context ctx) {
        ObjectNode json = WireJson.object();
        json.put("name", "wxacode");
        json.put("description", "Self-hosted, wire-compatible WeChat unlimited mini-program code API");
        json.put("openapi", "/openapi.json");
        json.put("health", "/healthz");
        json.put("metrics", "/metrics");
        json.put("console", "/console");
        Replies.json(ctx, 200, "application/json", json);
    }
}
