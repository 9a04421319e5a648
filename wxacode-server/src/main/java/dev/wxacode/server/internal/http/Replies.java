package dev.wxacode.server.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wxacode.core.render.ImageFormat;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Writes replies with the exact headers SDKs check (wire spec §2). */
public final class Replies {
    /** Token replies and credential errors, as WeChat labels them. */
    public static final String JSON_ENCODING = "application/json; encoding=utf-8";
    /** Parameter errors and everything else in JSON. */
    public static final String JSON_CHARSET = "application/json; charset=UTF-8";

    private Replies() {
    }

    public static void json(Context ctx, int status, String contentType, JsonNode body) {
        bytes(ctx, status, contentType, WireJson.write(body));
    }

    /**
     * An image as WeChat sends it: {@code image/jpeg} or {@code image/png} without parameters, an
     * exact Content-Length (never chunked), and an attachment disposition, which EasyWeChat 4/5
     * needs to recognise an image. Plus a strong {@code ETag}, an extra header SDKs ignore: same
     * bytes, same tag, so a client or CDN can recognise an image it has already. A POST is never
     * answered 304 ({@link IgnoredRequestHeaders}).
     *
     * @param name stands for these bytes; quoted, it is the ETag
     */
    public static void image(Context ctx, byte[] image, ImageFormat format, String name) {
        ctx.header("Content-Disposition", "attachment; filename=\"" + name + "." + format.extension() + "\"");
        ctx.header("ETag", "\"" + name + "\"");
        bytes(ctx, 200, format.mimeType(), image);
    }

    public static void html(Context ctx, int status, String html) {
        bytes(ctx, status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
    }

    /** Text safe inside HTML elements and quoted attributes. */
    public static String escapeHtml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }

    public static void bytes(Context ctx, int status, String contentType, byte[] body) {
        ctx.status(status);
        ctx.contentType(contentType);
        ctx.header("Content-Length", Integer.toString(body.length));
        ctx.result(body);
    }

    /** True when the client prefers HTML to JSON (a browser opening a link), per its Accept header. */
    public static boolean prefersHtml(Context ctx) {
        String accept = ctx.header("Accept");
        if (accept == null) {
            return false;
        }
        String lower = accept.toLowerCase(Locale.ROOT);
        int html = lower.indexOf("text/html");
        int json = lower.indexOf("application/json");
        return html >= 0 && (json < 0 || html < json);
    }
}
