package dev.wxacode.server.requests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What of a call's query and body the log keeps. Credentials never enter it: a field whose name
 * speaks of a token, secret, signature, password or key keeps only the fact that it was sent, and
 * a value shaped like an access token is hidden under any name (a token pasted into the wrong
 * field). The rest is kept as sent, bounded so that one request cannot fill the log.
 */
final class Redaction {
    static final String REDACTED = "[redacted]";
    static final int MAX_FIELDS = 32;
    static final int MAX_TEXT = 256;
    private static final List<String> SECRET_NAMES = List.of("token", "secret", "sig", "password", "key");
    private static final Pattern TOKEN_SHAPED = Pattern.compile("\\d{2,3}_[A-Za-z0-9_-]{40,}");
    private static final int MAX_DEPTH = 4;

    private Redaction() {
    }

    /** The query parameters, each with its first value. */
    static Map<String, JsonNode> query(Map<String, List<String>> params) {
        Map<String, JsonNode> kept = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> param : params.entrySet()) {
            if (kept.size() == MAX_FIELDS) {
                break;
            }
            String value = param.getValue().isEmpty() ? "" : param.getValue().get(0);
            kept.put(name(param.getKey()), field(param.getKey(), TextNode.valueOf(value), 0));
        }
        return Collections.unmodifiableMap(kept);
    }

    /** The top-level fields of a JSON object body. */
    static Map<String, JsonNode> fields(JsonNode body) {
        Map<String, JsonNode> kept = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            if (kept.size() == MAX_FIELDS) {
                break;
            }
            kept.put(name(field.getKey()), field(field.getKey(), field.getValue(), 0));
        }
        return Collections.unmodifiableMap(kept);
    }

    private static JsonNode field(String name, JsonNode value, int depth) {
        if (isSecretName(name)) {
            return TextNode.valueOf(REDACTED);
        }
        return value(value, depth);
    }

    private static JsonNode value(JsonNode value, int depth) {
        if (value.isTextual()) {
            return TOKEN_SHAPED.matcher(value.textValue()).find() ? TextNode.valueOf(REDACTED) : TextNode.valueOf(bounded(value.textValue()));
        }
        if (!value.isContainerNode()) {
            return value;
        }
        if (depth >= MAX_DEPTH) {
            return TextNode.valueOf("(nested too deep)");
        }
        if (value.isArray()) {
            var array = JsonNodeFactory.instance.arrayNode();
            for (JsonNode item : value) {
                if (array.size() == MAX_FIELDS) {
                    break;
                }
                array.add(value(item, depth + 1));
            }
            return array;
        }
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> field : value.properties()) {
            if (object.size() == MAX_FIELDS) {
                break;
            }
            object.set(name(field.getKey()), field(field.getKey(), field.getValue(), depth + 1));
        }
        return object;
    }

    private static boolean isSecretName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return SECRET_NAMES.stream().anyMatch(lower::contains);
    }

    private static String name(String name) {
        return TOKEN_SHAPED.matcher(name).find() ? REDACTED : bounded(name);
    }

    private static String bounded(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + "…(" + text.length() + " chars)";
    }
}
