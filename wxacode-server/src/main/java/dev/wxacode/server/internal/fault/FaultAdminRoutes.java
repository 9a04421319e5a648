package dev.wxacode.server.internal.fault;

import static dev.wxacode.server.internal.admin.AdminJson.body;
import static dev.wxacode.server.internal.admin.AdminJson.invalid;
import static dev.wxacode.server.internal.admin.AdminJson.refuseUnknown;
import static dev.wxacode.server.internal.admin.AdminJson.reply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wxacode.core.wire.Endpoint;
import dev.wxacode.core.wire.Errcode;
import dev.wxacode.core.wire.WxException;
import dev.wxacode.server.config.ConfigLoader;
import dev.wxacode.server.fault.FaultRule;
import dev.wxacode.server.fault.FaultSpec;
import dev.wxacode.server.internal.http.Routes;
import dev.wxacode.server.internal.http.WireJson;
import dev.wxacode.server.internal.registry.Registry;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** {@code /admin/apps/{appid}/faults}: the fault rules of an app. */
public final class FaultAdminRoutes {
    private static final Set<String> RULE_KEYS = Set.of("endpoint", "scene", "page", "errcode", "delay", "drop", "slow",
            "times", "for", "percent", "seed", "persist");

    private final Faults faults;
    private final Registry registry;

    public FaultAdminRoutes(Faults faults, Registry registry) {
        this.faults = faults;
        this.registry = registry;
    }

    public void register(Routes routes) {
        Routes admin = routes.guarded();
        admin.get("/admin/apps/{appid}/faults", this::list);
        admin.post("/admin/apps/{appid}/faults", this::add);
        admin.delete("/admin/apps/{appid}/faults", ctx -> {
            faults.clear(appid(ctx));
            list(ctx);
        });
        admin.delete("/admin/apps/{appid}/faults/{id}", this::remove);
    }

    private void list(Context ctx) {
        String appid = appid(ctx);
        ObjectNode json = WireJson.object();
        json.put("appid", appid);
        ArrayNode list = json.putArray("faults");
        faults.list(appid).forEach(rule -> list.add(FaultJson.toJson(rule)));
        reply(ctx, 200, json);
    }

    /**
     * Body {@code {"endpoint":"/wxa/getwxacodeunlimit","errcode":45009,"times":2,"for":"30s",
     * "percent":50,"seed":7}}; exactly one of {@code errcode}, {@code delay}, {@code drop} and {@code slow}.
     */
    private void add(Context ctx) {
        String appid = appid(ctx);
        ObjectNode body = body(ctx, false);
        refuseUnknown(body, RULE_KEYS);
        Optional<Endpoint> endpoint = text(body, "endpoint").map(Faults::target);
        Optional<Duration> lasting = text(body, "for").map(FaultAdminRoutes::duration);
        FaultRule rule = faults.add(appid, new FaultSpec(endpoint, pattern(body, "scene"), pattern(body, "page"),
                action(body), integer(body, "times"), lasting, integer(body, "percent"),
                Optional.ofNullable(body.get("seed")).map(seed -> {
                    if (!seed.isIntegralNumber()) {
                        throw invalid("seed must be a whole number");
                    }
                    return seed.longValue();
                }), WireJson.bool(body, "persist", false, Errcode.INVALID_ARGUMENT)));
        reply(ctx, 201, FaultJson.toJson(rule));
    }

    private static FaultRule.Action action(ObjectNode body) {
        JsonNode errcode = body.get("errcode");
        Optional<String> delay = text(body, "delay");
        boolean drop = WireJson.bool(body, "drop", false, Errcode.INVALID_ARGUMENT);
        OptionalInt slow = integer(body, "slow");
        if ((errcode != null ? 1 : 0) + (delay.isPresent() ? 1 : 0) + (drop ? 1 : 0) + (slow.isPresent() ? 1 : 0) != 1) {
            throw invalid("a rule does one thing: errcode (a number), delay (such as 2s or 100ms-2s), drop (true)"
                    + " or slow (bytes a second)");
        }
        if (slow.isPresent()) {
            return new FaultRule.Action.Slow(slow.getAsInt());
        }
        if (errcode != null) {
            if (!errcode.isIntegralNumber() || !errcode.canConvertToInt()) {
                throw invalid("errcode must be a number");
            }
            return new FaultRule.Action.Answer(errcode.intValue());
        }
        if (drop) {
            return new FaultRule.Action.Drop();
        }
        return FaultRule.Action.Delay.parse(delay.get())
                .orElseThrow(() -> invalid("'" + delay.get() + "' is not a duration such as 500ms, 30s or 5m, or a range of two"));
    }

    private static Optional<Pattern> pattern(ObjectNode body, String field) {
        return text(body, field).map(regex -> {
            try {
                return Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw invalid(field + " is a regular expression the whole " + field + " must match: " + e.getDescription());
            }
        });
    }

    private static Optional<String> text(ObjectNode body, String field) {
        return Optional.ofNullable(WireJson.text(body, field, Errcode.INVALID_ARGUMENT));
    }

    private static Duration duration(String text) {
        return ConfigLoader.parseDuration(text).orElseThrow(() -> invalid("'" + text + "' is not a duration such as 500ms, 30s or 5m"));
    }

    private void remove(Context ctx) {
        String id = ctx.pathParam("id");
        if (!faults.remove(appid(ctx), id)) {
            throw invalid("no fault rule " + id);
        }
        list(ctx);
    }

    /** @throws WxException {@link Errcode#APP_NOT_FOUND} */
    private String appid(Context ctx) {
        return registry.require(ctx.pathParam("appid")).appid();
    }

    private static OptionalInt integer(ObjectNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return OptionalInt.empty();
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw invalid(field + " must be a whole number");
        }
        return OptionalInt.of(value.intValue());
    }
}
