package dev.wxacode.server.internal.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wxacode.core.wire.Errcode;
import dev.wxacode.core.wire.WxException;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

/**
 * JSON as the wire wants it: bodies parsed as UTF-8 whatever the request's Content-Type claims
 * (SDKs send none, {@code text/plain} or a form type), strictly (a repeated key or trailing data is
 * a format error, not a silent pick); replies compact, keys in insertion order, no newline.
 */
public final class WireJson {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    static {
        // Bodies are capped long before these limits, but nesting is not: keep it shallow.
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).build());
    }

    private WireJson() {
    }

    /**
     * A string field: null when absent or JSON {@code null}.
     *
     * @throws WxException {@code formatError} when the field holds anything but a string
     */
    public static String text(JsonNode body, String field, Errcode formatError) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new WxException(formatError, field + " is not a string", field + " must be a string");
        }
        return node.textValue();
    }

    /**
     * A boolean field: {@code absent} when absent or JSON {@code null}. Only {@code true} and
     * {@code false} count: WeChat refuses {@code 1} and {@code "true"} (wire spec §1).
     *
     * @throws WxException {@code formatError} when the field holds anything else
     */
    public static boolean bool(JsonNode body, String field, boolean absent, Errcode formatError) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return absent;
        }
        if (!node.isBoolean()) {
            throw new WxException(formatError, field + " is not true or false", field + " must be true or false");
        }
        return node.booleanValue();
    }

    /** The first key of {@code node} not in {@code known}, if any. */
    public static Optional<String> unknownKey(JsonNode node, Set<String> known) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }

    public static byte[] write(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** {@code {"errcode":0,"errmsg":"ok"}}, for a success to add its own fields to. */
    public static ObjectNode ok() {
        ObjectNode json = object();
        json.put("errcode", 0);
        json.put("errmsg", "ok");
        return json;
    }
}
