package dev.wxacode.server.internal.code;

import static dev.wxacode.server.TestServer.SHOP;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wxacode.core.link.LinkUrl;
import dev.wxacode.server.ServerExtension;
import dev.wxacode.server.TestServer;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An app's style: set through the admin API, checked, and drawn into its codes. */
class StyleTest {
    static final String ROUND = "{\"modules\":\"dot\",\"finders\":\"circle\",\"frame\":\"round\",\"frame_color\":\"#1565c0\"}";
    static final int GREEN = 0x07C160;

    @RegisterExtension
    final ServerExtension server = ServerExtension.fresh();
    final TestServer s = server.get();

    @Test
    void a_style_is_stored_and_shown_with_every_key() {
        HttpResponse<byte[]> set = s.admin("PUT", "/admin/apps/" + SHOP + "/style", ROUND);

        assertThat(set.statusCode()).as(TestServer.text(set)).isEqualTo(200);
        String style = "{\"modules\":\"dot\",\"finders\":\"circle\",\"frame\":\"round\",\"logo\":false,\"logo_size\":0.2,"
                + "\"finder_color\":null,\"frame_color\":\"#1565C0\"}";
        assertThat(TestServer.json(set).get("style").toString()).isEqualTo(style);
        assertThat(TestServer.json(s.admin("GET", "/admin/apps/" + SHOP + "/style", null)).get("style").toString())
                .isEqualTo(style);
        assertThat(TestServer.json(s.admin("GET", "/admin/apps/" + SHOP, null)).get("style").toString()).isEqualTo(style);
    }

    @Test
    void getwxacodeunlimit_and_getwxacode_draw_the_style_and_createqrcode_stays_plain() throws IOException {
        String token = server.shopToken();
        String body = "{\"scene\":\"id=42\",\"page\":\"pages/detail/detail\"}";
        HttpResponse<byte[]> plain = s.code(token, body);
        assertThat(s.admin("PUT", "/admin/apps/" + SHOP + "/style", ROUND).statusCode()).isEqualTo(200);

        HttpResponse<byte[]> styled = s.code(token, body);
        assertThat(styled.headers().firstValue("Content-Type")).contains("image/jpeg");
        assertThat(styled.headers().firstValue("ETag")).isNotEqualTo(plain.headers().firstValue("ETag"));
        BufferedImage image = picture(styled.body());
        assertThat(image.getWidth()).isEqualTo(430);
        assertClose(image.getRGB(215, 2), 0x1565C0, "the ring, top middle");
        JsonNode opened = s.resolve(styled.body());
        assertThat(opened.get("page").asText()).isEqualTo("pages/detail/detail");
        assertThat(opened.get("query").get("scene").asText()).isEqualTo("id%3D42");

        String path = "{\"path\":\"pages/detail/detail?id=5\"}";
        BufferedImage wxacode = picture(s.post("/wxa/getwxacode?access_token=" + token, path).body());
        assertClose(wxacode.getRGB(215, 2), 0x1565C0, "wxacode.get's ring");
        byte[] qrcode = s.post("/cgi-bin/wxaapp/createwxaqrcode?access_token=" + token, path).body();
        assertClose(picture(qrcode).getRGB(215, 2), 0xFFFFFF, "createQRCode's quiet zone: no ring");
        assertThat(s.resolve(qrcode).get("query").get("id").asText()).isEqualTo("5");
    }

    @Test
    void a_logo_style_needs_the_apps_logo_and_puts_it_in_the_middle() throws IOException {
        String logoStyle = "{\"modules\":\"dot\",\"logo\":true}";
        HttpResponse<byte[]> withoutLogo = s.admin("PUT", "/admin/apps/" + SHOP + "/style", logoStyle);
        assertThat(withoutLogo.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(withoutLogo).get("errmsg").asText())
                .contains("the app has none: upload one first (PUT /admin/apps/" + SHOP + "/logo)");

        assertThat(s.send(HttpRequest.newBuilder(URI.create(s.url("/admin/apps/" + SHOP + "/logo")))
                .header("Authorization", "Bearer " + TestServer.ADMIN_KEY)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(greenLogo()))).statusCode()).isEqualTo(200);
        HttpResponse<byte[]> set = s.admin("PUT", "/admin/apps/" + SHOP + "/style", logoStyle);
        assertThat(set.statusCode()).as(TestServer.text(set)).isEqualTo(200);

        byte[] code = s.code(server.shopToken(), "{\"scene\":\"a=1\"}").body();
        assertClose(picture(code).getRGB(215, 215), GREEN, "the middle");
        assertThat(s.resolve(code).get("query").get("scene").asText()).isEqualTo("a%3D1");

        // The longest link this server makes (a 32-character scene) is version 5 at level M: a logo
        // of 0.3 would hide more of a block than half of what it corrects.
        assertRefused("{\"logo\":true,\"logo_size\":0.3}", "a logo of 0.30 of the code's side leaves too little error"
                + " correction: it hides");
        assertRefused("{\"logo\":true,\"logo_size\":0.3}", "; at most logo_size 0.2");
    }

    @Test
    void a_style_whose_codes_would_not_read_is_refused_with_why_and_the_old_one_stays() {
        assertThat(s.admin("PUT", "/admin/apps/" + SHOP + "/style", ROUND).statusCode()).isEqualTo(200);

        assertRefused("{\"finders\":\"rounded\",\"finder_color\":\"#FFFFFF\"}",
                "ZXing does not read the code in these colours: darker finder_color or frame_color (on white) reads");
        assertRefused("{\"modules\":\"hexagon\"}", "modules: \\\"hexagon\\\" is not one of square, dot");
        assertRefused("{\"logo_size\":0.5}", "logo_size must be a number from 0.1 to 0.3");
        assertRefused("{\"colour\":\"#000000\"}", "unknown style key 'colour'");
        assertRefused("{\"frame_color\":\"blue\"}", "frame_color: colour must be #RRGGBB, got blue");
        assertThat(TestServer.json(s.admin("GET", "/admin/apps/" + SHOP + "/style", null)).get("style").get("frame").asText())
                .isEqualTo("round");
    }

    @Test
    void a_link_image_is_the_styled_code_byte_for_byte_and_a_cleared_style_draws_plain_again() {
        String token = server.shopToken();
        String body = "{\"scene\":\"id=7\",\"is_hyaline\":true}";
        HttpResponse<byte[]> plain = s.code(token, body);
        assertThat(s.admin("PUT", "/admin/apps/" + SHOP + "/style", ROUND).statusCode()).isEqualTo(200);
        HttpResponse<byte[]> styled = s.code(token, body);
        assertThat(styled.headers().firstValue("Content-Type")).contains("image/png");

        String link = LinkUrl.tokenOf(TestServer.decode(styled.body())).orElseThrow();
        HttpResponse<byte[]> image = s.get("/L/" + link + "/code.png");
        assertThat(image.body()).isEqualTo(styled.body());
        assertThat(image.headers().firstValue("ETag")).isEqualTo(styled.headers().firstValue("ETag"));

        assertThat(TestServer.json(s.admin("DELETE", "/admin/apps/" + SHOP + "/style", null)).get("style").isNull()).isTrue();
        HttpResponse<byte[]> again = s.code(token, body);
        assertThat(again.body()).isEqualTo(plain.body());
        assertThat(again.headers().firstValue("ETag")).isEqualTo(plain.headers().firstValue("ETag"));
    }

    private void assertRefused(String style, String why) {
        HttpResponse<byte[]> refused = s.admin("PUT", "/admin/apps/" + SHOP + "/style", style);
        assertThat(refused.statusCode()).as(style).isEqualTo(400);
        JsonNode json = TestServer.json(refused);
        assertThat(json.get("errcode").asInt()).isEqualTo(990104);
        assertThat(json.toString()).as(style).contains(why);
    }

    private static BufferedImage picture(byte[] image) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(image));
    }

    /** A green square with a white disc: the app's icon. */
    static byte[] greenLogo() throws IOException {
        BufferedImage logo = new BufferedImage(120, 120, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = logo.createGraphics();
        g.setColor(new Color(GREEN));
        g.fillRect(0, 0, 120, 120);
        g.setColor(Color.WHITE);
        g.fillOval(70, 70, 40, 40);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(logo, "png", out);
        return out.toByteArray();
    }

    private static void assertClose(int argb, int rgb, String what) {
        for (int shift = 0; shift <= 16; shift += 8) {
            assertThat(Math.abs((argb >>> shift & 0xFF) - (rgb >>> shift & 0xFF)))
                    .as(what + ": " + Integer.toHexString(argb)).isLessThanOrEqualTo(32);
        }
    }
}
