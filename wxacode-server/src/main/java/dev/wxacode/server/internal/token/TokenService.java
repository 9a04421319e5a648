package dev.wxacode.server.internal.token;

import dev.wxacode.core.link.KeyRing;
import dev.wxacode.core.link.SigningKey;
import dev.wxacode.core.wire.Errcode;
import dev.wxacode.core.wire.WxException;
import dev.wxacode.server.config.ServerConfig;
import dev.wxacode.server.internal.http.IpWhitelist;
import dev.wxacode.server.internal.ratelimit.MinuteLimits;
import dev.wxacode.server.internal.ratelimit.Quota;
import dev.wxacode.server.internal.ratelimit.Quotas;
import dev.wxacode.server.internal.registry.Registry;
import dev.wxacode.server.internal.storage.RecentReads;
import dev.wxacode.server.registry.App;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Issues and checks access tokens, with WeChat's lifetimes (wire spec §4):
 * <ul>
 *   <li>{@code /cgi-bin/token}: a new token every call, valid 7200 s; the previous one keeps
 *       working for 5 minutes, then answers 40001.</li>
 *   <li>{@code /cgi-bin/stable_token}: the same token until its last 5 minutes, when a call gets a
 *       new one (the old one lives out its time, so {@code expires_in} is never under 300); with
 *       {@code force_refresh} a new one at once and the old one dead, at most 20 a day and at
 *       least 30 s apart (sooner gives the current token back).</li>
 *   <li>Expired: 42001. Unknown or superseded: 40001. The two kinds never affect each other.</li>
 * </ul>
 *
 * <p>Tokens being checked are read through {@link RecentReads}: a record is trusted for at most a
 * second, so a token superseded or force-refreshed through another node is refused here within a
 * second of its death, and expiry, which the record itself carries, is exact. A force refresh made
 * here is seen here at once.
 */
public final class TokenService {
    public static final Duration TTL = Duration.ofSeconds(7200);
    public static final Duration GRACE = Duration.ofMinutes(5);
    static final Duration FORCE_REFRESH_SPACING = Duration.ofSeconds(30);
    /** Expired tokens are remembered this long so that they answer 42001, not 40001. */
    static final Duration REMEMBER_EXPIRED = Duration.ofDays(7);
    private static final String CLIENT_CREDENTIAL = "client_credential";
    private static final int TOKENS_KEPT = 100_000;

    /** A token as handed out: the caller must store it; we only keep its hash. */
    public record Issued(String accessToken, long expiresIn) {
        @Override
        public String toString() {
            return "Issued[expiresIn=" + expiresIn + "]";
        }
    }

    /** The fields of a token request, as received (any may be null). */
    public record Credentials(String grantType, String appid, String secret, String callerIp) {
        @Override
        public String toString() {
            return "Credentials[appid=" + appid + "]";
        }
    }

    private final TokenStore store;
    private final Registry registry;
    private final Supplier<KeyRing> keys;
    private final Quotas quotas;
    private final MinuteLimits minutes;
    private final ServerConfig.Tokens limits;
    private final SecureRandom random;
    private final Clock clock;
    private final RecentReads<ByteBuffer, TokenStore.TokenRecord> recent;

    public TokenService(TokenStore store, Registry registry, Supplier<KeyRing> keys, Quotas quotas,
                        MinuteLimits minutes, ServerConfig.Tokens limits, SecureRandom random, Clock clock) {
        this.store = store;
        this.registry = registry;
        this.keys = keys;
        this.quotas = quotas;
        this.minutes = minutes;
        this.limits = limits;
        this.random = random;
        this.clock = clock;
        this.recent = new RecentReads<>(clock, TOKENS_KEPT);
    }

    /** {@code /cgi-bin/token}. */
    public Issued token(Credentials credentials) {
        App app = authenticate(credentials);
        if (!quotas.tryConsume(app.appid(), Quota.TOKEN, limits.plainDaily())) {
            throw new WxException(Errcode.TOKEN_QUOTA_REACHED, "token daily quota");
        }
        long now = clock.millis();
        String token = AccessTokens.random(random);
        store.purgeExpired(app.appid(), now - REMEMBER_EXPIRED.toMillis());
        store.insertPlain(AccessTokens.hash(token),
                new TokenStore.TokenRecord(app.appid(), TokenStore.Kind.PLAIN, now, now + TTL.toMillis(), Optional.empty()),
                now + GRACE.toMillis());
        return new Issued(token, TTL.toSeconds());
    }

    /** {@code /cgi-bin/stable_token}. */
    public Issued stableToken(Credentials credentials, boolean forceRefresh) {
        App app = authenticate(credentials);
        if (!minutes.takeStableToken(app.appid())
                || !quotas.tryConsume(app.appid(), Quota.STABLE_TOKEN, limits.stableDaily())) {
            throw new WxException(Errcode.API_QUOTA_REACHED, "stable_token quota");
        }
        boolean forceQuotaTaken = false;
        while (true) {
            long now = clock.millis();
            Optional<TokenStore.StableState> state = store.stable(app.appid());
            Optional<String> current = state.flatMap(s -> derive(app.appid(), s));
            if (current.isPresent()) {
                TokenStore.StableState s = state.get();
                long left = s.expiresAtMillis() - now;
                boolean recentlyForced = s.lastForceRefreshMillis()
                        .filter(at -> now - at < FORCE_REFRESH_SPACING.toMillis()).isPresent();
                if (left >= GRACE.toMillis() && (!forceRefresh || recentlyForced)) {
                    return new Issued(current.get(), left / 1000);
                }
            }
            boolean forcing = forceRefresh && current.isPresent();
            if (forcing && !forceQuotaTaken) {
                if (!quotas.tryConsume(app.appid(), Quota.FORCE_REFRESH, limits.forceRefreshDaily())) {
                    throw new WxException(Errcode.API_QUOTA_REACHED, "force_refresh daily quota");
                }
                forceQuotaTaken = true;
            }
            int generation = state.map(TokenStore.StableState::generation).orElse(0);
            SigningKey key = keys.get().active();
            TokenStore.StableState next = new TokenStore.StableState(generation + 1, key.kid(), now,
                    now + TTL.toMillis(), forcing ? Optional.of(now) : state.flatMap(TokenStore.StableState::lastForceRefreshMillis));
            String token = derive(app.appid(), next).orElseThrow();
            TokenStore.TokenRecord record = new TokenStore.TokenRecord(app.appid(), TokenStore.Kind.STABLE, now,
                    next.expiresAtMillis(), Optional.empty());
            if (store.replaceStable(app.appid(), generation, next, AccessTokens.hash(token), record,
                    forcing ? Optional.of(now) : Optional.empty())) {
                if (forcing) {
                    recent.forgetIf(known -> known.appid().equals(app.appid()) && known.kind() == TokenStore.Kind.STABLE);
                }
                return new Issued(token, TTL.toSeconds());
            }
            // Another request renewed it first: read again and hand out that one.
        }
    }

    /**
     * Ends every token of the app now, as a test's fault rule asks: expired (42001) or superseded
     * (40001); the next {@code stable_token} call issues a new stable token.
     */
    public void endAll(String appid, boolean expire) {
        store.endAll(appid, clock.millis(), expire);
        recent.forgetIf(known -> known.appid().equals(appid));
    }

    /**
     * The app an API call's token belongs to: the one place that answers 41001 for a call without
     * one.
     *
     * @param owner told the appid of a token it knows, before the token is judged, so that a call
     *              refused for an expired or superseded token is still its app's call
     * @throws WxException 41001 no token; 40001 unknown, superseded or disabled app; 42001 expired
     */
    public App authorizeCall(String accessToken, Consumer<String> owner) {
        if (accessToken == null || accessToken.isEmpty()) {
            throw new WxException(Errcode.ACCESS_TOKEN_MISSING);
        }
        long now = clock.millis();
        TokenStore.TokenRecord token = find(accessToken)
                .orElseThrow(() -> new WxException(Errcode.INVALID_CREDENTIAL, "unknown token"));
        owner.accept(token.appid());
        // Whichever end came first decides: superseded before expiry is "not latest", else expired.
        long dies = token.diesAtMillis().orElse(Long.MAX_VALUE);
        if (now >= dies && dies < token.expiresAtMillis()) {
            throw new WxException(Errcode.INVALID_CREDENTIAL, "superseded token");
        }
        if (now >= token.expiresAtMillis()) {
            throw new WxException(Errcode.ACCESS_TOKEN_EXPIRED);
        }
        return registry.find(token.appid()).filter(app -> !app.disabled())
                .orElseThrow(() -> new WxException(Errcode.INVALID_CREDENTIAL, "app disabled"));
    }

    /** The appid of a token this server issued, whatever its state; for telling whose a misplaced token is. */
    public Optional<String> ownerOf(String accessToken) {
        return find(accessToken).map(TokenStore.TokenRecord::appid);
    }

    private Optional<TokenStore.TokenRecord> find(String accessToken) {
        byte[] hash = AccessTokens.hash(accessToken);
        return recent.get(ByteBuffer.wrap(hash), key -> store.find(hash));
    }

    /**
     * The app these credentials are of, checked as a token request checks them, for a call that
     * takes the secret itself (clear_quota/v2).
     */
    public App authenticate(String appid, String secret, String callerIp) {
        return authenticate(new Credentials(CLIENT_CREDENTIAL, appid, secret, callerIp));
    }

    /**
     * WeChat's order (wire spec §4): an unknown appid is reported before a bad grant_type; a
     * disabled app looks unknown.
     */
    private App authenticate(Credentials c) {
        if (isBlank(c.appid())) {
            throw new WxException(Errcode.APPID_MISSING);
        }
        App app = registry.find(c.appid()).filter(a -> !a.disabled())
                .orElseThrow(() -> new WxException(Errcode.INVALID_APPID));
        if (!CLIENT_CREDENTIAL.equals(c.grantType())) {
            throw new WxException(Errcode.INVALID_GRANT_TYPE);
        }
        if (isBlank(c.secret())) {
            throw new WxException(Errcode.APPSECRET_MISSING);
        }
        if (app.secretFrozen()) {
            throw new WxException(Errcode.APPSECRET_FROZEN);
        }
        if (!app.secret().matches(c.secret())) {
            throw new WxException(Errcode.INVALID_APPSECRET, "appid " + app.appid());
        }
        if (!app.ipWhitelist().isEmpty() && !IpWhitelist.allows(app.ipWhitelist(), c.callerIp())) {
            String[] ip = IpWhitelist.spellings(c.callerIp());
            throw new WxException(Errcode.IP_NOT_IN_WHITELIST, "appid " + app.appid(), ip[0], ip[1]);
        }
        return app;
    }

    /** Empty when the key it was derived with is gone (fixed keys changed): a new one is then issued. */
    private Optional<String> derive(String appid, TokenStore.StableState s) {
        String label = appid + ":" + s.generation() + ":" + s.issuedAtMillis();
        return keys.get().find(s.kid()).map(key -> AccessTokens.fromBytes(key.tokenBytes(label, AccessTokens.BODY_BYTES)));
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
