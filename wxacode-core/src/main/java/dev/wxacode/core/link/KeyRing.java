package dev.wxacode.core.link;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The keys a server knows: one active key signs new links, every key verifies. Immutable; a
 * rotation makes a new ring.
 */
public final class KeyRing {
    private final SigningKey active;
    private final Map<Integer, SigningKey> byKid;

    /** @throws IllegalArgumentException if {@code active} is not among {@code keys} or ids repeat */
    public KeyRing(SigningKey active, Collection<SigningKey> keys) {
        this.byKid = keys.stream().collect(Collectors.toUnmodifiableMap(SigningKey::kid, Function.identity()));
        if (byKid.get(active.kid()) != active) {
            throw new IllegalArgumentException("active key " + active.kid() + " is not in the ring");
        }
        this.active = active;
    }

    public static KeyRing of(SigningKey only) {
        return new KeyRing(only, List.of(only));
    }

    public SigningKey active() {
        return active;
    }

    /** The key with the lowest id: the one that has been in the ring longest. */
    public SigningKey oldest() {
        return byKid.values().stream().min(Comparator.comparingInt(SigningKey::kid)).orElseThrow();
    }

    public Optional<SigningKey> find(int kid) {
        return Optional.ofNullable(byKid.get(kid));
    }
}
