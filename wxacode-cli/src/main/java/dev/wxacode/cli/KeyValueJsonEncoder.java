package dev.wxacode.cli;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One JSON object per log line ({@code WXACODE_LOG_FORMAT=json}) whose fields are the line's own:
 * wxacode writes every message as {@code key=value} pairs ({@code event=slow_body client=… detail="…"}),
 * and a log shipper should index {@code event} and {@code client}, not search one text for them. A
 * message that is not all pairs (a library's) is kept whole as {@code message}.
 */
public final class KeyValueJsonEncoder extends EncoderBase<ILoggingEvent> {
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * key=value, or key="value": wxacode quotes a value that may hold spaces and does not escape
     * quotes inside it, so a quoted value ends at the quote that is followed by the next key or the end.
     */
    private static final Pattern PAIR = Pattern.compile(
            "([A-Za-z_][A-Za-z0-9_.]*)=(?:\"(.*?)\"(?=\\s+[A-Za-z_][A-Za-z0-9_.]*=|\\s*$)|([^\\s\"]*))\\s*", Pattern.DOTALL);
    private static final byte[] NONE = new byte[0];

    @Override
    public byte[] headerBytes() {
        return NONE;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        ObjectNode line = JSON.createObjectNode();
        line.put("ts", Instant.ofEpochMilli(event.getTimeStamp()).toString());
        line.put("level", event.getLevel().toString());
        String logger = event.getLoggerName();
        line.put("logger", logger.substring(logger.lastIndexOf('.') + 1));
        String message = event.getFormattedMessage();
        pairs(message).ifPresentOrElse(pairs -> pairs.forEach((key, value) -> {
            // The line's own fields never overwrite the three above.
            if (!line.has(key)) {
                line.put(key, value);
            }
        }), () -> line.put("message", message));
        if (event.getThrowableProxy() != null) {
            line.put("stack", ThrowableProxyUtil.asString(event.getThrowableProxy()));
        }
        try {
            return (JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The message's pairs in order, if it is nothing but pairs. */
    static Optional<Map<String, String>> pairs(String message) {
        Map<String, String> pairs = new LinkedHashMap<>();
        Matcher m = PAIR.matcher(message);
        int at = 0;
        while (at < message.length() && m.find(at) && m.start() == at) {
            pairs.put(m.group(1), m.group(2) != null ? m.group(2) : m.group(3));
            at = m.end();
        }
        return at == message.length() && !pairs.isEmpty() ? Optional.of(pairs) : Optional.empty();
    }

    @Override
    public byte[] footerBytes() {
        return NONE;
    }
}
