package dev.wxacode.server.internal.requests;

import static dev.wxacode.server.internal.admin.AdminJson.invalid;
import static dev.wxacode.server.internal.admin.AdminJson.reply;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wxacode.server.internal.http.Routes;
import dev.wxacode.server.internal.http.WireJson;
import dev.wxacode.server.internal.registry.Registry;
import dev.wxacode.server.requests.LoggedRequest;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /admin/apps/{appid}/requests[?after=<seq>][&limit=<n>]}: the app's logged calls,
 * oldest first (the newest {@code limit}, or those after {@code after} for a follower), and
 * {@code DELETE} of the same path to empty the log.
 */
public final class RequestLogRoutes {
    private final RequestLog log;
    private final Registry registry;

    public RequestLogRoutes(RequestLog log, Registry registry) {
        this.log = log;
        this.registry = registry;
    }

    public void register(Routes routes) {
        Routes admin = routes.guarded();
        admin.get("/admin/apps/{appid}/requests", this::list);
        admin.delete("/admin/apps/{appid}/requests", ctx -> {
            String appid = appid(ctx);
            log.clear(appid);
            reply(ctx, 200, page(appid, List.of()));
        });
    }

    private void list(Context ctx) {
        String appid = appid(ctx);
        int limit = number(ctx, "limit", 1, Math.max(1, log.capacity())).map(Math::toIntExact).orElse(log.capacity());
        List<LoggedRequest> calls = number(ctx, "after", 0, Long.MAX_VALUE)
                .map(after -> log.after(appid, after, limit))
                .orElseGet(() -> log.newest(appid, limit));
        reply(ctx, 200, page(appid, calls));
    }

    private ObjectNode page(String appid, List<LoggedRequest> calls) {
        ObjectNode json = WireJson.object();
        json.put("appid", appid);
        json.put("capacity", log.capacity());
        ArrayNode list = json.putArray("requests");
        calls.forEach(call -> list.add(call.toJson()));
        return json;
    }

    private String appid(Context ctx) {
        return registry.require(ctx.pathParam("appid")).appid();
    }

    private static Optional<Long> number(Context ctx, String name, long min, long max) {
        String text = ctx.queryParam(name);
        if (text == null) {
            return Optional.empty();
        }
        try {
            long value = Long.parseLong(text);
            if (value >= min && value <= max) {
                return Optional.of(value);
            }
        } catch (NumberFormatException e) {
            // answered below, as any other value out of range
        }
        throw invalid(name + " must be a whole number from " + min + " to " + max);
    }
}
