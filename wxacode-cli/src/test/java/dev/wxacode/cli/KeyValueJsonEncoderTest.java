package dev.wxacode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KeyValueJsonEncoderTest {
    static final ObjectMapper JSON = new ObjectMapper();
    final LoggerContext context = new LoggerContext();
    final KeyValueJsonEncoder encoder = new KeyValueJsonEncoder();

    JsonNode line(Level level, String message, Throwable thrown, Object... args) throws Exception {
        Logger logger = context.getLogger("dev.wxacode.server.internal.http.Bodies");
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, level, message, thrown, args);
        String text = new String(encoder.encode(event), StandardCharsets.UTF_8);
        assertThat(text).endsWith("}\n").doesNotContain("\n{");
        return JSON.readTree(text);
    }

    @Test
    void each_pair_of_a_message_is_a_field_of_its_own() throws Exception {
        JsonNode line = line(Level.WARN, "event=slow_body client={} detail=\"{}\" same_client_since_last_line={}", null,
                "127.xx.0.1", "under 1024 bytes a \"second\"", 0);
        assertThat(line.get("level").asText()).isEqualTo("WARN");
        assertThat(line.get("logger").asText()).isEqualTo("Bodies");
        assertThat(line.get("ts").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");
        assertThat(line.get("event").asText()).isEqualTo("slow_body");
        assertThat(line.get("client").asText()).isEqualTo("127.xx.0.1");
        assertThat(line.get("detail").asText()).isEqualTo("under 1024 bytes a \"second\"");
        assertThat(line.get("same_client_since_last_line").asText()).isEqualTo("0");
        assertThat(line.has("message")).isFalse();
    }

    @Test
    void a_quoted_value_ends_at_the_quote_before_the_next_key_whatever_quotes_it_holds() {
        assertThat(KeyValueJsonEncoder.pairs("a=1 detail=\"say \"hi\" to them\" b= c=\"\""))
                .hasValueSatisfying(pairs -> assertThat(pairs).containsExactly(
                        java.util.Map.entry("a", "1"), java.util.Map.entry("detail", "say \"hi\" to them"),
                        java.util.Map.entry("b", ""), java.util.Map.entry("c", "")));
        // Unreadable as pairs (a quote left open): kept whole rather than cut into wrong fields.
        assertThat(KeyValueJsonEncoder.pairs("a=1 detail=\"open")).isEmpty();
    }

    @Test
    void a_message_that_is_not_all_pairs_is_kept_whole_and_a_stack_rides_along() throws Exception {
        JsonNode line = line(Level.ERROR, "Jetty said something = odd", new IllegalStateException("boom"));
        assertThat(line.get("message").asText()).isEqualTo("Jetty said something = odd");
        assertThat(line.has("Jetty")).isFalse();
        assertThat(line.get("stack").asText()).startsWith("java.lang.IllegalStateException: boom");
    }

    @Test
    void the_json_configuration_uses_this_encoder() throws Exception {
        LoggerContext json = new LoggerContext();
        ch.qos.logback.classic.joran.JoranConfigurator configurator = new ch.qos.logback.classic.joran.JoranConfigurator();
        configurator.setContext(json);
        configurator.doConfigure(getClass().getClassLoader().getResource("logback-json.xml"));
        ch.qos.logback.core.ConsoleAppender<?> stderr = (ch.qos.logback.core.ConsoleAppender<?>)
                json.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR");
        assertThat(stderr.getEncoder()).isInstanceOf(KeyValueJsonEncoder.class);
    }

    @Test
    void a_quoted_value_may_span_lines() {
        assertThat(KeyValueJsonEncoder.pairs("event=x detail=\"first\nsecond\""))
                .hasValueSatisfying(pairs -> assertThat(pairs.get("detail")).isEqualTo("first\nsecond"));
    }

    @Test
    void a_pair_named_like_a_fixed_field_does_not_replace_it() throws Exception {
        JsonNode line = line(Level.INFO, "level=fake logger=fake event=x", null);
        assertThat(line.get("level").asText()).isEqualTo("INFO");
        assertThat(line.get("logger").asText()).isEqualTo("Bodies");
        assertThat(line.get("event").asText()).isEqualTo("x");
    }
}
