package dev.wxacode.server.internal.admin;

import dev.wxacode.core.wire.Errcode;
import dev.wxacode.core.wire.WxException;
import dev.wxacode.server.internal.http.Routes;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * Guards the admin API: closed (403) unless an admin key is configured. Then a request carries
 * either a {@code Authorization: Bearer <key>} header, or the cookie of a console session
 * ({@link ConsoleSessions}) plus, for any method but GET and HEAD, that session's CSRF token in
 * {@value #CSRF_HEADER}. Otherwise 401, or 403 for a session request without its CSRF token. Keys
 * are compared as SHA-256 digests with {@link MessageDigest#isEqual}, so neither the key's content
 * nor its length leaks through timing.
 */
public final class AdminAuth implements Routes.Guard {
    public static final String COOKIE = "wxacode_console";
    public static final String CSRF_HEADER = "X-CSRF-Token";

    private final Optional<byte[]> keyDigest;
    private final ConsoleSessions sessions;

    public AdminAuth(Optional<String> adminKey, ConsoleSessions sessions) {
        this.keyDigest = adminKey.map(AdminAuth::digest);
        this.sessions = sessions;
    }

    /** False when no admin key is configured: the admin API and the console are closed. */
    public boolean isOpen() {
        return keyDigest.isPresent();
    }

    /**
     * A new console session for the admin key.
     *
     * @return the session id, for the cookie only
     * @throws WxException 990100 when no key is configured, 990101 when {@code key} is not it
     */
    public String signIn(String key) {
        requireOpen();
        if (!matches(key)) {
            throw new WxException(Errcode.ADMIN_UNAUTHORIZED, "console sign-in with a wrong key");
        }
        return sessions.open();
    }

    /**
     * The request's console session id, its idle time restarted.
     *
     * @throws WxException 990100 when no key is configured, 990101 without a live session
     */
    public String session(Context ctx) {
        requireOpen();
        String id = ctx.cookie(COOKIE);
        if (id == null || !sessions.use(id)) {
            throw new WxException(Errcode.ADMIN_UNAUTHORIZED, "no console session, or one that has ended");
        }
        return id;
    }

    public void signOut(String sessionId) {
        sessions.close(sessionId);
    }

    /**
     * @throws WxException 990100 when no key is configured; 990101 without the key or a live
     *                     session; 990106 for a session's write without its CSRF token
     */
    @Override
    public void check(Context ctx) {
        requireOpen();
        String header = ctx.header("Authorization");
        if (header == null && ctx.cookie(COOKIE) != null) {
            String id = session(ctx);
            // SameSite=Strict already keeps the cookie off other sites' requests; the token also
            // covers browsers that ignore SameSite and requests from a sibling subdomain.
            if (!readOnly(ctx.method()) && !ConsoleSessions.csrfMatches(id, ctx.header(CSRF_HEADER))) {
                throw new WxException(Errcode.CSRF_TOKEN_INVALID, ctx.method() + " without the session's CSRF token");
            }
            return;
        }
        String given = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : "";
        if (!matches(given)) {
            throw new WxException(Errcode.ADMIN_UNAUTHORIZED);
        }
    }

    private void requireOpen() {
        if (keyDigest.isEmpty()) {
            throw new WxException(Errcode.ADMIN_DISABLED);
        }
    }

    private boolean matches(String key) {
        return MessageDigest.isEqual(keyDigest.orElseThrow(), digest(key));
    }

    private static boolean readOnly(HandlerType method) {
        return method == HandlerType.GET || method == HandlerType.HEAD;
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
