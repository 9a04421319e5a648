package dev.wxacode.server.fault;

import dev.wxacode.core.wire.Errcode;
import dev.wxacode.core.wire.WxException;
import dev.wxacode.server.token.IpWhitelist;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fault rules, per app, in this node's memory: a test sets them up through the admin API, then
 * calls the WeChat endpoints and gets the failures it asked for, with WeChat's exact wire shapes.
 *
 * <p>Rules are checked in the order they were made; the first that matches a call and fires
 * answers it. A percentage rule that does not fire lets the call go on and uses none of its
 * {@code times}. Rules end after their {@code times} or at their {@code until}, whichever first.
 */
public final class Faults {
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
            return new FaultRule(rule.id(), rule.appid(), rule.endpoint(), rule.errcode(),
                    rule.times().isPresent() ? OptionalInt.of(left) : OptionalInt.empty(), rule.until(), rule.percent(),
                    rule.seed(), rule.createdAt());
        }
    }

    /** A rule as asked for, before it has an id. */
    public record Spec(Optional<Endpoint> endpoint, int errcode, OptionalInt times, Optional<Duration> lasting,
                       OptionalInt percent, Optional<Long> seed) {
    }

    private final Clock clock;
    private final AtomicLong ids = new AtomicLong();
    private final Map<String, List<Live>> rules = new ConcurrentHashMap<>();

    public Faults(Clock clock) {
        this.clock = clock;
    }

    /**
     * @throws WxException {@link Errcode#INVALID_ARGUMENT} for a code the wire spec does not name,
     *                     or a count, percentage or duration out of range
     */
    public FaultRule add(String appid, Spec spec) {
        if (!FaultRule.isWeChatCode(spec.errcode())) {
            throw invalid("errcode " + spec.errcode() + " is not one WeChat answers (see docs/testing.md)");
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
        FaultRule rule = new FaultRule("f" + ids.incrementAndGet(), appid, spec.endpoint(), spec.errcode(), spec.times(),
                spec.lasting().map(now::plus), spec.percent(), spec.seed().orElse(0L), now);
        List<Live> list = rules.computeIfAbsent(appid, a -> new ArrayList<>());
        synchronized (list) {
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
            return list.removeIf(live -> live.rule.id().equals(id));
        }
    }

    public void clear(String appid) {
        rules.remove(appid);
    }

    /**
     * Answers a call with the first rule that fires for it.
     *
     * @param callerIp for the text of 40164, which names the caller's address
     * @throws WxException the rule's errcode, worded as {@code endpoint} words it
     */
    public void check(String appid, Endpoint endpoint, String callerIp) {
        List<Live> list = rules.get(appid);
        if (list == null) {
            return;
        }
        Optional<FaultRule> fired = Optional.empty();
        synchronized (list) {
            dropEnded(list);
            for (Iterator<Live> it = list.iterator(); it.hasNext() && fired.isEmpty(); ) {
                Live live = it.next();
                if (live.rule.endpoint().filter(e -> e != endpoint).isPresent()
                        || live.rule.percent().isPresent() && live.draws.nextInt(100) >= live.rule.percent().getAsInt()) {
                    continue;
                }
                fired = Optional.of(live.rule);
                if (--live.left == 0) {
                    it.remove();
                }
            }
        }
        if (fired.isPresent()) {
            Errcode errcode = fired.get().answerOn(endpoint);
            Object[] args = errcode == Errcode.IP_NOT_IN_WHITELIST ? IpWhitelist.spellings(callerIp) : new Object[0];
            throw new WxException(errcode, "fault rule " + fired.get().id(), args);
        }
    }

    private void dropEnded(List<Live> list) {
        Instant now = clock.instant();
        list.removeIf(live -> live.rule.until().filter(until -> !now.isBefore(until)).isPresent());
    }

    private static WxException invalid(String why) {
        return new WxException(Errcode.INVALID_ARGUMENT, null, why);
    }
}
