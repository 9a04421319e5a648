package dev.wxacode.server.internal.requests;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wxacode.core.code.JumpRequest;
import dev.wxacode.core.code.LineColor;
import dev.wxacode.core.wire.Errcode;
import dev.wxacode.server.requests.Warning;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** The warnings a code or link request's own body shows, without looking at other calls. */
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

    /**
     * @param body       a generatescheme or generate_urllink body as sent, before any redaction
     * @param errcode    what the call was answered
     * @param nowSeconds when it came, Unix seconds
     */
    static List<Warning> inLinkRequest(JsonNode body, boolean scheme, int errcode, long nowSeconds) {
        List<Warning> warnings = new ArrayList<>();
        JsonNode target = scheme ? body.path("jump_wxa") : body;
        JsonNode path = target.path("path");
        if (path.isTextual() && path.textValue().startsWith("/")) {
            warnings.add(Mistake.PATH_LEADING_SLASH.warn("path starts with '/': write the page as app.json lists it,"
                    + " e.g. pages/index/index, and the parameters in query. WeChat answers "
                    + Errcode.INVALID_WEAPP_PAGEPATH.code() + "."));
        }
        String env = target.path("env_version").asText("release");
        if (errcode == Errcode.INVALID_WEAPP_PAGEPATH.code() && !env.equals("release")) {
            warnings.add(Mistake.TRIAL_PAGE_NOT_RELEASED.warn("a " + env + " link to a page the published release"
                    + " lacks: WeChat checks the page against the published build whatever env_version says."
                    + " Publish the page first, or give testers a getwxacodeunlimit code with check_path false."));
        }
        boolean byInterval = body.path("expire_type").asInt(0) == 1;
        boolean tooLong = byInterval ? body.path("expire_interval").asLong(0) > JumpRequest.LONGEST.toDays()
                : body.path("expire_time").asLong(0) > nowSeconds + JumpRequest.LONGEST.toSeconds();
        if (tooLong) {
            warnings.add(Mistake.EXPIRY_PAST_30_DAYS.warn("the link is asked to last past 30 days: since April 2022"
                    + " every URL Scheme and URL Link expires within 30 days (" + Errcode.INVALID_EXPIRY.code() + ")."
                    + " Make a new link when the old one nears its end, or use a code, which does not expire."));
        }
        if (body.has("access_token")) {
            warnings.add(accessTokenInBody());
        }
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
            warnings.add(accessTokenInBody());
        }
        // Some SDKs always send black; only a colour someone chose is a colour lost.
        if (body.path("auto_color").booleanValue() && body.has("line_color")
                && !lineColor(body.get("line_color")).filter(LineColor.BLACK::equals).isPresent()) {
            warnings.add(Mistake.LINE_COLOR_IGNORED.warn("line_color is ignored because auto_color is true: send"
                    + " auto_color false to draw the code in line_color."));
        }
        if (!body.path("auto_color").booleanValue()) {
            lineColor(body.path("line_color")).filter(color -> color.contrastOnWhite() < LineColor.LEGIBLE_CONTRAST)
                    .ifPresent(color -> warnings.add(Mistake.LINE_COLOR_LIGHT.warn(String.format(Locale.ROOT,
                            "line_color %d,%d,%d is light: %.2f:1 against white, below %.0f:1, and scanners miss such"
                                    + " codes once the picture is a little noisy (a print, a photo of a screen). The code"
                                    + " is drawn in it as asked, as WeChat draws it; choose a darker colour.",
                            color.r(), color.g(), color.b(), color.contrastOnWhite(), LineColor.LEGIBLE_CONTRAST))));
        }
        return warnings;
    }

    /** A line_color of numbers, or of numeric strings, as the code was drawn in it; empty for anything else. */
    private static Optional<LineColor> lineColor(JsonNode color) {
        int[] rgb = new int[3];
        String[] channels = {"r", "g", "b"};
        for (int i = 0; i < 3; i++) {
            JsonNode value = color.path(channels[i]);
            if (value.isNumber()) {
                rgb[i] = value.asInt();
            } else if (value.isTextual() && value.textValue().trim().matches("\\d{1,3}")) {
                rgb[i] = Integer.parseInt(value.textValue().trim());
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(new LineColor(rgb[0], rgb[1], rgb[2]));
    }

    private static Warning accessTokenInBody() {
        return Mistake.ACCESS_TOKEN_IN_BODY.warn("access_token is in the body: it belongs in the query string"
                + " (?access_token=...). WeChat does not read it from the body: " + Errcode.ACCESS_TOKEN_MISSING.code()
                + " when the query has none, " + Errcode.DATA_FORMAT_ERROR.code() + " for the unknown field.");
    }
}
