package dev.wxacode.core.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.Random;
import org.apache.commons.codec.CodecPolicy;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.Test;

/** {@link Base32Text} against commons-codec, which the link codec used before it. */
class Base32TextTest {
    private static final Base32 LIBRARY = Base32.builder().setDecodingPolicy(CodecPolicy.STRICT).get();
    private final Random random = new Random(17);

    private static String libraryEncode(byte[] bytes) {
        return LIBRARY.encodeAsString(bytes).replace("=", "");
    }

    /** What the link codec accepted before: a strict decoding that encodes back to the same text. */
    private static Optional<byte[]> libraryDecode(String text) {
        if (!text.matches("[A-Z2-7]*")) {
            return Optional.empty();
        }
        try {
            byte[] bytes = LIBRARY.decode(text);
            return libraryEncode(bytes).equals(text) ? Optional.of(bytes) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<byte[]> decode(String text) {
        try {
            return Optional.of(Base32Text.decode(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Test
    void encodes_as_the_library_does_and_reads_it_back() {
        for (int length = 0; length <= 80; length++) {
            for (int round = 0; round < 20; round++) {
                byte[] bytes = new byte[length];
                random.nextBytes(bytes);
                String text = Base32Text.encode(bytes);
                assertThat(text).isEqualTo(libraryEncode(bytes));
                assertThat(Base32Text.decode(text)).isEqualTo(bytes);
            }
        }
        assertThat(Base32Text.encode("foobar".getBytes())).isEqualTo("MZXW6YTBOI"); // RFC 4648 §10, unpadded
    }

    @Test
    void accepts_exactly_what_the_library_accepted_in_one_spelling() {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        String others = "a01=89 \u00e9\u0100-";
        for (int round = 0; round < 20_000; round++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(14);
            for (int i = 0; i < length; i++) {
                text.append(random.nextInt(40) == 0 ? others.charAt(random.nextInt(others.length()))
                        : alphabet.charAt(random.nextInt(alphabet.length())));
            }
            Optional<byte[]> expected = libraryDecode(text.toString());
            Optional<byte[]> actual = decode(text.toString());
            assertThat(actual.isPresent()).as(text.toString()).isEqualTo(expected.isPresent());
            expected.ifPresent(bytes -> assertThat(actual.get()).isEqualTo(bytes));
        }
    }

    @Test
    void refuses_other_spellings_of_the_same_bytes() {
        assertThat(Base32Text.decode("MY")).isEqualTo(new byte[] {'f'});
        // Same first byte, with the unused low bits set: another spelling, refused.
        assertThatThrownBy(() -> Base32Text.decode("MZ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Base32Text.decode("MY======")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Base32Text.decode("my")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Base32Text.decode("MYA")).isInstanceOf(IllegalArgumentException.class);
    }
}
