package dev.wxacode.core.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wxacode.core.code.Appid;
import dev.wxacode.core.code.EnvVersion;
import dev.wxacode.core.code.Scene;
import dev.wxacode.core.qr.QrEncoder;
import dev.wxacode.core.wire.Errcode;
import dev.wxacode.core.wire.WxException;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.Test;

class LinkCodecTest {
    static final SigningKey KEY_1 = new SigningKey(1, filled(32, 1));
    static final SigningKey KEY_2 = new SigningKey(2, filled(32, 2));
    static final LaunchLink LINK = new LaunchLink(new Appid("wx0123456789abcdef"), 3, EnvVersion.TRIAL, new Scene("id=42&from=poster"));

    @Test
    void a_link_round_trips() {
        LinkCodec codec = new LinkCodec(() -> KeyRing.of(KEY_1));
        assertThat(codec.decode(codec.encode(LINK))).isEqualTo(LINK);
        for (EnvVersion env : EnvVersion.values()) {
            LaunchLink home = new LaunchLink(LINK.appid(), LaunchLink.HOME_PAGE, env, new Scene("~"));
            assertThat(codec.decode(codec.encode(home))).isEqualTo(home);
        }
        LaunchLink bigPage = new LaunchLink(LINK.appid(), 59_999, EnvVersion.DEVELOP, new Scene("z".repeat(32)));
        assertThat(codec.decode(codec.encode(bigPage))).isEqualTo(bigPage);
    }

    @Test
    void a_limited_link_round_trips_in_at_most_40_characters() {
        LinkCodec codec = new LinkCodec(() -> KeyRing.of(KEY_1));
        for (int id : new int[] {1, 127, 128, 99_999, Integer.MAX_VALUE}) {
            LimitedLink limited = new LimitedLink(LINK.appid(), id);
            String token = codec.encode(limited);
            assertThat(codec.decode(token)).isEqualTo(limited);
            assertThat(token).matches("[A-Z2-7]+").hasSizeLessThanOrEqualTo(40);
        }
    }

    @Test
    void every_single_bit_flip_of_a_limited_link_is_refused() {
        assertEveryBitFlipRefused(new LimitedLink(LINK.appid(), 300));
    }

    @Test
    void a_jump_link_round_trips_and_is_never_the_limited_code_of_the_same_number() {
        LinkCodec codec = new LinkCodec(() -> KeyRing.of(KEY_1));
        JumpLink jump = new JumpLink(LINK.appid(), 300);
        assertThat(codec.decode(codec.encode(jump))).isEqualTo(jump);
        assertThat(codec.encode(jump)).isNotEqualTo(codec.encode(new LimitedLink(LINK.appid(), 300)));
        assertEveryBitFlipRefused(jump);
    }

    @Test
    void a_schemes_ticket_is_its_token_with_or_without_a_pages_own_parameter() {
        assertThat(LinkUrl.toScheme("ABC")).isEqualTo("weixin://dl/business/?t=ABC");
        assertThat(LinkUrl.tokenOf("weixin://dl/business/?t=ABC")).contains("ABC");
        assertThat(LinkUrl.tokenOf("weixin://dl/business/?t=ABC&cq=x%3D1")).contains("ABC");
        assertThat(LinkUrl.tokenOf("weixin://dl/business/?t=")).isEmpty();
    }

    @Test
    void the_same_link_always_gives_the_same_token() {
        LinkCodec codec = new LinkCodec(() -> KeyRing.of(KEY_1));
        assertThat(codec.encode(LINK)).isEqualTo(codec.encode(LINK)).matches("[A-Z2-7]+");
    }

    @Test
    void every_single_bit_flip_is_refused() {
        assertEveryBitFlipRefused(LINK);
    }

    static void assertEveryBitFlipRefused(SignedLink link) {
        LinkCodec codec = new LinkCodec(() -> KeyRing.of(KEY_1));
        byte[] bytes = new Base32().decode(codec.encode(link));
        for (int i = 0; i < bytes.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] tampered = bytes.clone();
                tampered[i] ^= (byte) (1 << bit);
                String token = new Base32().encodeAsString(tampered).replace("=", "");
                assertThatThrownBy(() -> codec.decode(token))
                        .as("byte %d bit %d", i, bit)
                        .isInstanceOfSatisfying(WxException.class, e -> assertThat(e.errcode())
                                .isIn(Errcode.INVALID_LINK, Errcode.UNKNOWN_SIGNING_KEY));
            }
        }
    }

    @Test
    void a_token_signed_by_an_unknown_key_is_refused_as_such() {
        String token = new LinkCodec(() -> KeyRing.of(KEY_2)).encode(LINK);
        assertThatThrownBy(() -> new LinkCodec(() -> KeyRing.of(KEY_1)).decode(token))
                .isInstanceOfSatisfying(WxException.class, e -> assertThat(e.errcode()).isEqualTo(Errcode.UNKNOWN_SIGNING_KEY));
    }

    @Test
    void a_key_with_the_same_id_but_another_secret_does_not_verify() {
        String token = new LinkCodec(() -> KeyRing.of(KEY_1)).encode(LINK);
        SigningKey impostor = new SigningKey(1, filled(32, 9));
        assertThatThrownBy(() -> new LinkCodec(() -> KeyRing.of(impostor)).decode(token))
                .isInstanceOfSatisfying(WxException.class, e -> assertThat(e.errcode()).isEqualTo(Errcode.INVALID_LINK));
    }

    @Test
    void after_rotation_old_links_still_verify_and_new_ones_use_the_new_key() {
        String old = new LinkCodec(() -> KeyRing.of(KEY_1)).encode(LINK);
        LinkCodec rotated = new LinkCodec(() -> new KeyRing(KEY_2, List.of(KEY_1, KEY_2)));
        assertThat(rotated.decode(old)).isEqualTo(LINK);
        String fresh = rotated.encode(LINK);
        assertThat(fresh).isNotEqualTo(old);
        assertThatThrownBy(() -> new LinkCodec(() -> KeyRing.of(KEY_1)).decode(fresh))
                .isInstanceOfSatisfying(WxException.class, e -> assertThat(e.errcode()).isEqualTo(Errcode.UNKNOWN_SIGNING_KEY));
    }

    @Test
    void malformed_tokens_are_refused_not_crashed_on() {
        LinkCodec codec = new LinkCodec(() -> KeyRing.of(KEY_1));
        String good = codec.encode(LINK);
        for (String bad : new String[] {"", "A", "lowercase", "ABC=", "0189", good.toLowerCase(), good + "A",
                good.substring(0, good.length() - 1), "A".repeat(300), good.substring(0, 20)}) {
            assertThatThrownBy(() -> codec.decode(bad)).as(bad)
                    .isInstanceOfSatisfying(WxException.class, e -> assertThat(e.errcode())
                            .isIn(Errcode.INVALID_LINK, Errcode.UNKNOWN_SIGNING_KEY));
        }
    }

    @Test
    void worst_case_link_fits_version_5_so_it_reads_well_at_280_px() {
        LinkCodec codec = new LinkCodec(() -> KeyRing.of(new SigningKey(127, filled(32, 3))));
        LaunchLink worst = new LaunchLink(LINK.appid(), 59_999, EnvVersion.DEVELOP, new Scene("~".repeat(32)));
        String url = new LinkUrl("https://wxacode.example.com").toUrl(codec.encode(worst));
        assertThat(url).startsWith("HTTPS://WXACODE.EXAMPLE.COM/L/");
        assertThat(new QrEncoder().encode(url).version()).isLessThanOrEqualTo(5);
        // A public URL with a lower-case path costs a little, not a byte-mode code.
        String prefixed = new LinkUrl("https://example.com/wxacode/").toUrl(codec.encode(worst));
        assertThat(prefixed).startsWith("HTTPS://EXAMPLE.COM/wxacode/L/");
        assertThat(new QrEncoder().encode(prefixed).version()).isLessThanOrEqualTo(6);
    }

    @Test
    void link_urls_give_back_their_token_whatever_the_host() {
        assertThat(LinkUrl.tokenOf("HTTP://127.0.0.1:8080/L/ABC")).contains("ABC");
        assertThat(LinkUrl.tokenOf("https://other.example/x/L/ABC")).contains("ABC");
        assertThat(LinkUrl.tokenOf("HTTP://HOST/L/")).isEmpty();
        assertThat(LinkUrl.tokenOf("ftp://host/L/ABC")).isEmpty();
        assertThat(LinkUrl.tokenOf("just text")).isEmpty();
        assertThatThrownBy(() -> new LinkUrl("not a url")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LinkUrl("https://h/?q=1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void short_secrets_are_refused() {
        assertThatThrownBy(() -> new SigningKey(1, new byte[16])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SigningKey(0, new byte[32])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void derived_bytes_are_stable_per_label_and_differ_between_labels() {
        assertThat(KEY_1.tokenBytes("a", 100)).isEqualTo(KEY_1.tokenBytes("a", 100)).hasSize(100);
        assertThat(KEY_1.tokenBytes("a", 100)).isNotEqualTo(KEY_1.tokenBytes("b", 100));
        assertThat(KEY_1.tokenBytes("a", 16)).isNotEqualTo(KEY_1.demoBytes("a", 16));
        assertThat(KEY_1.tokenBytes("a", 100)).isNotEqualTo(KEY_2.tokenBytes("a", 100));
    }

    static byte[] filled(int n, int value) {
        byte[] bytes = new byte[n];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
