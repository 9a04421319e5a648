package dev.wxacode.core.style;

import dev.wxacode.core.render.ImageFormat;
import dev.wxacode.core.render.ImageIoRenderer;
import dev.wxacode.core.render.RenderSpec;
import java.awt.Shape;
import java.awt.geom.PathIterator;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.util.Matrix;

/**
 * A code as SVG or PDF for print: the very shapes of its JPEG at {@code spec.width()} pixels
 * ({@link StyledDrawing#paint}), as vectors, at a physical size of the caller's. The logo stays a
 * picture (PNG inside), at the pixel size it has in the JPEG. SVG is written here; PDF with Apache
 * PDFBox.
 */
public final class VectorCodes {
    private VectorCodes() {
    }

    /**
     * @param drawing what {@link StyledCodes#choose} made for {@code spec.width()}
     * @param spec    the layout's width in pixels, the modules' colour, and whether the background is left out
     * @param format  {@link ImageFormat#SVG} or {@link ImageFormat#PDF}
     */
    public static byte[] write(StyledCodes.Drawing drawing, RenderSpec spec, ImageFormat format, PrintSize size) {
        return switch (format) {
            case SVG -> svg(drawing, spec, size);
            case PDF -> pdf(drawing, spec, size);
            default -> throw new IllegalArgumentException(format + " is no vector format");
        };
    }

    private static byte[] svg(StyledCodes.Drawing drawing, RenderSpec spec, PrintSize size) {
        int width = spec.width();
        StringBuilder svg = new StringBuilder(64 * 1024);
        svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"")
                .append(size).append("\" height=\"").append(size).append("\" viewBox=\"0 0 ").append(width).append(' ')
                .append(width).append("\">\n");
        StyledDrawing.paint(drawing.symbol(), drawing.plateSide(), spec, drawing.style(), new StyledDrawing.Canvas() {
            @Override
            public void fill(Shape shape, int rgb) {
                svg.append("<path fill=\"").append(hex(rgb)).append("\" fill-rule=\"").append(evenOdd(shape) ? "evenodd" : "nonzero")
                        .append("\" d=\"");
                pathData(shape, svg);
                svg.append("\"/>\n");
            }

            @Override
            public void stroke(Shape shape, float lineWidth, int rgb) {
                svg.append("<path fill=\"none\" stroke=\"").append(hex(rgb)).append("\" stroke-width=\"").append(number(lineWidth))
                        .append("\" d=\"");
                pathData(shape, svg);
                svg.append("\"/>\n");
            }

            @Override
            public void image(BufferedImage picture, StyledDrawing.Box box) {
                svg.append("<image x=\"").append(box.left()).append("\" y=\"").append(box.top()).append("\" width=\"")
                        .append(box.side()).append("\" height=\"").append(box.side()).append("\" xlink:href=\"data:image/png;base64,")
                        .append(Base64.getEncoder().encodeToString(ImageIoRenderer.encodePng(picture))).append("\"/>\n");
            }
        });
        return svg.append("</svg>\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] pdf(StyledCodes.Drawing drawing, RenderSpec spec, PrintSize size) {
        int width = spec.width();
        float side = (float) size.points();
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage(new PDRectangle(side, side));
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                // The drawing's pixels, y downwards, onto the page's points, y upwards.
                float scale = side / width;
                content.transform(new Matrix(scale, 0, 0, -scale, 0, side));
                StyledDrawing.paint(drawing.symbol(), drawing.plateSide(), spec, drawing.style(), new StyledDrawing.Canvas() {
                    @Override
                    public void fill(Shape shape, int rgb) {
                        io(() -> {
                            content.setNonStrokingColor(channel(rgb, 16), channel(rgb, 8), channel(rgb, 0));
                            path(shape, content);
                            if (evenOdd(shape)) {
                                content.fillEvenOdd();
                            } else {
                                content.fill();
                            }
                        });
                    }

                    @Override
                    public void stroke(Shape shape, float lineWidth, int rgb) {
                        io(() -> {
                            content.setStrokingColor(channel(rgb, 16), channel(rgb, 8), channel(rgb, 0));
                            content.setLineWidth(lineWidth);
                            path(shape, content);
                            content.stroke();
                        });
                    }

                    @Override
                    public void image(BufferedImage picture, StyledDrawing.Box box) {
                        io(() -> {
                            PDImageXObject image = LosslessFactory.createFromImage(document, picture);
                            // An image fills the unit square upwards: flipped back, as y runs down here.
                            content.drawImage(image, new Matrix(box.side(), 0, 0, -box.side(), box.left(), box.top() + box.side()));
                        });
                    }
                });
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("a PDF in memory", e);
        }
    }

    private interface PdfStep {
        void run() throws IOException;
    }

    private static void io(PdfStep step) {
        try {
            step.run();
        } catch (IOException e) {
            throw new UncheckedIOException("a PDF in memory", e);
        }
    }

    private static float channel(int rgb, int shift) {
        return (rgb >>> shift & 0xFF) / 255f;
    }

    private static boolean evenOdd(Shape shape) {
        return shape.getPathIterator(null).getWindingRule() == PathIterator.WIND_EVEN_ODD;
    }

    /** SVG path data: M, L, Q, C and Z, numbers to a thousandth of a pixel. */
    private static void pathData(Shape shape, StringBuilder out) {
        double[] c = new double[6];
        for (PathIterator it = shape.getPathIterator(null); !it.isDone(); it.next()) {
            switch (it.currentSegment(c)) {
                case PathIterator.SEG_MOVETO -> out.append('M').append(number(c[0])).append(' ').append(number(c[1]));
                case PathIterator.SEG_LINETO -> out.append('L').append(number(c[0])).append(' ').append(number(c[1]));
                case PathIterator.SEG_QUADTO -> out.append('Q').append(number(c[0])).append(' ').append(number(c[1]))
                        .append(' ').append(number(c[2])).append(' ').append(number(c[3]));
                case PathIterator.SEG_CUBICTO -> out.append('C').append(number(c[0])).append(' ').append(number(c[1]))
                        .append(' ').append(number(c[2])).append(' ').append(number(c[3])).append(' ').append(number(c[4]))
                        .append(' ').append(number(c[5]));
                default -> out.append('Z');
            }
        }
    }

    /** The same path in PDF's operators; a quadratic curve becomes the cubic that draws it. */
    private static void path(Shape shape, PDPageContentStream content) throws IOException {
        double[] c = new double[6];
        float x = 0;
        float y = 0;
        for (PathIterator it = shape.getPathIterator(null); !it.isDone(); it.next()) {
            switch (it.currentSegment(c)) {
                case PathIterator.SEG_MOVETO -> {
                    content.moveTo((float) c[0], (float) c[1]);
                    x = (float) c[0];
                    y = (float) c[1];
                }
                case PathIterator.SEG_LINETO -> {
                    content.lineTo((float) c[0], (float) c[1]);
                    x = (float) c[0];
                    y = (float) c[1];
                }
                case PathIterator.SEG_QUADTO -> {
                    float qx = (float) c[0];
                    float qy = (float) c[1];
                    float ex = (float) c[2];
                    float ey = (float) c[3];
                    content.curveTo(x + 2 * (qx - x) / 3, y + 2 * (qy - y) / 3, ex + 2 * (qx - ex) / 3, ey + 2 * (qy - ey) / 3, ex, ey);
                    x = ex;
                    y = ey;
                }
                case PathIterator.SEG_CUBICTO -> {
                    content.curveTo((float) c[0], (float) c[1], (float) c[2], (float) c[3], (float) c[4], (float) c[5]);
                    x = (float) c[4];
                    y = (float) c[5];
                }
                default -> content.closePath();
            }
        }
    }

    private static String hex(int rgb) {
        return String.format(Locale.ROOT, "#%06X", rgb & 0xFFFFFF);
    }

    private static String number(double value) {
        long thousandths = Math.round(value * 1000);
        if (thousandths % 1000 == 0) {
            return Long.toString(thousandths / 1000);
        }
        return String.format(Locale.ROOT, "%.3f", thousandths / 1000.0).replaceAll("0+$", "");
    }
}
