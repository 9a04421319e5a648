package dev.wxacode.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class LoadOptionsTest {
    private static final Map<String, String> CREDENTIALS = Map.of("WXACODE_APPID", "wx1", "WXACODE_SECRET", "s1");

    @Test
    void defaults_come_from_the_environment() {
        LoadOptions options = LoadOptions.parse(new String[0], CREDENTIALS);

        assertThat(options).isEqualTo(new LoadOptions(URI.create("http://127.0.0.1:8080"), "wx1", "s1", 16,
                Duration.ofSeconds(30), Duration.ofSeconds(10), 430, false, "", 0, LoadOptions.Ask.CODE, OptionalLong.empty(),
                false, false));
        assertThat(options.port()).isEqualTo(8080);
    }

    @Test
    void options_take_values_separately_or_after_an_equals_sign() {
        LoadOptions options = LoadOptions.parse(new String[] {"--url=http://127.0.0.1:9000/", "--appid", "wx2",
                "--secret=s2", "--connections", "4", "--duration=2m", "--warmup", "500ms", "--width", "1280",
                "--hyaline", "--page", "pages/a/a", "--scenes", "1", "--server-pid", "1234", "--json"}, Map.of());

        assertThat(options).isEqualTo(new LoadOptions(URI.create("http://127.0.0.1:9000"), "wx2", "s2", 4,
                Duration.ofMinutes(2), Duration.ofMillis(500), 1280, true, "pages/a/a", 1, LoadOptions.Ask.CODE,
                OptionalLong.of(1234), true, false));
        assertThat(options.format()).isEqualTo("PNG");
    }

    @Test
    void link_images_are_asked_for_by_get_or_revalidated_and_need_the_codes_scenes() {
        assertThat(LoadOptions.parse(new String[] {"--get", "--scenes", "4"}, CREDENTIALS).ask())
                .isEqualTo(LoadOptions.Ask.LINK_IMAGE);
        assertThat(LoadOptions.parse(new String[] {"--revalidate", "--scenes=1"}, CREDENTIALS).ask())
                .isEqualTo(LoadOptions.Ask.REVALIDATE);
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--revalidate"}, CREDENTIALS))
                .hasMessage("--get and --revalidate need --scenes N: the links of N codes made first");
    }

    @Test
    void a_bare_time_is_seconds() {
        assertThat(LoadOptions.time("--duration", "10")).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void help_needs_no_credentials() {
        assertThat(LoadOptions.parse(new String[] {"--help"}, Map.of()).help()).isTrue();
    }

    @Test
    void missing_credentials_are_named() {
        assertThatThrownBy(() -> LoadOptions.parse(new String[0], Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--appid");
    }

    @Test
    void bad_values_name_their_option() {
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--connections", "many"}, CREDENTIALS))
                .hasMessage("--connections takes a whole number, not many");
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--duration", "1h"}, CREDENTIALS))
                .hasMessage("--duration takes a time like 30s, 500ms or 2m, not 1h");
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--connections", "0"}, CREDENTIALS))
                .hasMessage("--connections must be at least 1");
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--url", "https://example.com"}, CREDENTIALS))
                .hasMessage("--url must be http://host[:port]: https://example.com");
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--width"}, CREDENTIALS))
                .hasMessage("--width needs a value");
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--scenes", "-1"}, CREDENTIALS))
                .hasMessage("--scenes must be 0 (a new scene every time) or more");
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--fast"}, CREDENTIALS))
                .hasMessage("unknown option --fast (see --help)");
    }
}
