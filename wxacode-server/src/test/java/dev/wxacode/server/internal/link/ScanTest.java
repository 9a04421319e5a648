package dev.wxacode.server.internal.link;

import static dev.wxacode.server.TestServer.SHOP;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wxacode.core.qr.QrEncoder;
import dev.wxacode.core.render.ImageIoRenderer;
import dev.wxacode.core.render.RenderSpec;
import dev.wxacode.server.ServerExtension;
import dev.wxacode.server.TestServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ScanTest {
    @RegisterExtension
    static final ServerExtension server = ServerExtension.shared("WXACODE_MAX_UPLOAD_BYTES", "200000");
    final TestServer s = server.get();
    final String token = server.shopToken();

    HttpResponse<byte[]> scan(String contentType, byte[] image) {
        return s.post("/wxa/scan", contentType, image);
    }

    @Test
    void a_jpeg_code_uploaded_as_the_body_resolves() {
        byte[] code = s.code(token, "{\"scene\":\"order=7\",\"page\":\"pages/detail/detail\"}").body();
        HttpResponse<byte[]> response = scan("image/jpeg", code);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json; charset=UTF-8");
        JsonNode launch = TestServer.json(response);
        assertThat(launch.get("errcode").asInt()).isZero();
        assertThat(launch.get("appid").asText()).isEqualTo(SHOP);
        assertThat(launch.get("page").asText()).isEqualTo("pages/detail/detail");
        assertThat(launch.get("query").get("scene").asText()).isEqualTo("order%3D7");
        assertThat(launch.get("scene").asInt()).isEqualTo(1047);
    }

    @Test
    void a_transparent_png_uploaded_in_a_multipart_form_resolves() {
        byte[] code = s.code(token, "{\"scene\":\"t=1\",\"is_hyaline\":true}").body();
        String boundary = "----wxacode-test";
        ByteArrayOutputStream form = new ByteArrayOutputStream();
        form.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"code.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        form.writeBytes(code);
        form.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        HttpResponse<byte[]> response = scan("multipart/form-data; boundary=" + boundary, form.toByteArray());
        assertThat(TestServer.json(response).get("decoded_scene").asText()).as(TestServer.text(response)).isEqualTo("t=1");
    }

    @Test
    void a_malformed_multipart_form_is_not_an_image() {
        for (String contentType : new String[] {"multipart/form-data", "multipart/form-data; boundary="}) {
            HttpResponse<byte[]> response = scan(contentType, "--x\r\nnot a form".getBytes(StandardCharsets.US_ASCII));
            assertThat(response.statusCode()).as(contentType).isEqualTo(415);
            assertThat(TestServer.json(response).get("errcode").asInt()).isEqualTo(990004);
        }
    }

    @Test
    void a_picture_without_a_code_gets_422() throws IOException {
        ByteArrayOutputStream blank = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(300, 300, BufferedImage.TYPE_INT_RGB), "png", blank);
        HttpResponse<byte[]> response = scan("image/png", blank.toByteArray());
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(TestServer.json(response).get("errcode").asInt()).isEqualTo(990003);
    }

    @Test
    void something_that_is_not_an_image_gets_415() {
        HttpResponse<byte[]> response = scan("image/png", "hello".getBytes(StandardCharsets.US_ASCII));
        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(TestServer.json(response).get("errcode").asInt()).isEqualTo(990004);
    }

    @Test
    void an_upload_over_the_limit_gets_413() {
        // Refused before a byte is read, while the client still writes: every time, the client must
        // get the answer and not a reset connection (it did not, once in about sixty, before the
        // server read such bodies away).
        for (int i = 0; i < 50; i++) {
            HttpResponse<byte[]> response = scan("image/jpeg", new byte[200_001]);
            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(TestServer.json(response).get("errcode").asInt()).isEqualTo(990005);
        }
    }

    @Test
    void a_qr_code_that_is_not_one_of_ours_gets_400() {
        byte[] foreign = new ImageIoRenderer().render(new QrEncoder().encode("https://example.com/hello"), new RenderSpec(300, 0, true));
        HttpResponse<byte[]> response = scan("image/png", foreign);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(response).get("errcode").asInt()).isEqualTo(990001);
    }

    @Test
    void an_empty_upload_is_not_an_image() {
        HttpResponse<byte[]> response = s.send(HttpRequest.newBuilder(URI.create(s.url("/wxa/scan")))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(response.statusCode()).isEqualTo(415);
    }
}
