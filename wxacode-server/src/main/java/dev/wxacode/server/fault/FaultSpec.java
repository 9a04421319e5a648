package dev.wxacode.server.fault;

import dev.wxacode.core.wire.Endpoint;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/** A fault rule as asked for, before it has an id. */
public record FaultSpec(Optional<Endpoint> endpoint, Optional<Pattern> scene, Optional<Pattern> page,
                        FaultRule.Action action, OptionalInt times, Optional<Duration> lasting, OptionalInt percent,
                        Optional<Long> seed, boolean persist) {
}
