package dev.wxacode.server.fault;

import dev.wxacode.core.wire.Endpoint;
import dev.wxacode.core.wire.Errcode;
import dev.wxacode.server.config.ConfigLoader;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * A fault rule: calls of {@code endpoint} (every endpoint when empty) by the app, whose scene and
 * page match the patterns where given, get the {@code action}, for the next {@code times} matching
 * calls and/or until {@code until}, each matching call with probability {@code percent} drawn
 * from a generator seeded with {@code seed}, so that a run can be replayed. With {@code persist} it
 * is stored and outlives a restart, {@code times} then counting the calls it has left.
 */
public record FaultRule(String id, String appid, Optional<Endpoint> endpoint, Optional<Pattern> scene,
                        Optional<Pattern> page, Action action, OptionalInt times, Optional<Instant> until,
                        OptionalInt percent, long seed, Instant createdAt, boolean persist) {

    /** What a call that a rule fires for gets. */
    public sealed interface Action {
        /** Answered with a WeChat errcode instead of being served. */
        record Answer(int errcode) implements Action {
        }

        /** Served after a wait drawn between {@code min} and {@code max}. */
        record Delay(Duration min, Duration max) implements Action {
            /** {@code 250ms}, or a range such as {@code 100ms-2s}; empty for anything else. */
            public static Optional<Delay> parse(String text) {
                String[] range = text.split("-", 2);
                Optional<Duration> min = ConfigLoader.parseDuration(range[0]);
                Optional<Duration> max = ConfigLoader.parseDuration(range[range.length - 1]);
                return min.isPresent() && max.isPresent() ? Optional.of(new Delay(min.get(), max.get())) : Optional.empty();
            }

            /** As {@link #parse} reads it, in milliseconds. */
            public String text() {
                return min.equals(max) ? min.toMillis() + "ms" : min.toMillis() + "ms-" + max.toMillis() + "ms";
            }
        }

        /** Its connection closed without an answer. */
        record Drop() implements Action {
        }

        /** Served, its reply's body sent at this many bytes a second. */
        record Slow(int bytesPerSecond) implements Action {
        }
    }

    /** The WeChat codes a rule may answer with: every one the wire spec names, -1 included. */
    public static boolean isWeChatCode(int code) {
        return Arrays.stream(Errcode.values()).anyMatch(e -> e.code() == code && e.kind() != Errcode.Kind.EXTENSION);
    }

    /** The same rule with {@code left} calls to go. */
    public FaultRule withTimes(int left) {
        return new FaultRule(id, appid, endpoint, scene, page, action, OptionalInt.of(left), until, percent, seed, createdAt,
                persist);
    }

    /** Whether the rule looks at what the call carries, so the body must be read to match it. */
    public boolean matchesContent() {
        return scene.isPresent() || page.isPresent();
    }

    /**
     * The errcode as {@code called} answers it: a code that two endpoints word differently (45009)
     * takes the text of the one called.
     */
    public static Errcode answerOn(int errcode, Endpoint called) {
        List<Errcode> variants = Arrays.stream(Errcode.values())
                .filter(e -> e.code() == errcode && e.kind() != Errcode.Kind.EXTENSION).toList();
        if (called == Endpoint.TOKEN && variants.contains(Errcode.TOKEN_QUOTA_REACHED)) {
            return Errcode.TOKEN_QUOTA_REACHED;
        }
        return variants.stream().filter(e -> e != Errcode.TOKEN_QUOTA_REACHED).findFirst().orElse(variants.get(0));
    }
}
