package dev.wxacode.server.internal.requests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.wxacode.server.registry.SecretHash;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What of a call's query and body the log keeps. Credentials never enter it:
 * <ul>
 *   <li>a field whose name speaks of a token, secret, signature, password or key keeps only the
 *       fact that it was sent, at any depth (a name that is itself a credential is hidden instead,
 *       and its value judged on its own);</li>
 *   <li>a value shaped like an access token is hidden under any name (a token pasted into the
 *       wrong field), and so is a value holding the app's secret (a misspelt {@code secret});</li>
 *   <li>on the token endpoints, whose callers send secrets, only the fields that carry none are
 *       shown at all.</li>
 * </ul>
 * The rest is kept as sent, within {@link #BUDGET} bytes a call, so that a caller who knows an
 * appid cannot fill the log's memory with large bodies.
 */
final class Redaction {
    static final String REDACTED = "[redacted]";
    static final int MAX_FIELDS = 32;
    static final int MAX_TEXT = 256;
    /** Bytes of JSON a call's query and fields may take together; a field past it is left out. */
    static final int BUDGET = 2048;
    /** Fields of the token endpoints shown as sent; every other one is redacted. */
    static final Set<String> TOKEN_ENDPOINT_FIELDS = Set.of("grant_type", "appid", "force_refresh");
    private static final List<String> SECRET_NAMES = List.of("token", "secret", "sig", "password", "key");
    private static final Pattern TOKEN_SHAPED = Pattern.compile("\\d{2,3}_[A-Za-z0-9_-]{40,}");
    /** The form of an app secret, 32 hex digits, within a longer text too. */
    private static final Pattern SECRET_SHAPED = Pattern.compile("(?<![0-9A-Fa-f])[0-9A-Fa-f]{32}(?![0-9A-Fa-f])");
    private static final int MAX_DEPTH = 4;

    private final SecretHash secret;
    private final boolean tokenEndpoint;
    private int spent;

    /**
     * @param secret        the app's secret, to hide wherever a call repeats it
     * @param tokenEndpoint whether the call is to a token endpoint, where only a few fields are shown
     */
    Redaction(SecretHash secret, boolean tokenEndpoint) {
        this.secret = secret;
        this.tokenEndpoint = tokenEndpoint;
    }

    /** The query parameters, each with its first value. */
    Map<String, JsonNode> query(Map<String, List<String>> params) {
        Map<String, JsonNode> kept = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> param : params.entrySet()) {
            if (kept.size() == MAX_FIELDS) {
                break;
            }
            String value = param.getValue().isEmpty() ? "" : param.getValue().get(0);
            keep(kept, param.getKey(), TextNode.valueOf(value));
        }
        return Collections.unmodifiableMap(kept);
    }

    /** The top-level fields of a JSON object body. */
    Map<String, JsonNode> fields(JsonNode body) {
        Map<String, JsonNode> kept = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            if (kept.size() == MAX_FIELDS) {
                break;
            }
            keep(kept, field.getKey(), field.getValue());
        }
        return Collections.unmodifiableMap(kept);
    }

    private void keep(Map<String, JsonNode> kept, String name, JsonNode value) {
        String shownName = name(name);
        JsonNode shown = tokenEndpoint && !TOKEN_ENDPOINT_FIELDS.contains(name)
                ? TextNode.valueOf(REDACTED) : field(name, value, 0);
        int size = shownName.length() + size(shown);
        if (spent + size > BUDGET) {
            shown = TextNode.valueOf("(" + size + " bytes, left out)");
            size = shownName.length() + 32;
        }
        spent += size;
        kept.put(shownName, shown);
    }

    /**
     * A field's value as kept. Its name decides only when the name is shown: a name that is itself
     * a credential (a token pasted as a key) is hidden, and the words a random token happens to
     * contain ("key", "sig") say nothing of its value, which is judged by its own shape.
     */
    private JsonNode field(String name, JsonNode value, int depth) {
        return !hides(name) && isSecretName(name) ? TextNode.valueOf(REDACTED) : value(value, depth);
    }

    private JsonNode value(JsonNode value, int depth) {
        if (value.isTextual()) {
            return hides(value.textValue()) ? TextNode.valueOf(REDACTED) : TextNode.valueOf(bounded(value.textValue()));
        }
        if (!value.isContainerNode()) {
            return value;
        }
        if (depth >= MAX_DEPTH) {
            return TextNode.valueOf("(nested too deep)");
        }
        if (value.isArray()) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
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

    /** About the JSON length of a kept value, without writing it: on every logged call, so cheap. */
    private static int size(JsonNode value) {
        if (value.isTextual()) {
            return value.textValue().length() + 2;
        }
        if (!value.isContainerNode()) {
            return value.asText().length();
        }
        int size = 2;
        for (Map.Entry<String, JsonNode> field : value.properties()) {
            size += field.getKey().length() + 4 + size(field.getValue());
        }
        for (int i = 0; value.isArray() && i < value.size(); i++) {
            size += 1 + size(value.get(i));
        }
        return size;
    }

    /** Whether a text is, or holds, a credential: an access token, or the app's secret. */
    private boolean hides(String text) {
        if (TOKEN_SHAPED.matcher(text).find()) {
            return true;
        }
        for (Matcher m = SECRET_SHAPED.matcher(text); m.find(); ) {
            if (secret.matches(m.group())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSecretName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return SECRET_NAMES.stream().anyMatch(lower::contains);
    }

    private String name(String name) {
        return hides(name) ? REDACTED : bounded(name);
    }

    private static String bounded(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + "…(" + text.length() + " chars)";
    }
}
