package dev.wxacode.server.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wxacode.core.render.ImageFormat;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Makes replies with the exact headers SDKs check (wire spec §2), and writes them through Javalin. */
public final class Replies {
    /** Token replies and credential errors, as WeChat labels them. */
    public static final String JSON_ENCODING = "application/json; encoding=utf-8";
    /** Parameter errors and everything else in JSON. */
    public static final String JSON_CHARSET = "application/json; charset=UTF-8";
    private static final String CACHE_CONTROL = "public, no-cache";

    private Replies() {
    }

    public static void json(Context ctx, int status, String contentType, JsonNode body) {
        send(ctx, json(status, contentType, body));
    }

    public static Reply json(int status, String contentType, JsonNode body) {
        return new Reply(status, Optional.of(contentType), Map.of(), WireJson.write(body));
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
    public static Reply image(byte[] image, ImageFormat format, String name) {
        return image(image, format, name, "attachment", Map.of());
    }

    /**
     * An image for a GET, which browsers and caches see: as {@link #image}, but shown where it is
     * opened ({@code inline}), and {@code Cache-Control: no-cache}, so a cache keeps it and asks
     * again each time it is used. Asking is cheap ({@link #notModified}) and the answer is fresh:
     * an image stops being served as soon as its link stops resolving.
     */
    public static Reply shownImage(byte[] image, ImageFormat format, String name) {
        return image(image, format, name, "inline", Map.of("Cache-Control", CACHE_CONTROL));
    }

    private static Reply image(byte[] image, ImageFormat format, String name, String disposition,
                               Map<String, String> more) {
        Map<String, String> headers = new HashMap<>(more);
        headers.put("Content-Disposition", disposition + "; filename=\"" + name + "." + format.extension() + "\"");
        headers.put("ETag", "\"" + name + "\"");
        return new Reply(200, Optional.of(format.mimeType()), Map.copyOf(headers), image);
    }

    /**
     * 304 for a GET whose If-None-Match names the image already ({@link #heldAlready}): no body and
     * no Content-Type. A cache updates the image it keeps with a 304's headers (RFC 9111 §4.3.4),
     * so a type here (Javalin's default text/plain) would become the image's.
     */
    public static Reply notModified(String name) {
        return new Reply(304, Optional.empty(), Map.of("ETag", "\"" + name + "\"", "Cache-Control", CACHE_CONTROL),
                new byte[0]);
    }

    /**
     * Whether a request's If-None-Match header lists this image's ETag, or is {@code *}. Weak tags
     * ({@code W/"…"}) match too, as RFC 9110 §13.1.2 has If-None-Match compare them.
     */
    public static boolean heldAlready(String header, String name) {
        String tag = "\"" + name + "\"";
        for (String listed : header.split(",")) {
            String candidate = listed.strip();
            if (candidate.startsWith("W/")) {
                candidate = candidate.substring(2);
            }
            if (candidate.equals("*") || candidate.equals(tag)) {
                return true;
            }
        }
        return false;
    }

    /** Writes a reply through Javalin; a request answered in front of Javalin gets the same headers. */
    public static void send(Context ctx, Reply reply) {
        ctx.attribute(Exchange.REPLY, reply);
        reply.headers().forEach(ctx::header);
        ctx.status(reply.status());
        reply.contentType().ifPresentOrElse(type -> {
            ctx.contentType(type);
            ctx.header("Content-Length", Integer.toString(reply.body().length));
            ctx.result(reply.body());
        }, () -> ctx.res().setContentType(null));
    }

    public static void html(Context ctx, int status, String html) {
        bytes(ctx, status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
    }

    /** Text safe inside HTML elements and quoted attributes. */
    public static String escapeHtml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }

    public static void bytes(Context ctx, int status, String contentType, byte[] body) {
        send(ctx, new Reply(status, Optional.of(contentType), Map.of(), body));
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
