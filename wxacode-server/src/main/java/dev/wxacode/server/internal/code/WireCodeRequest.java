package dev.wxacode.server.internal.code;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wxacode.core.code.CodeRequest;
import dev.wxacode.core.code.LimitedCodeRequest;
import dev.wxacode.core.code.LineColor;
import dev.wxacode.core.wire.Errcode;
import dev.wxacode.core.wire.WxException;
import dev.wxacode.server.internal.http.WireJson;
import java.math.BigDecimal;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The JSON body of {@code getwxacodeunlimit} (snake_case, wire spec §1) to a {@link CodeRequest},
 * and those of {@code getwxacode} and {@code createwxaqrcode} to a {@link LimitedCodeRequest}.
 *
 * <p>Two passes, in WeChat's order: first every field's type (47001: a boolean must be
 * {@code true}/{@code false}, numbers may be numeric strings, unknown keys are refused), then the
 * values, in {@link CodeRequest#checked}'s order. A {@code null} value counts as an absent field.
 */
final class WireCodeRequest {
    static final Set<String> FIELDS = Set.of("scene", "page", "check_path", "env_version", "width", "auto_color",
            "line_color", "is_hyaline");
    static final Set<String> WXACODE_FIELDS = Set.of("path", "env_version", "width", "auto_color", "line_color",
            "is_hyaline");
    static final Set<String> QRCODE_FIELDS = Set.of("path", "width");
    private static final Set<String> COLOR_FIELDS = Set.of("r", "g", "b");
    /** Plain decimals only, and short: a 10 000-digit "number" is not a width. */
    private static final Pattern NUMERIC = Pattern.compile("[+-]?\\d{1,20}(\\.\\d{1,20})?");

    private WireCodeRequest() {
    }

    /** @param rejectUnknown answer 47001 to keys WeChat does not know, as WeChat does */
    static CodeRequest parse(ObjectNode body, boolean rejectUnknown) {
        if (rejectUnknown) {
            refuseUnknown(body, FIELDS, "");
        }
        String scene = WireJson.text(body, "scene", Errcode.DATA_FORMAT_ERROR);
        String page = WireJson.text(body, "page", Errcode.DATA_FORMAT_ERROR);
        boolean checkPath = WireJson.bool(body, "check_path", true, Errcode.DATA_FORMAT_ERROR);
        String env = WireJson.text(body, "env_version", Errcode.DATA_FORMAT_ERROR);
        double width = number(body.get("width"), "width", CodeRequest.DEFAULT_WIDTH);
        boolean autoColor = WireJson.bool(body, "auto_color", false, Errcode.DATA_FORMAT_ERROR);
        LineColor lineColor = color(body.get("line_color"), rejectUnknown);
        boolean hyaline = WireJson.bool(body, "is_hyaline", false, Errcode.DATA_FORMAT_ERROR);
        return CodeRequest.checked(scene, page, checkPath, env, width, autoColor, lineColor, hyaline);
    }

    /** The same two passes for wxacode.get's fields, or createQRCode's two. */
    static LimitedCodeRequest parseLimited(LimitedCodeRequest.Kind kind, ObjectNode body, boolean rejectUnknown) {
        boolean qrcode = kind == LimitedCodeRequest.Kind.QRCODE;
        if (rejectUnknown) {
            refuseUnknown(body, qrcode ? QRCODE_FIELDS : WXACODE_FIELDS, "");
        }
        String path = WireJson.text(body, "path", Errcode.DATA_FORMAT_ERROR);
        double width = number(body.get("width"), "width", CodeRequest.DEFAULT_WIDTH);
        if (qrcode) {
            return LimitedCodeRequest.qrcode(path, width);
        }
        String env = WireJson.text(body, "env_version", Errcode.DATA_FORMAT_ERROR);
        boolean autoColor = WireJson.bool(body, "auto_color", false, Errcode.DATA_FORMAT_ERROR);
        LineColor lineColor = color(body.get("line_color"), rejectUnknown);
        boolean hyaline = WireJson.bool(body, "is_hyaline", false, Errcode.DATA_FORMAT_ERROR);
        return LimitedCodeRequest.wxacode(path, env, width, autoColor, lineColor, hyaline);
    }

    /** 47001 for a key WeChat does not know; {@code where} prefixes the key's name in the log ("line_color."). */
    static void refuseUnknown(JsonNode node, Set<String> known, String where) {
        WireJson.unknownKey(node, known).ifPresent(name -> {
            throw new WxException(Errcode.DATA_FORMAT_ERROR, "unknown field " + where + name);
        });
    }

    /** A JSON number or a string holding a plain decimal ({@code ""} = absent); anything else is a format error. */
    private static double number(JsonNode node, String field, double absent) {
        // silenceper/wechat before v2.1.3 sent every colour part, unset ones as "": WeChat took that.
        if (node == null || node.isNull() || node.isTextual() && node.textValue().isEmpty()) {
            return absent;
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isTextual() && NUMERIC.matcher(node.textValue().trim()).matches()) {
            return new BigDecimal(node.textValue().trim()).doubleValue();
        }
        throw new WxException(Errcode.DATA_FORMAT_ERROR, field + " is not a number");
    }

    private static LineColor color(JsonNode node, boolean rejectUnknown) {
        if (node == null || node.isNull()) {
            return LineColor.BLACK;
        }
        if (!node.isObject()) {
            throw new WxException(Errcode.DATA_FORMAT_ERROR, "line_color is not an object");
        }
        if (rejectUnknown) {
            refuseUnknown((ObjectNode) node, COLOR_FIELDS, "line_color.");
        }
        return new LineColor(component(node, "r"), component(node, "g"), component(node, "b"));
    }

    /** Clamped to 0–255 (wire spec §1 leaves range errors open; clamping keeps the call useful). */
    private static int component(JsonNode color, String name) {
        double value = number(color.get(name), "line_color." + name, 0);
        return (int) Math.max(0, Math.min(255, value));
    }
}
