package dev.wxacode.server.internal.fault;

import dev.wxacode.core.wire.Endpoint;
import dev.wxacode.core.wire.Errcode;
import dev.wxacode.core.wire.WxException;
import dev.wxacode.server.fault.FaultRule;
import dev.wxacode.server.fault.FaultSpec;
import dev.wxacode.server.internal.http.IpWhitelist;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fault rules, per app, in this node's memory (and in the store for those kept over a restart): a
 * test sets them up through the admin API, then calls the WeChat endpoints and gets the failures
 * it asked for, with WeChat's exact wire shapes.
 *
 * <p>Rules are checked in the order they were made; the first that matches a call and fires acts
 * on it. A percentage rule that does not fire lets the call go on and uses none of its
 * {@code times}. Rules end after their {@code times} or at their {@code until}, whichever first.
 */
public final class Faults {
    /** How a delay waits: the real thread sleeps; tests move their clock instead. */
    @FunctionalInterface
    public interface Sleeper {
        Sleeper REAL = duration -> {
            try {
                Thread.sleep(duration);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };

        void sleep(Duration duration);
    }

    /** Thrown for a rule that drops the connection: the server closes it without an answer. */
    public static final class Dropped extends RuntimeException {
        Dropped(String ruleId) {
            super("fault rule " + ruleId + " drops the connection", null, false, false);
        }
    }

    /** What a call carries that a rule may match on; empty where the endpoint has no such thing. */
    public record Call(Endpoint endpoint, String callerIp, Optional<String> scene, Optional<String> page) {
    }

    /** A rule with what changes as it is used: the hits left and its random draws. */
    private static final class Live {
        final FaultRule rule;
        final Random draws;
        int left;

        Live(FaultRule rule) {
            this.rule = rule;
            this.draws = new Random(rule.seed());
            this.left = rule.times().orElse(Integer.MAX_VALUE);
        }

        FaultRule now() {
            return rule.times().isPresent() ? rule.withTimes(left) : rule;
        }

        boolean matches(Call call) {
            return rule.endpoint().map(e -> e == call.endpoint()).orElse(true)
                    && rule.scene().map(p -> call.scene().filter(s -> p.matcher(s).matches()).isPresent()).orElse(true)
                    && rule.page().map(p -> call.page().filter(s -> p.matcher(s).matches()).isPresent()).orElse(true);
        }
    }

    /**
     * A delay holds a request thread, and the token endpoints act on rules before any credential
     * is checked: a bound keeps a rule from holding threads for long.
     */
    static final Duration LONGEST_DELAY = Duration.ofSeconds(60);
    static final Set<Endpoint> TARGETS = EnumSet.of(Endpoint.TOKEN, Endpoint.STABLE_TOKEN, Endpoint.GET_UNLIMITED,
            Endpoint.GET_CODE, Endpoint.CREATE_QRCODE, Endpoint.GENERATE_SCHEME, Endpoint.QUERY_SCHEME,
            Endpoint.GENERATE_URLLINK, Endpoint.QUERY_URLLINK, Endpoint.GENERATE_SHORTLINK);

    private final Clock clock;
    private final Sleeper sleeper;
    private final FaultStore store;
    private final SecureRandom random;
    private final Map<String, List<Live>> rules = new ConcurrentHashMap<>();

    /** Starts with the rules kept over the last restart. */
    public Faults(Clock clock, Sleeper sleeper, FaultStore store, SecureRandom random) {
        this.clock = clock;
        this.sleeper = sleeper;
        this.store = store;
        this.random = random;
        for (FaultRule kept : store.load()) {
            rules.computeIfAbsent(kept.appid(), a -> new ArrayList<>()).add(new Live(kept));
        }
    }

    /**
     * @throws WxException {@link Errcode#INVALID_ARGUMENT} for a code the wire spec does not name,
     *                     or a count, percentage or duration out of range
     */
    public FaultRule add(String appid, FaultSpec spec) {
        spec.endpoint().ifPresent(Faults::requireTarget);
        if (spec.action() instanceof FaultRule.Action.Answer answer && !FaultRule.isWeChatCode(answer.errcode())) {
            throw invalid("errcode " + answer.errcode() + " is not one WeChat answers (see docs/testing.md)");
        }
        if (spec.action() instanceof FaultRule.Action.Delay delay
                && (delay.min().isNegative() || delay.max().compareTo(delay.min()) < 0 || delay.max().compareTo(LONGEST_DELAY) > 0)) {
            throw invalid("delay is a duration up to " + LONGEST_DELAY.toSeconds() + "s, or a range from the shorter to the longer,"
                    + " such as 100ms-2s");
        }
        if (spec.action() instanceof FaultRule.Action.Slow slow && slow.bytesPerSecond() < 1) {
            throw invalid("slow is the bytes a second the body is sent at, at least 1");
        }
        if (spec.times().isPresent() && spec.times().getAsInt() < 1) {
            throw invalid("times must be at least 1");
        }
        if (spec.percent().isPresent() && (spec.percent().getAsInt() < 1 || spec.percent().getAsInt() > 100)) {
            throw invalid("percent must be from 1 to 100");
        }
        if (spec.lasting().isPresent() && (spec.lasting().get().isNegative() || spec.lasting().get().isZero())) {
            throw invalid("for must be longer than zero");
        }
        Instant now = clock.instant();
        FaultRule rule = new FaultRule(newId(), appid, spec.endpoint(), spec.scene(), spec.page(), spec.action(), spec.times(),
                spec.lasting().map(now::plus), spec.percent(), spec.seed().orElse(0L), now, spec.persist());
        List<Live> list = rules.computeIfAbsent(appid, a -> new ArrayList<>());
        synchronized (list) {
            if (rule.persist()) {
                store.save(rule);
            }
            list.add(new Live(rule));
        }
        return rule;
    }

    /** The app's rules still in force, oldest first. */
    public List<FaultRule> list(String appid) {
        List<Live> list = rules.get(appid);
        if (list == null) {
            return List.of();
        }
        synchronized (list) {
            dropEnded(list);
            return list.stream().map(Live::now).toList();
        }
    }

    /** @return false if there was no such rule */
    public boolean remove(String appid, String id) {
        List<Live> list = rules.get(appid);
        if (list == null) {
            return false;
        }
        synchronized (list) {
            for (Iterator<Live> it = list.iterator(); it.hasNext(); ) {
                Live live = it.next();
                if (live.rule.id().equals(id)) {
                    it.remove();
                    forget(live);
                    return true;
                }
            }
            return false;
        }
    }

    public void clear(String appid) {
        List<Live> list = rules.get(appid);
        if (list != null) {
            // Emptied, not removed: an add that already holds this list must not append to a lost copy.
            synchronized (list) {
                store.deleteAll(appid);
                list.clear();
            }
        }
    }

    /** Whether a rule of the app matches on scene or page: the endpoint then reads the body first. */
    public boolean matchesContent(String appid) {
        List<Live> list = rules.get(appid);
        if (list == null) {
            return false;
        }
        synchronized (list) {
            return list.stream().anyMatch(live -> live.rule.matchesContent());
        }
    }

    /**
     * Acts on a call with the first rule that fires for it: returns after a delay, or at once.
     *
     * @return the pace, in bytes a second, at which the reply's body must be sent, for a rule
     *         that slows it ({@link Pacing}); empty otherwise
     * @throws WxException the rule's errcode, worded as the endpoint called words it
     * @throws Dropped     for a rule that drops the connection
     */
    public OptionalInt check(String appid, Call call) {
        List<Live> list = rules.get(appid);
        if (list == null) {
            return OptionalInt.empty();
        }
        FaultRule fired = null;
        Duration delay = Duration.ZERO;
        synchronized (list) {
            dropEnded(list);
            for (Iterator<Live> it = list.iterator(); it.hasNext() && fired == null; ) {
                Live live = it.next();
                if (!live.matches(call)
                        || live.rule.percent().isPresent() && live.draws.nextInt(100) >= live.rule.percent().getAsInt()) {
                    continue;
                }
                fired = live.rule;
                if (fired.action() instanceof FaultRule.Action.Delay d) {
                    long spread = d.max().toMillis() - d.min().toMillis();
                    delay = d.min().plusMillis(spread == 0 ? 0 : live.draws.nextLong(spread + 1));
                }
                if (--live.left == 0) {
                    it.remove();
                    forget(live);
                } else if (live.rule.persist() && live.rule.times().isPresent()) {
                    store.save(live.now());
                }
            }
        }
        if (fired == null) {
            return OptionalInt.empty();
        }
        switch (fired.action()) {
            case FaultRule.Action.Answer answer -> {
                Errcode errcode = FaultRule.answerOn(answer.errcode(), call.endpoint());
                Object[] args = errcode == Errcode.IP_NOT_IN_WHITELIST ? IpWhitelist.spellings(call.callerIp()) : new Object[0];
                throw WxException.injected(errcode, "injected by fault rule " + fired.id(), args);
            }
            case FaultRule.Action.Delay ignored -> sleeper.sleep(delay);
            case FaultRule.Action.Drop ignored -> throw new Dropped(fired.id());
            case FaultRule.Action.Slow slow -> {
                return OptionalInt.of(slow.bytesPerSecond());
            }
        }
        return OptionalInt.empty();
    }

    /** How delays and slow bodies wait. */
    public Sleeper sleeper() {
        return sleeper;
    }

    private void dropEnded(List<Live> list) {
        Instant now = clock.instant();
        for (Iterator<Live> it = list.iterator(); it.hasNext(); ) {
            Live live = it.next();
            if (live.rule.until().filter(until -> !now.isBefore(until)).isPresent()) {
                it.remove();
                forget(live);
            }
        }
    }

    private void forget(Live ended) {
        if (ended.rule.persist()) {
            store.delete(ended.rule.appid(), ended.rule.id());
        }
    }

    /** Random rather than counted, so that nodes keeping rules in one database never pick the same id. */
    private String newId() {
        byte[] bytes = new byte[4];
        random.nextBytes(bytes);
        return "f" + HexFormat.of().formatHex(bytes);
    }

    /**
     * The endpoint a rule may name: the two token endpoints and the code endpoint, where calls
     * meet the rules.
     *
     * @throws WxException 990104 for any other path
     */
    static Endpoint target(String path) {
        return requireTarget(Endpoint.ofPath(path).orElse(null));
    }

    private static Endpoint requireTarget(Endpoint endpoint) {
        if (!TARGETS.contains(endpoint)) {
            throw invalid("endpoint must be one of " + TARGETS.stream().map(Endpoint::path).toList());
        }
        return endpoint;
    }

    private static WxException invalid(String why) {
        return new WxException(Errcode.INVALID_ARGUMENT, null, why);
    }
}
