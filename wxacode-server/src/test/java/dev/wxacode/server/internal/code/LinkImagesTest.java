package dev.wxacode.server.internal.code;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/** Which requests {@link LinkImages} answers itself, and which it leaves to Javalin's route. */
class LinkImagesTest {
    private static final String LINK = "CAAQAAAAAAAAAAAAAOAXNZTGKM3DMNRWGY3TQOJQGEYQ";

    @Test
    void a_bodiless_get_or_head_of_an_image_path_is_answered_in_front_of_javalin() {
        Matcher jpg = LinkImages.plain("GET", "/L/" + LINK + "/code.jpg", false, "");
        assertThat(jpg).isNotNull();
        assertThat(jpg.group(1)).isEqualTo(LINK);
        assertThat(jpg.group(2)).isEqualTo("jpg");
        assertThat(LinkImages.plain("HEAD", "/L/" + LINK + "/code.png", false, "").group(2)).isEqualTo("png");
        assertThat(LinkImages.plain("GET", "/wxacode/L/" + LINK + "/code.png", false, "/wxacode").group(1)).isEqualTo(LINK);
        // Served with and without the prefix, as every route is.
        assertThat(LinkImages.plain("GET", "/L/" + LINK + "/code.png", false, "/wxacode")).isNotNull();
    }

    @Test
    void anything_else_is_left_to_javalin() {
        String path = "/L/" + LINK + "/code.jpg";
        assertThat(LinkImages.plain("POST", path, false, "")).isNull();
        assertThat(LinkImages.plain("OPTIONS", path, false, "")).isNull();
        assertThat(LinkImages.plain("GET", path, true, "")).isNull();
        assertThat(LinkImages.plain("GET", null, false, "")).isNull();
        for (String other : new String[] {"/" + path, path + "/", "/L/" + LINK + "/code.gif", "/L/" + LINK.toLowerCase() + "/code.jpg",
                "/L/" + LINK + "//code.jpg", "/L//code.jpg", "/l/" + LINK + "/code.jpg", "/wxacode" + path,
                "/wxacodeL/" + LINK + "/code.jpg"}) {
            assertThat(LinkImages.plain("GET", other, false, "")).as(other).isNull();
        }
        assertThat(LinkImages.plain("GET", "/other" + path, false, "/wxacode")).isNull();
    }
}
