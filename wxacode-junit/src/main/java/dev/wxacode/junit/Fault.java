package dev.wxacode.junit;

import dev.wxacode.core.wire.Endpoint;
import dev.wxacode.server.fault.FaultRule;
import dev.wxacode.server.fault.FaultSpec;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * A fault rule as a test asks for it, before the server gives it an id: one action, and which calls
 * it acts on. Start from {@link #errcode}, {@link #delay}, {@link #drop} or {@link #slow}; the
 * {@code with…} methods return changed copies. Without {@link #withTimes} or {@link #withLasting}
 * it acts on every matching call until it is removed (at the latest, when the test ends).
 *
 * <p>The server checks the values when the rule is added ({@link WxacodeExtension#addFault}) and
 * says what is wrong, as its admin API does (docs/testing.md has every field).
 *
 * @param endpoint empty: every WeChat endpoint that takes rules (tokens, stable tokens, codes, schemes and URL links)
 * @param scene    a regular expression the whole {@code scene} of a {@code getwxacodeunlimit} call must match
 * @param page     the same for {@code page} ({@code ""} when the call has none), or for the page of a
 *                 {@code getwxacode} or {@code createwxaqrcode} path, before its query
 * @param times    how many calls the rule acts on, then it ends
 * @param lasting  how long after it is added the rule ends
 * @param percent  the share of matching calls it acts on, 1 to 100, drawn from a generator seeded with {@code seed}
 */
public record Fault(FaultRule.Action action, Optional<Endpoint> endpoint, Optional<Pattern> scene, Optional<Pattern> page,
                    OptionalInt times, Optional<Duration> lasting, OptionalInt percent, long seed) {

    public Fault {
        Objects.requireNonNull(action, "action == null");
        Objects.requireNonNull(endpoint, "endpoint == null");
        Objects.requireNonNull(scene, "scene == null");
        Objects.requireNonNull(page, "page == null");
        Objects.requireNonNull(times, "times == null");
        Objects.requireNonNull(lasting, "lasting == null");
        Objects.requireNonNull(percent, "percent == null");
    }

    /** Calls are answered with this WeChat errcode (-1, 40001, 42001, 45009, …), worded as WeChat words it. */
    public static Fault errcode(int errcode) {
        return of(new FaultRule.Action.Answer(errcode));
    }

    /** Calls wait this long, then are served as usual; at most 60 s. */
    public static Fault delay(Duration delay) {
        return delay(delay, delay);
    }

    /** Calls wait a time drawn between {@code min} and {@code max} (from the rule's seed), then are served. */
    public static Fault delay(Duration min, Duration max) {
        return of(new FaultRule.Action.Delay(min, max));
    }

    /** Calls lose their connection: closed without an answer. */
    public static Fault drop() {
        return of(new FaultRule.Action.Drop());
    }

    /** Calls are served, the reply's body sent at this many bytes a second (a client's read timeout fires). */
    public static Fault slow(int bytesPerSecond) {
        return of(new FaultRule.Action.Slow(bytesPerSecond));
    }

    private static Fault of(FaultRule.Action action) {
        return new Fault(action, Optional.empty(), Optional.empty(), Optional.empty(), OptionalInt.empty(), Optional.empty(),
                OptionalInt.empty(), 0);
    }

    public Fault withEndpoint(Endpoint value) {
        return new Fault(action, Optional.of(value), scene, page, times, lasting, percent, seed);
    }

    /** @throws java.util.regex.PatternSyntaxException for a pattern that does not compile */
    public Fault withScene(String regex) {
        return new Fault(action, endpoint, Optional.of(Pattern.compile(regex)), page, times, lasting, percent, seed);
    }

    /** @throws java.util.regex.PatternSyntaxException for a pattern that does not compile */
    public Fault withPage(String regex) {
        return new Fault(action, endpoint, scene, Optional.of(Pattern.compile(regex)), times, lasting, percent, seed);
    }

    public Fault withTimes(int value) {
        return new Fault(action, endpoint, scene, page, OptionalInt.of(value), lasting, percent, seed);
    }

    public Fault withLasting(Duration value) {
        return new Fault(action, endpoint, scene, page, times, Optional.of(value), percent, seed);
    }

    /** Only {@code value} % of matching calls, picked by a generator seeded with {@code seed}: a run can be replayed. */
    public Fault withPercent(int value, long seed) {
        return new Fault(action, endpoint, scene, page, times, lasting, OptionalInt.of(value), seed);
    }

    /** What the server's rules are made from; never kept over a restart, since the extension's storage is not. */
    FaultSpec spec() {
        return new FaultSpec(endpoint, scene, page, action, times, lasting, percent, Optional.of(seed), false);
    }
}
