package dev.wxacode.server.internal.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wxacode.core.wire.Endpoint;
import dev.wxacode.server.fault.FaultRule;
import dev.wxacode.server.internal.http.WireJson;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/** A rule as the admin API shows it, and as it is stored when kept over a restart: the same JSON. */
final class FaultJson {
    private FaultJson() {
    }

    static ObjectNode toJson(FaultRule rule) {
        ObjectNode json = WireJson.object();
        json.put("id", rule.id());
        json.put("endpoint", rule.endpoint().map(Endpoint::path).orElse(null));
        json.put("scene", rule.scene().map(Pattern::pattern).orElse(null));
        json.put("page", rule.page().map(Pattern::pattern).orElse(null));
        switch (rule.action()) {
            case FaultRule.Action.Answer answer -> json.put("errcode", answer.errcode());
            case FaultRule.Action.Delay delay -> json.put("delay", delay.text());
            case FaultRule.Action.Drop drop -> json.put("drop", true);
            case FaultRule.Action.Slow slow -> json.put("slow", slow.bytesPerSecond());
        }
        if (rule.times().isPresent()) {
            json.put("times_left", rule.times().getAsInt());
        } else {
            json.putNull("times_left");
        }
        json.put("until", rule.until().map(Object::toString).orElse(null));
        if (rule.percent().isPresent()) {
            json.put("percent", rule.percent().getAsInt());
        } else {
            json.putNull("percent");
        }
        json.put("seed", rule.seed());
        json.put("persist", rule.persist());
        json.put("created_at", rule.createdAt().toString());
        return json;
    }

    /** A stored rule back; what {@link #toJson} wrote, so no field is checked again. */
    static FaultRule fromJson(String appid, JsonNode json) {
        FaultRule.Action action;
        if (json.hasNonNull("errcode")) {
            action = new FaultRule.Action.Answer(json.get("errcode").intValue());
        } else if (json.hasNonNull("delay")) {
            action = FaultRule.Action.Delay.parse(json.get("delay").textValue()).orElseThrow();
        } else if (json.hasNonNull("slow")) {
            action = new FaultRule.Action.Slow(json.get("slow").intValue());
        } else {
            action = new FaultRule.Action.Drop();
        }
        return new FaultRule(json.get("id").textValue(), appid,
                text(json, "endpoint").flatMap(Endpoint::ofPath), text(json, "scene").map(Pattern::compile),
                text(json, "page").map(Pattern::compile), action, integer(json, "times_left"),
                text(json, "until").map(Instant::parse), integer(json, "percent"), json.get("seed").longValue(),
                Instant.parse(json.get("created_at").textValue()), json.path("persist").booleanValue());
    }

    private static Optional<String> text(JsonNode json, String field) {
        return json.hasNonNull(field) ? Optional.of(json.get(field).textValue()) : Optional.empty();
    }

    private static OptionalInt integer(JsonNode json, String field) {
        return json.hasNonNull(field) ? OptionalInt.of(json.get(field).intValue()) : OptionalInt.empty();
    }
}
