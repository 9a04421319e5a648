package dev.wxacode.server.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RequestIdTest {
    private static RequestId at(long epochSecond) {
        return new RequestId(Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC), new SecureRandom());
    }

    @Test
    void an_id_is_the_receive_second_and_two_random_groups_in_lowercase_hex() {
        String id = at(0x663b1af7L).next();
        assertThat(id).matches("663b1af7-[0-9a-f]{8}-[0-9a-f]{8}");
        assertThat(at(0x663b1af7L).next()).isNotEqualTo(id);
    }

    @Test
    void the_second_keeps_eight_digits_at_both_ends_of_its_range() {
        assertThat(at(5).next()).startsWith("00000005-");
        // Past 2038 the seconds no longer fit a signed int; the digits still read as the time.
        assertThat(at(0xF0000000L).next()).startsWith("f0000000-");
    }
}
