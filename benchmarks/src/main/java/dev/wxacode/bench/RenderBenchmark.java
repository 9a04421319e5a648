package dev.wxacode.bench;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageConfig;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.Encoder;
import com.google.zxing.qrcode.encoder.QRCode;
import dev.wxacode.core.qr.Layout;
import dev.wxacode.core.qr.QrEncoder;
import dev.wxacode.core.qr.QrMatrix;
import dev.wxacode.core.render.FastRenderer;
import dev.wxacode.core.render.ImageIoRenderer;
import dev.wxacode.core.render.RenderSpec;
import dev.wxacode.core.style.CodeStyle;
import dev.wxacode.core.style.FinderShape;
import dev.wxacode.core.style.Logo;
import dev.wxacode.core.style.ModuleShape;
import dev.wxacode.core.style.StyledCodes;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * From a link to the image bytes, every way the project knows, in one run so that the report reads
 * as ratios (the shared machines' absolute speed varies by half from hour to hour, see
 * docs/benchmarks.md). Each invocation takes the next of 1024 distinct links, so nothing a renderer
 * or ZXing might remember about the last symbol helps.
 *
 * <p>{@code colour} matters because ZXing's {@link MatrixToImageWriter} draws black on white into a
 * one-bit image, and any other colour into a 32-bit one.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class RenderBenchmark {
    private static final int LINKS = 1024;
    /** Base32 (RFC 4648) upper case: the alphabet of the launch links' tokens. */
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final int WHITE = 0xFFFFFF;

    @Param({"430", "1280"})
    public int width;

    /** Module colour, {@code RRGGBB}: black, or the line colour WeChat's own examples use. */
    @Param({"000000", "1AAD19"})
    public String colour;

    private final QrEncoder encoder = new QrEncoder();
    private final FastRenderer fast = new FastRenderer();
    private final ImageIoRenderer imageIo = new ImageIoRenderer();
    private final StyledCodes styled = new StyledCodes();
    private CodeStyle style;
    private final QRCodeWriter zxingWriter = new QRCodeWriter();
    private final Map<EncodeHintType, Object> zxingHints =
            Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, Layout.QUIET_ZONE);

    private String[] links;
    private int next;
    private int rgb;
    private RenderSpec opaque;
    private RenderSpec transparent;
    private MatrixToImageConfig naiveOpaque;
    private MatrixToImageConfig naiveTransparent;

    @Setup
    public void setUp() {
        links = links(LINKS, new Random(6));
        rgb = Integer.parseInt(colour, 16);
        opaque = new RenderSpec(width, rgb, false);
        transparent = new RenderSpec(width, rgb, true);
        naiveOpaque = new MatrixToImageConfig(0xFF000000 | rgb, 0xFF000000 | WHITE);
        naiveTransparent = new MatrixToImageConfig(0xFF000000 | rgb, WHITE);
        style = CodeStyle.PLAIN.withModules(ModuleShape.DOT).withFinders(FinderShape.ROUNDED).withLogo(Logo.of(logo()), 0.2);
    }

    /** A green square with a white disc, as an app's logo. */
    private static byte[] logo() {
        BufferedImage logo = new BufferedImage(120, 120, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = logo.createGraphics();
        g.setColor(new Color(0x07C160));
        g.fillRect(0, 0, 120, 120);
        g.setColor(Color.WHITE);
        g.fillOval(30, 30, 60, 60);
        g.dispose();
        return ImageIoRenderer.encodePng(logo);
    }

    /** Distinct launch-link-shaped texts: {@code HTTP://127.0.0.1:8080/L/} and 40 base32 characters. */
    static String[] links(int count, Random random) {
        Set<String> links = new LinkedHashSet<>();
        StringBuilder link = new StringBuilder();
        while (links.size() < count) {
            link.setLength(0);
            link.append("HTTP://127.0.0.1:8080/L/");
            for (int i = 0; i < 40; i++) {
                link.append(BASE32.charAt(random.nextInt(BASE32.length())));
            }
            links.add(link.toString());
        }
        return links.toArray(String[]::new);
    }

    private String nextLink() {
        String link = links[next];
        next = (next + 1) % links.length;
        return link;
    }

    /** What most Java projects do: ZXing's writer and MatrixToImageWriter, ImageIO's default JPEG quality. */
    @Benchmark
    public byte[] naiveJpeg() throws WriterException, IOException {
        return naive("jpg", naiveOpaque);
    }

    @Benchmark
    public byte[] naivePng() throws WriterException, IOException {
        return naive("png", naiveTransparent);
    }

    private byte[] naive(String format, MatrixToImageConfig config) throws WriterException, IOException {
        BitMatrix matrix = zxingWriter.encode(nextLink(), BarcodeFormat.QR_CODE, width, width, zxingHints);
        ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
        MatrixToImageWriter.writeToStream(matrix, format, out, config);
        return out.toByteArray();
    }

    @Benchmark
    public byte[] fastJpeg() {
        return fast.render(encoder.encodeFor(nextLink(), width), opaque);
    }

    /**
     * A styled code (dots, rounded finders, a logo of 0.2): planned, drawn with Java2D, read back
     * in black and encoded with ImageIO, as the server draws an app's style (docs/styles.md).
     */
    @Benchmark
    public byte[] styledJpeg() {
        return styled.render(nextLink(), opaque, style);
    }

    @Benchmark
    public byte[] fastPng() {
        return fast.render(encoder.encodeFor(nextLink(), width), transparent);
    }

    @Benchmark
    public byte[] imageIoJpeg() {
        return imageIo.render(encoder.encodeFor(nextLink(), width), opaque);
    }

    @Benchmark
    public byte[] imageIoPng() {
        return imageIo.render(encoder.encodeFor(nextLink(), width), transparent);
    }

    /**
     * The best a plain library path does: modules written straight into the raster's bytes, one
     * component per pixel, then ImageIO's JPEG writer at the server's quality. A coloured ink does not
     * fit a gray image, so for {@code colour} other than black the raster is 3-byte BGR, still
     * written directly; that row is then the fair reference for the coloured fast path.
     */
    @Benchmark
    public byte[] imageIoGrayJpeg() {
        QrMatrix modules = encoder.encodeFor(nextLink(), width);
        return ImageIoRenderer.encodeJpeg(rgb == 0 ? grayImage(modules) : bgrImage(modules));
    }

    private BufferedImage grayImage(QrMatrix modules) {
        BufferedImage image = new BufferedImage(width, width, BufferedImage.TYPE_BYTE_GRAY);
        byte[] pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        Arrays.fill(pixels, (byte) 0xFF);
        Layout layout = Layout.of(modules.size(), width);
        for (int my = 0; my < layout.modules(); my++) {
            int top = layout.offset() + my * layout.scale();
            for (int mx = 0; mx < layout.modules(); mx++) {
                if (modules.isDark(mx, my)) {
                    int left = top * width + layout.offset() + mx * layout.scale();
                    Arrays.fill(pixels, left, left + layout.scale(), (byte) 0);
                }
            }
            // Every pixel row of a module row is the same: draw the first, copy it down.
            for (int dy = 1; dy < layout.scale(); dy++) {
                System.arraycopy(pixels, top * width, pixels, (top + dy) * width, width);
            }
        }
        return image;
    }

    private BufferedImage bgrImage(QrMatrix modules) {
        BufferedImage image = new BufferedImage(width, width, BufferedImage.TYPE_3BYTE_BGR);
        byte[] pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        Arrays.fill(pixels, (byte) 0xFF);
        Layout layout = Layout.of(modules.size(), width);
        int stride = 3 * width;
        byte blue = (byte) rgb;
        byte green = (byte) (rgb >> 8);
        byte red = (byte) (rgb >> 16);
        for (int my = 0; my < layout.modules(); my++) {
            int top = layout.offset() + my * layout.scale();
            for (int mx = 0; mx < layout.modules(); mx++) {
                if (modules.isDark(mx, my)) {
                    int left = top * stride + 3 * (layout.offset() + mx * layout.scale());
                    for (int i = left; i < left + 3 * layout.scale(); i += 3) {
                        pixels[i] = blue;
                        pixels[i + 1] = green;
                        pixels[i + 2] = red;
                    }
                }
            }
            for (int dy = 1; dy < layout.scale(); dy++) {
                System.arraycopy(pixels, top * stride, pixels, (top + dy) * stride, stride);
            }
        }
        return image;
    }

    /** The symbol and its read-back check, no pixels: what every render path above pays first. */
    @Benchmark
    public QrMatrix encodeOnly() {
        return encoder.encodeFor(nextLink(), width);
    }

    /** The symbol without the read-back check: Nayuki's encoder and the bit-row mask choice. */
    @Benchmark
    public QrMatrix symbolOnly() {
        return encoder.encode(nextLink());
    }

    /**
     * The fast path without the read-back check: what the render path itself costs next to the
     * naive one, which checks nothing either. The server always checks.
     */
    @Benchmark
    public byte[] fastJpegUnchecked() {
        return fast.render(encoder.encode(nextLink()), opaque);
    }

    @Benchmark
    public byte[] fastPngUnchecked() {
        return fast.render(encoder.encode(nextLink()), transparent);
    }

    /** ZXing's symbol alone, for comparison with {@link #symbolOnly} (no {@link QrMatrix} copy). */
    @Benchmark
    public QRCode zxingMatrixOnly() throws WriterException {
        return Encoder.encode(nextLink(), ErrorCorrectionLevel.M);
    }
}
