package dev.wxacode.server.requests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One call as the request log keeps it, already redacted.
 *
 * @param seq       the log's number for it, rising with each call of the log (per node, or per
 *                  database when the log is kept there)
 * @param time      when the call arrived, by the server's clock
 * @param route     the route template, e.g. {@code /wxa/getwxacodeunlimit}
 * @param query     the query parameters, credentials redacted
 * @param fields    the JSON body's top-level fields, credentials redacted; empty for a body that
 *                  is not a JSON object
 * @param bodyBytes the body's size as received
 * @param ms        time to the answer (a slow-body fault rule's pacing comes after)
 * @param clientIp  the caller's address, partly masked as WeChat's getRidInfo shows it
 * @param response  the errcode JSON a refused call was answered with; empty for a success (a token's reply
 *                  holds the token), an image or a reply without a body
 * @param warnings  likely mistakes in the call
 */
public record LoggedRequest(long seq, Instant time, String method, String route, Map<String, JsonNode> query,
                            Map<String, JsonNode> fields, int bodyBytes, int status, int errcode, double ms, String rid,
                            String clientIp, String response, List<Warning> warnings) {
    public LoggedRequest {
        query = Collections.unmodifiableMap(new LinkedHashMap<>(query));
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        warnings = List.copyOf(warnings);
    }

    /** The admin API's JSON, which is also how a kept log stores each call. */
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("seq", seq);
        json.put("time", time.toString());
        json.put("method", method);
        json.put("route", route);
        query.forEach(json.putObject("query")::set);
        fields.forEach(json.putObject("fields")::set);
        json.put("body_bytes", bodyBytes);
        json.put("status", status);
        json.put("errcode", errcode);
        json.put("ms", Math.round(ms * 10) / 10.0);
        json.put("rid", rid);
        json.put("client_ip", clientIp);
        json.put("response", response);
        ArrayNode list = json.putArray("warnings");
        for (Warning warning : warnings) {
            list.addObject().put("code", warning.code()).put("message", warning.message());
        }
        return json;
    }

    public static LoggedRequest fromJson(long seq, JsonNode json) {
        return new LoggedRequest(seq, Instant.parse(json.get("time").asText()), json.get("method").asText(),
                json.get("route").asText(), map(json.get("query")), map(json.get("fields")), json.get("body_bytes").asInt(),
                json.get("status").asInt(), json.get("errcode").asInt(), json.get("ms").asDouble(), json.get("rid").asText(),
                // Calls kept before these two were logged have neither.
                json.path("client_ip").asText(""), json.path("response").asText(""),
                json.get("warnings").valueStream().map(w -> new Warning(w.get("code").asText(), w.get("message").asText())).toList());
    }

    private static Map<String, JsonNode> map(JsonNode object) {
        Map<String, JsonNode> map = new LinkedHashMap<>();
        object.properties().forEach(field -> map.put(field.getKey(), field.getValue()));
        return map;
    }
}
