package dev.wxacode.server.fault;

import dev.wxacode.core.wire.Errcode;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a rule does: calls of {@code endpoint} (every endpoint when empty) by the app answer
 * {@code errcode}, for the next {@code times} matching calls and/or until {@code until}, each
 * matching call with probability {@code percent} drawn from a generator seeded with {@code seed},
 * so that a run can be replayed.
 */
public record FaultRule(String id, String appid, Optional<Endpoint> endpoint, int errcode, OptionalInt times,
                        Optional<Instant> until, OptionalInt percent, long seed, Instant createdAt) {

    /** The WeChat codes a rule may answer with: every one the wire spec names, -1 included. */
    static boolean isWeChatCode(int code) {
        return Arrays.stream(Errcode.values()).anyMatch(e -> e.code() == code && e.kind() != Errcode.Kind.EXTENSION);
    }

    /**
     * The errcode as {@code endpoint} answers it: a code that two endpoints word differently (45009)
     * takes the text of the one called.
     */
    Errcode answerOn(Endpoint called) {
        List<Errcode> variants = Arrays.stream(Errcode.values())
                .filter(e -> e.code() == errcode && e.kind() != Errcode.Kind.EXTENSION).toList();
        if (variants.size() > 1 && called == Endpoint.TOKEN && variants.contains(Errcode.TOKEN_QUOTA_REACHED)) {
            return Errcode.TOKEN_QUOTA_REACHED;
        }
        return variants.stream().filter(e -> e != Errcode.TOKEN_QUOTA_REACHED).findFirst().orElse(variants.get(0));
    }
}
