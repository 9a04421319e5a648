package dev.wxacode.server.internal.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;

/**
 * The console's sign-in sessions, in this node's memory. A session id is 256 random bits, handed
 * out once (for the cookie) and kept only as its SHA-256 digest, so neither a heap dump nor a log
 * holds a usable id. A session ends after {@link #IDLE} without a request, after {@link #LIFETIME}
 * in any case, or when signed out; at most {@link #MAX_SESSIONS} live at once, and a sign-in
 * beyond that ends the session idle longest.
 *
 * <p>Each session has a CSRF token, derived from its id by a hash of another domain than the
 * stored digest: the page learns it from the server (it cannot read the HttpOnly cookie), and the
 * server recomputes it from the cookie on each request rather than store it.
 */
public final class ConsoleSessions {
    public static final Duration IDLE = Duration.ofMinutes(30);
    public static final Duration LIFETIME = Duration.ofHours(12);
    public static final int MAX_SESSIONS = 100;
    private static final int ID_BYTES = 32;

    private record Times(Instant opened, Instant lastUsed) {
    }

    private final Clock clock;
    private final SecureRandom random;
    /** Digest (hex) to times, least recently used first. */
    private final LinkedHashMap<String, Times> sessions = new LinkedHashMap<>(16, 0.75f, true);

    public ConsoleSessions(Clock clock, SecureRandom random) {
        this.clock = clock;
        this.random = random;
    }

    /** A new session; the id returned is the only copy there will be. */
    public synchronized String open() {
        byte[] bytes = new byte[ID_BYTES];
        random.nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        forgetEnded(now);
        if (sessions.size() >= MAX_SESSIONS) {
            Iterator<String> idleLongest = sessions.keySet().iterator();
            idleLongest.next();
            idleLongest.remove();
        }
        sessions.put(digest("session", id), new Times(now, now));
        return id;
    }

    /** True, and the session's idle time restarts, when {@code id} names a session that has not ended. */
    public synchronized boolean use(String id) {
        String key = digest("session", id);
        Times times = sessions.get(key);
        Instant now = clock.instant();
        if (times == null || ended(times, now)) {
            sessions.remove(key);
            return false;
        }
        sessions.put(key, new Times(times.opened(), now));
        return true;
    }

    public synchronized void close(String id) {
        sessions.remove(digest("session", id));
    }

    /** The token a state-changing request of this session must carry in {@code X-CSRF-Token}. */
    public static String csrfToken(String id) {
        return digest("csrf", id);
    }

    /** Compared in constant time; {@code given} may be null. */
    public static boolean csrfMatches(String id, String given) {
        return given != null && MessageDigest.isEqual(csrfToken(id).getBytes(StandardCharsets.US_ASCII),
                given.getBytes(StandardCharsets.US_ASCII));
    }

    private void forgetEnded(Instant now) {
        sessions.values().removeIf(times -> ended(times, now));
    }

    private static boolean ended(Times times, Instant now) {
        return !now.isBefore(times.lastUsed().plus(IDLE)) || !now.isBefore(times.opened().plus(LIFETIME));
    }

    /** SHA-256 of the id under a domain name, so the stored digest and the CSRF token never coincide. */
    private static String digest(String domain, String id) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((domain + "\0").getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(sha.digest(id.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
