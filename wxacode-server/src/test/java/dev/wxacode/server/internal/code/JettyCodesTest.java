package dev.wxacode.server.internal.code;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/** Which paths {@link JettyCodes} answers itself, and which it leaves to Javalin's routes. */
class JettyCodesTest {
    private static final String LINK = "CAAQAAAAAAAAAAAAAOAXNZTGKM3DMNRWGY3TQOJQGEYQ";

    @Test
    void a_get_or_head_of_an_image_path_is_answered_in_front_of_javalin() {
        Matcher jpg = JettyCodes.link("GET", "/L/" + LINK + "/code.jpg", "");
        assertThat(jpg).isNotNull();
        assertThat(jpg.group(1)).isEqualTo(LINK);
        assertThat(jpg.group(2)).isEqualTo("jpg");
        assertThat(JettyCodes.link("HEAD", "/L/" + LINK + "/code.png", "").group(2)).isEqualTo("png");
        assertThat(JettyCodes.link("GET", "/wxacode/L/" + LINK + "/code.png", "/wxacode").group(1)).isEqualTo(LINK);
        // Served with and without the prefix, as every route is.
        assertThat(JettyCodes.link("GET", "/L/" + LINK + "/code.png", "/wxacode")).isNotNull();
    }

    @Test
    void any_other_image_request_is_left_to_javalin() {
        String path = "/L/" + LINK + "/code.jpg";
        assertThat(JettyCodes.link("POST", path, "")).isNull();
        assertThat(JettyCodes.link("OPTIONS", path, "")).isNull();
        assertThat(JettyCodes.link("GET", null, "")).isNull();
        for (String other : new String[] {"/" + path, path + "/", "/L/" + LINK + "/code.gif", "/L/" + LINK.toLowerCase() + "/code.jpg",
                "/L/" + LINK + "//code.jpg", "/L//code.jpg", "/l/" + LINK + "/code.jpg", "/wxacode" + path,
                "/wxacodeL/" + LINK + "/code.jpg"}) {
            assertThat(JettyCodes.link("GET", other, "")).as(other).isNull();
        }
        assertThat(JettyCodes.link("GET", "/other" + path, "/wxacode")).isNull();
    }

    @Test
    void only_a_post_of_exactly_the_code_path_is_answered_in_front_of_javalin() {
        assertThat(JettyCodes.unlimited("POST", "/wxa/getwxacodeunlimit", "")).isTrue();
        assertThat(JettyCodes.unlimited("POST", "/wxacode/wxa/getwxacodeunlimit", "/wxacode")).isTrue();
        assertThat(JettyCodes.unlimited("POST", "/wxa/getwxacodeunlimit", "/wxacode")).isTrue();
        // Other methods get WeChat's 43002 from Javalin's route.
        assertThat(JettyCodes.unlimited("GET", "/wxa/getwxacodeunlimit", "")).isFalse();
        assertThat(JettyCodes.unlimited("PUT", "/wxa/getwxacodeunlimit", "")).isFalse();
        assertThat(JettyCodes.unlimited("POST", null, "")).isFalse();
        for (String other : new String[] {"//wxa/getwxacodeunlimit", "/wxa/getwxacodeunlimit/", "/wxa//getwxacodeunlimit",
                "/wxa/getwxacode", "/WXA/getwxacodeunlimit", "/wxacode/wxa/getwxacodeunlimit"}) {
            assertThat(JettyCodes.unlimited("POST", other, "")).as(other).isFalse();
        }
    }
}
