package dev.wxacode.server.internal.requests;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wxacode.core.wire.Errcode;
import dev.wxacode.server.requests.Warning;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The warnings a code request's own body shows, without looking at other calls. */
final class Mistakes {
    private static final Pattern ENCODED = Pattern.compile("%[0-9A-Fa-f]{2}");
    private static final Pattern DOUBLE_ENCODED = Pattern.compile("%25[0-9A-Fa-f]{2}");

    private Mistakes() {
    }

    /** @param body a getwxacodeunlimit body as sent, before any redaction */
    static List<Warning> inCodeRequest(JsonNode body) {
        List<Warning> warnings = new ArrayList<>();
        JsonNode scene = body.path("scene");
        if (scene.isTextual() && DOUBLE_ENCODED.matcher(scene.textValue()).find()) {
            warnings.add(Mistake.SCENE_DOUBLE_ENCODED.warn("scene looks URL-encoded twice (%25 followed by two hex"
                    + " digits): send the value itself; the mini program receives query.scene URI-encoded once and"
                    + " reads it with decodeURIComponent. WeChat refuses '%' in a scene (" + Errcode.INVALID_SCENE.code() + ")."));
        } else if (scene.isTextual() && ENCODED.matcher(scene.textValue()).find()) {
            warnings.add(Mistake.SCENE_URL_ENCODED.warn("scene looks URL-encoded (% followed by two hex digits):"
                    + " send the value itself; the mini program receives query.scene URI-encoded and reads it with"
                    + " decodeURIComponent. WeChat refuses '%' in a scene (" + Errcode.INVALID_SCENE.code() + ")."));
        }
        JsonNode page = body.path("page");
        if (page.isTextual() && page.textValue().startsWith("/")) {
            warnings.add(Mistake.PAGE_LEADING_SLASH.warn("page starts with '/': write it as app.json lists it, e.g."
                    + " pages/index/index. WeChat answers " + Errcode.INVALID_PAGE.code() + " for a leading slash."));
        }
        if (page.isTextual() && page.textValue().contains("?")) {
            warnings.add(Mistake.PAGE_QUERY.warn("page carries a query string: page is a path only; parameters go in"
                    + " scene, which the page reads from query.scene. WeChat answers " + Errcode.INVALID_PAGE.code() + "."));
        }
        warnings.addAll(inAnyCodeRequest(body));
        return warnings;
    }

    /** @param body a getwxacode or createwxaqrcode body as sent, before any redaction */
    static List<Warning> inLimitedCodeRequest(JsonNode body) {
        List<Warning> warnings = new ArrayList<>();
        JsonNode path = body.path("path");
        if (path.isTextual() && path.textValue().startsWith("/")) {
            warnings.add(Mistake.PATH_LEADING_SLASH.warn("path starts with '/': it is taken off here, but write the"
                    + " page as app.json lists it, e.g. pages/index/index?id=1, as WeChat's examples do; the same page"
                    + " given to getwxacodeunlimit answers " + Errcode.INVALID_PAGE.code() + "."));
        }
        warnings.addAll(inAnyCodeRequest(body));
        return warnings;
    }

    /** What every code endpoint's body can get wrong alike. */
    private static List<Warning> inAnyCodeRequest(JsonNode body) {
        List<Warning> warnings = new ArrayList<>();
        JsonNode env = body.path("env_version");
        if (env.isTextual() && env.textValue().isEmpty()) {
            warnings.add(Mistake.ENV_VERSION_EMPTY.warn("env_version is \"\": send release, trial or develop, or leave"
                    + " the field out for release. WeChat answers " + Errcode.INVALID_ENV_VERSION.code() + " to an empty one."));
        } else if (env.isBoolean()) {
            warnings.add(Mistake.ENV_VERSION_BOOLEAN.warn("env_version is a boolean: it is a string, release, trial or"
                    + " develop. WeChat answers " + Errcode.DATA_FORMAT_ERROR.code() + "."));
        }
        if (body.has("access_token")) {
            warnings.add(Mistake.ACCESS_TOKEN_IN_BODY.warn("access_token is in the body: it belongs in the query string"
                    + " (?access_token=...). WeChat does not read it from the body: " + Errcode.ACCESS_TOKEN_MISSING.code()
                    + " when the query has none, " + Errcode.DATA_FORMAT_ERROR.code() + " for the unknown field."));
        }
        // Some SDKs always send black; only a colour someone chose is a colour lost.
        if (body.path("auto_color").booleanValue() && body.has("line_color") && !isBlack(body.get("line_color"))) {
            warnings.add(Mistake.LINE_COLOR_IGNORED.warn("line_color is ignored because auto_color is true: send"
                    + " auto_color false to draw the code in line_color."));
        }
        return warnings;
    }

    /** r, g and b all 0, as numbers or as strings. */
    private static boolean isBlack(JsonNode color) {
        for (String channel : new String[] {"r", "g", "b"}) {
            JsonNode value = color.path(channel);
            if (!(value.isNumber() && value.asDouble() == 0 || value.isTextual() && value.textValue().trim().equals("0"))) {
                return false;
            }
        }
        return true;
    }
}
