package dev.wxacode.core.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wxacode.core.qr.QrEncoder;
import dev.wxacode.core.render.ImageIoRenderer;
import dev.wxacode.core.render.RenderSpec;
import dev.wxacode.core.wire.Errcode;
import dev.wxacode.core.wire.WxException;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class CodeReaderTest {
    final CodeReader reader = new CodeReader(4096L * 4096);

    @Test
    void reads_a_rendered_code() {
        byte[] png = new ImageIoRenderer().render(new QrEncoder().encode("hello"), new RenderSpec(300, 0, true));
        assertThat(reader.read(png)).isEqualTo("hello");
    }

    @Test
    void a_large_picture_is_subsampled_and_its_code_still_read() throws IOException {
        // 3000 x 3000, the code drawn at 1500 px in the middle: decoded at half resolution.
        BufferedImage photo = new BufferedImage(3000, 3000, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = photo.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 3000, 3000);
        byte[] code = new ImageIoRenderer().render(new QrEncoder().encodeFor("hello", 1500), new RenderSpec(1500, 0, false));
        g.drawImage(ImageIO.read(new ByteArrayInputStream(code)), 750, 750, null);
        g.dispose();
        byte[] file = png(photo);
        assertThat(Pictures.decode(file, 4096L * 4096).getWidth()).isEqualTo(1500);
        assertThat(reader.read(file)).isEqualTo("hello");
    }

    @Test
    void a_picture_without_a_code_says_so() throws IOException {
        assertErrcode(png(new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB)), Errcode.NO_CODE_IN_IMAGE);
    }

    @Test
    void bytes_that_are_not_an_image_say_so() {
        assertErrcode(new byte[0], Errcode.UNREADABLE_IMAGE);
        assertErrcode("{\"scene\":\"a\"}".getBytes(), Errcode.UNREADABLE_IMAGE);
        // A PNG signature followed by garbage.
        assertErrcode(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H', 'D', 'R', 1, 2, 3},
                Errcode.UNREADABLE_IMAGE);
    }

    @Test
    void a_small_file_claiming_a_huge_picture_is_refused_before_decoding() {
        assertErrcode(pngHeaderOnly(100_000, 100_000), Errcode.IMAGE_TOO_LARGE);
    }

    @Test
    void formats_other_than_jpeg_and_png_are_refused() throws IOException {
        ByteArrayOutputStream gif = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(10, 10, BufferedImage.TYPE_BYTE_INDEXED), "gif", gif);
        assertErrcode(gif.toByteArray(), Errcode.UNREADABLE_IMAGE);
    }

    private void assertErrcode(byte[] image, Errcode expected) {
        assertThatThrownBy(() -> reader.read(image))
                .isInstanceOfSatisfying(WxException.class, e -> assertThat(e.errcode()).isEqualTo(expected));
    }

    private static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /** A PNG signature and a valid IHDR chunk, nothing else: enough for a reader to learn the size. */
    static byte[] pngHeaderOnly(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(17);
        ihdr.put("IHDR".getBytes()).putInt(width).putInt(height).put((byte) 8).put((byte) 2).put((byte) 0)
                .put((byte) 0).put((byte) 0);
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        ByteBuffer png = ByteBuffer.allocate(8 + 4 + 17 + 4);
        png.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10}).putInt(13).put(ihdr.array()).putInt((int) crc.getValue());
        return png.array();
    }
}
