package dev.wxacode.server.admin;

import dev.wxacode.core.wire.Errcode;
import dev.wxacode.core.wire.WxException;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * Guards the admin API: closed (403) unless an admin key is configured, then a
 * {@code Authorization: Bearer <key>} header must carry it (401 otherwise). The comparison is of
 * SHA-256 digests with {@link MessageDigest#isEqual}, so neither the key's content nor its length
 * leaks through timing.
 */
public final class AdminAuth {
    private final Optional<byte[]> keyDigest;

    public AdminAuth(Optional<String> adminKey) {
        this.keyDigest = adminKey.map(AdminAuth::digest);
    }

    public Handler guard(Handler handler) {
        return ctx -> {
            check(ctx);
            handler.handle(ctx);
        };
    }

    private void check(Context ctx) {
        if (keyDigest.isEmpty()) {
            throw new WxException(Errcode.ADMIN_DISABLED);
        }
        String header = ctx.header("Authorization");
        String given = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : "";
        if (!MessageDigest.isEqual(keyDigest.get(), digest(given))) {
            throw new WxException(Errcode.ADMIN_UNAUTHORIZED);
        }
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
