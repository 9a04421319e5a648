package dev.wxacode.server.internal.console;

import static dev.wxacode.server.internal.admin.AdminJson.body;
import static dev.wxacode.server.internal.admin.AdminJson.invalid;
import static dev.wxacode.server.internal.admin.AdminJson.refuseUnknown;
import static dev.wxacode.server.internal.admin.AdminJson.reply;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wxacode.core.wire.Errcode;
import dev.wxacode.core.wire.WxException;
import dev.wxacode.server.internal.admin.AdminAuth;
import dev.wxacode.server.internal.admin.ConsoleSessions;
import dev.wxacode.server.internal.http.Replies;
import dev.wxacode.server.internal.http.Resources;
import dev.wxacode.server.internal.http.Routes;
import dev.wxacode.server.internal.http.WireJson;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * The web console: {@code /console} (one page; its script calls the admin API with the session
 * cookie), its script and style sheet, and {@code /console/session} to sign in, learn the
 * session's CSRF token, and sign out. Every answer carries a Content-Security-Policy that allows
 * this server's own script and style only, no inline code and no framing.
 */
public final class ConsoleRoutes {
    static final String PAGE = "/console";
    static final String SESSION = "/console/session";
    /** Images from {@code blob:} (the playground's code, the scanned file), media for the camera. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' blob: data:; media-src 'self' blob:;"
            + " object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private record Asset(String contentType, byte[] bytes) {
    }

    private final AdminAuth auth;
    private final boolean secureCookie;
    private final String page;
    private final String closedPage;
    private final Map<String, Asset> assets;

    /** @param secureCookie mark the cookie {@code Secure}: the public URL is https */
    public ConsoleRoutes(AdminAuth auth, boolean secureCookie) {
        this.auth = auth;
        this.secureCookie = secureCookie;
        this.page = new String(resource("index.html"), StandardCharsets.UTF_8);
        this.closedPage = new String(resource("closed.html"), StandardCharsets.UTF_8);
        this.assets = Map.of(
                "console.js", new Asset("text/javascript; charset=utf-8", resource("console.js")),
                "console.css", new Asset("text/css; charset=utf-8", resource("console.css")));
    }

    public void register(Routes routes) {
        routes.get(PAGE, this::page);
        routes.get(PAGE + "/assets/{file}", this::asset);
        routes.post(SESSION, this::signIn);
        routes.get(SESSION, ctx -> {
            secure(ctx);
            reply(ctx, 200, sessionJson(auth.session(ctx)));
        });
        routes.guarded().delete(SESSION, this::signOut);
    }

    /**
     * The page, its links made absolute from the route that matched, so that it works at
     * {@code /console}, {@code /console/} and under the path prefix alike.
     */
    private void page(Context ctx) {
        secure(ctx);
        // The route that matched, not the raw path: "//console" must not make "//console/assets/…", another host.
        String route = ctx.endpoint().path;
        String base = Replies.escapeHtml(route.substring(0, route.length() - PAGE.length()));
        if (auth.isOpen()) {
            Replies.html(ctx, 200, page.replace("{{base}}", base));
        } else {
            Replies.html(ctx, 403, closedPage.replace("{{base}}", base));
        }
    }

    private void asset(Context ctx) {
        Asset asset = assets.get(ctx.pathParam("file"));
        if (asset == null) {
            throw new WxException(Errcode.NOT_FOUND, "no console asset " + ctx.pathParam("file"));
        }
        secure(ctx);
        // Always asked again, so that a new server version never runs an old script.
        ctx.header("Cache-Control", "no-cache");
        Replies.bytes(ctx, 200, asset.contentType(), asset.bytes());
    }

    /** Body {@code {"key":"…"}}: the admin key. A JSON body only, which no other site's form can send. */
    private void signIn(Context ctx) {
        secure(ctx);
        ObjectNode body = body(ctx, false);
        refuseUnknown(body, Set.of("key"));
        String key = WireJson.text(body, "key", Errcode.INVALID_ARGUMENT);
        if (key == null) {
            throw invalid("key is required: the server's WXACODE_ADMIN_KEY");
        }
        String previous = ctx.cookie(AdminAuth.COOKIE);
        String id = auth.signIn(key);
        if (previous != null) {
            auth.signOut(previous);
        }
        ctx.header("Set-Cookie", cookie(id, ""));
        reply(ctx, 200, sessionJson(id));
    }

    private void signOut(Context ctx) {
        secure(ctx);
        String id = ctx.cookie(AdminAuth.COOKIE);
        if (id != null) {
            auth.signOut(id);
        }
        ctx.header("Set-Cookie", cookie("", "; Max-Age=0"));
        ObjectNode json = WireJson.object();
        json.put("signed_out", true);
        reply(ctx, 200, json);
    }

    /** A cookie for the browser session only (no Max-Age): the server ends it sooner anyway. */
    private String cookie(String value, String extra) {
        return AdminAuth.COOKIE + "=" + value + "; Path=/; HttpOnly; SameSite=Strict" + (secureCookie ? "; Secure" : "") + extra;
    }

    private static ObjectNode sessionJson(String id) {
        ObjectNode json = WireJson.object();
        json.put("csrf_token", ConsoleSessions.csrfToken(id));
        json.put("idle_timeout_seconds", ConsoleSessions.IDLE.toSeconds());
        json.put("lifetime_seconds", ConsoleSessions.LIFETIME.toSeconds());
        return json;
    }

    private static void secure(Context ctx) {
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Content-Type-Options", "nosniff");
        // Pages and session answers hold a CSRF token or a view of the admin's data.
        ctx.header("Cache-Control", "no-store");
    }

    private static byte[] resource(String name) {
        return Resources.read("/console/" + name);
    }
}
