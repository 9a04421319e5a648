package dev.wxacode.server.internal.code;

import static dev.wxacode.server.TestServer.SHOP;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wxacode.core.link.LinkUrl;
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
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET /L/{token}/code.svg|pdf}: a link's code for print, in the app's style, at the size asked. */
class PrintTest {
    @RegisterExtension
    final ServerExtension server = ServerExtension.fresh();
    final TestServer s = server.get();

    private String link() {
        byte[] code = s.code(server.shopToken(), "{\"scene\":\"id=9\",\"page\":\"pages/detail/detail\"}").body();
        return LinkUrl.tokenOf(TestServer.decode(code)).orElseThrow();
    }

    @Test
    void a_pdf_is_the_size_asked_and_reads_when_printed() throws IOException {
        assertThat(s.admin("PUT", "/admin/apps/" + SHOP + "/style", "{\"modules\":\"dot\",\"frame\":\"round\"}").statusCode())
                .isEqualTo(200);
        HttpResponse<byte[]> pdf = s.get("/L/" + link() + "/code.pdf?width=430&size=30mm");

        assertThat(pdf.statusCode()).as(TestServer.text(pdf)).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).contains("application/pdf");
        assertThat(pdf.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("inline; filename=").endsWith(".pdf\"");
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            float side = document.getPage(0).getMediaBox().getWidth();
            assertThat((double) side).isCloseTo(30 * 72 / 25.4, Offset.offset(0.01));
            byte[] printed = png(new PDFRenderer(document).renderImage(0, 600 / side));
            JsonNode opened = s.resolve(printed);
            assertThat(opened.get("page").asText()).isEqualTo("pages/detail/detail");
            assertThat(opened.get("query").get("scene").asText()).isEqualTo("id%3D9");
        }
    }

    @Test
    void an_svg_is_laid_out_as_the_jpeg_revalidates_and_refuses_a_size_it_does_not_take() {
        String token = link();
        HttpResponse<byte[]> svg = s.get("/L/" + token + "/code.svg?width=300&size=25.5mm");
        assertThat(svg.headers().firstValue("Content-Type")).contains("image/svg+xml");
        assertThat(new String(svg.body(), StandardCharsets.UTF_8))
                .contains("width=\"25.5mm\" height=\"25.5mm\" viewBox=\"0 0 300 300\"").endsWith("</svg>\n");
        String etag = svg.headers().firstValue("ETag").orElseThrow();
        HttpResponse<byte[]> again = s.send(HttpRequest.newBuilder(URI.create(s.url("/L/" + token + "/code.svg?width=300&size=25.5mm")))
                .header("If-None-Match", etag).GET());
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(s.get("/L/" + token + "/code.svg?width=300&size=40mm").headers().firstValue("ETag")).isNotEqualTo(svg.headers().firstValue("ETag"));

        JsonNode refused = TestServer.json(s.get("/L/" + token + "/code.svg?size=3cm"));
        assertThat(refused.get("errcode").asInt()).isEqualTo(990104);
        assertThat(refused.get("errmsg").asText()).contains("size must be millimetres or pixels, as 30mm or 430px");
    }

    @Test
    void the_playground_tells_the_link_its_code_carries() {
        HttpResponse<byte[]> played = s.admin("POST", "/admin/apps/" + SHOP + "/codes", "{\"scene\":\"a=1\"}");
        String link = played.headers().firstValue("X-Wxacode-Link").orElseThrow();
        assertThat(link).isEqualTo(TestServer.decode(played.body()));
        assertThat(s.get("/L/" + LinkUrl.tokenOf(link).orElseThrow() + "/code.pdf").headers().firstValue("Content-Type"))
                .contains("application/pdf");
    }

    private static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
