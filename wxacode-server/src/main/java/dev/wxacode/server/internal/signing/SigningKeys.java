package dev.wxacode.server.internal.signing;

import dev.wxacode.core.link.KeyRing;
import dev.wxacode.core.link.SigningKey;
import dev.wxacode.core.wire.Errcode;
import dev.wxacode.core.wire.WxException;
import dev.wxacode.server.config.ServerConfig;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's signing keys: fixed ones from configuration, or generated ones kept (encrypted) in
 * the store, the newest signing. A rotation adds a key; none is ever removed, so every code ever
 * printed keeps resolving.
 */
public final class SigningKeys implements Supplier<KeyRing> {
    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    private static final int SECRET_BYTES = 32;
    /**
     * How old the keys in memory may get before the store is read again: nodes sharing a database
     * see a rotation made on another node within this time.
     */
    public static final Duration REFRESH = Duration.ofSeconds(5);

    /** What an operator may see of a key: never its secret. */
    public record KeyInfo(int kid, boolean active, long createdAtMillis) {
    }

    private final boolean fixed;
    private final SigningKeyStore store;
    private final MasterKey master;
    private final SecureRandom random;
    private final Clock clock;
    private final AtomicReference<Loaded> current = new AtomicReference<>();

    private record Loaded(KeyRing ring, List<KeyInfo> infos, long loadedAtMillis) {
    }

    private SigningKeys(boolean fixed, SigningKeyStore store, MasterKey master, SecureRandom random, Clock clock) {
        this.fixed = fixed;
        this.store = store;
        this.master = master;
        this.random = random;
        this.clock = clock;
    }

    /** Loads the keys, generating and storing the first one if there is none and none is configured. */
    public static SigningKeys open(ServerConfig.Signing config, SigningKeyStore store, MasterKey master,
                                   SecureRandom random, Clock clock) {
        if (!config.keys().isEmpty()) {
            SigningKeys keys = new SigningKeys(true, store, master, random, clock);
            List<SigningKey> ring = config.keys().stream().map(k -> new SigningKey(k.kid(), k.secret())).toList();
            List<KeyInfo> infos = ring.stream().map(k -> new KeyInfo(k.kid(), k == ring.getFirst(), 0)).toList();
            keys.current.set(new Loaded(new KeyRing(ring.getFirst(), ring), infos, Long.MAX_VALUE));
            return keys;
        }
        SigningKeys keys = new SigningKeys(false, store, master, random, clock);
        if (store.all().isEmpty()) {
            keys.generate(1);
            log.info("event=signing_key_generated kid=1");
        }
        keys.reload();
        return keys;
    }

    @Override
    public KeyRing get() {
        return fresh().ring();
    }

    public List<KeyInfo> list() {
        return fresh().infos();
    }

    /** The keys, read again from the store when older than {@link #REFRESH} (never for fixed keys). */
    private Loaded fresh() {
        Loaded loaded = current.get();
        if (!fixed && clock.millis() - loaded.loadedAtMillis() >= REFRESH.toMillis()) {
            synchronized (this) {
                if (current.get() == loaded) {
                    try {
                        reload();
                    } catch (RuntimeException e) {
                        // The store is unreachable: sign and verify with the keys in hand, and try
                        // again after another REFRESH rather than fail (and log) on every request.
                        log.warn("event=signing_keys_reload_failed error=\"{}\"", e.toString());
                        current.set(new Loaded(loaded.ring(), loaded.infos(), clock.millis()));
                    }
                }
            }
        }
        return current.get();
    }

    /**
     * Adds a new key and makes it the one that signs.
     *
     * @return the new key's id
     * @throws WxException {@link Errcode#KEYS_FROM_CONFIG} when keys are fixed by configuration
     */
    public synchronized int rotate() {
        if (fixed) {
            throw new WxException(Errcode.KEYS_FROM_CONFIG);
        }
        int kid;
        do {
            kid = store.all().stream().mapToInt(SigningKeyStore.StoredKey::kid).max().orElse(0) + 1;
        } while (!generate(kid));
        reload();
        log.info("event=signing_key_rotated kid={}", kid);
        return kid;
    }

    private boolean generate(int kid) {
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        return store.add(new SigningKeyStore.StoredKey(kid, master.wrap(secret, context(kid)), clock.millis()));
    }

    private void reload() {
        List<SigningKeyStore.StoredKey> stored = store.all();
        List<SigningKey> ring = stored.stream()
                .map(k -> new SigningKey(k.kid(), master.unwrap(k.wrapped(), context(k.kid()))))
                .toList();
        SigningKey active = ring.stream().max(Comparator.comparingInt(SigningKey::kid)).orElseThrow();
        List<KeyInfo> infos = stored.stream()
                .map(k -> new KeyInfo(k.kid(), k.kid() == active.kid(), k.createdAtMillis()))
                .toList();
        current.set(new Loaded(new KeyRing(active, ring), infos, clock.millis()));
    }

    private static String context(int kid) {
        return "wxacode signing key " + kid;
    }
}
