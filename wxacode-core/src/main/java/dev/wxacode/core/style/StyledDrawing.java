package dev.wxacode.core.style;

import com.google.zxing.common.BitMatrix;
import dev.wxacode.core.qr.FunctionPatterns;
import dev.wxacode.core.qr.Layout;
import dev.wxacode.core.qr.QrMatrix;
import dev.wxacode.core.render.RenderSpec;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.List;
import java.util.Optional;

/**
 * A styled code drawn with Java2D, shapes antialiased: the library path of styled codes. Where
 * everything goes is decided here once ({@link #layout}, {@link #ringStroke}, the plate), so every
 * output format draws the same geometry.
 */
final class StyledDrawing {
    private static final int WHITE = 0xFFFFFF;
    /** A "circle" finder's corner arcs, as a share of its side: 1 would be a true circle. */
    private static final double CIRCLE_ARC = 0.8;
    /** The ring's width, as a share of the image's: 5 px at 430 px. */
    private static final double RING_SHARE = 1 / 86.0;

    private StyledDrawing() {
    }

    /** Pixels of the round frame's ring, and of the light gap inside it. */
    static int ringStroke(int width) {
        return Math.max(2, (int) Math.round(width * RING_SHARE));
    }

    /**
     * Where the modules go: as for a plain code ({@link Layout#of}), or inside a round frame as
     * large as the circle allows. There the quiet zone is kept where scanners look for it: four
     * light modules on the lines through each finder pattern's centre, out to the light gap inside
     * the ring, and two at the symbol's corners, which come closest to the ring. A whole square
     * quiet zone inside the circle would cost a fifth of the modules' size.
     *
     * @throws IllegalArgumentException if not even one pixel per module is left
     */
    static Layout layout(int modules, int width, Frame frame) {
        if (frame == Frame.NONE) {
            return Layout.of(modules, width);
        }
        double light = width / 2.0 - 2 * ringStroke(width);
        double half = modules / 2.0;
        double finderCentre = half - FunctionPatterns.FINDER / 2.0;
        double throughFinders = Math.hypot(half + Layout.QUIET_ZONE, finderCentre);
        double toCorners = half * Math.sqrt(2) + Layout.QUIET_ZONE / 2.0;
        int scale = (int) Math.floor(light / Math.max(throughFinders, toCorners));
        if (scale < 1) {
            throw new IllegalArgumentException(modules + " modules do not fit inside a ring " + width + " px wide");
        }
        return new Layout(modules, width, scale, (width - scale * modules) / 2);
    }

    /**
     * @param plateSide modules per side of the square the logo clears in the middle, 0 for none
     * @throws IllegalArgumentException if the symbol does not fit the width
     */
    static BufferedImage draw(QrMatrix symbol, int plateSide, RenderSpec spec, CodeStyle style) {
        int width = spec.width();
        BufferedImage image = new BufferedImage(width, width,
                spec.transparent() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = antialiased(image);
        try {
            paint(symbol, plateSide, spec, style, new Canvas() {
                @Override
                public void fill(Shape shape, int rgb) {
                    g.setColor(new Color(rgb));
                    g.fill(shape);
                }

                @Override
                public void stroke(Shape shape, float lineWidth, int rgb) {
                    g.setColor(new Color(rgb));
                    g.setStroke(new BasicStroke(lineWidth));
                    g.draw(shape);
                }

                @Override
                public void image(BufferedImage picture, Box box) {
                    g.drawImage(picture, box.left(), box.top(), null);
                }
            });
        } finally {
            g.dispose();
        }
        return image;
    }

    /**
     * Where every output format draws: pixels, SVG or PDF. Coordinates are the image's pixels, y
     * downwards; colours {@code 0xRRGGBB}, opaque.
     */
    interface Canvas {
        void fill(Shape shape, int rgb);

        void stroke(Shape shape, float lineWidth, int rgb);

        /** {@code picture} drawn into {@code box}, whose size it has. */
        void image(BufferedImage picture, Box box);
    }

    /**
     * The drawing, layer by layer, the same for every format: the background (unless transparent),
     * the ring, the modules, the alignment and finder patterns, the logo.
     */
    static void paint(QrMatrix symbol, int plateSide, RenderSpec spec, CodeStyle style, Canvas canvas) {
        int width = spec.width();
        Layout layout = layout(symbol.size(), width, style.frame());
        if (!spec.transparent()) {
            canvas.fill(new Rectangle2D.Double(0, 0, width, width), WHITE);
        }
        if (style.frame() == Frame.ROUND) {
            int stroke = ringStroke(width);
            double inset = stroke / 2.0;
            canvas.stroke(new Ellipse2D.Double(inset, inset, width - stroke, width - stroke), stroke,
                    style.frameRgb().orElse(spec.rgb()));
        }
        Geometry geometry = new Geometry(symbol, layout, style, plateSide);
        canvas.fill(geometry.modules(), spec.rgb());
        canvas.fill(geometry.alignments(), spec.rgb());
        canvas.fill(geometry.finders(), style.finderRgb().orElse(spec.rgb()));
        style.logo().ifPresent(logo -> geometry.logoBox().ifPresent(box -> canvas.image(logo.fitted(box.side()), box)));
    }

    /**
     * One dark module in {@code rgb} on white, {@code scale} pixels square, antialiased as
     * {@link #draw} draws it: every module of a drawing is this picture at its own place, as each
     * pixel lies in one module's square only and the shapes are drawn at whole-pixel offsets.
     */
    static BufferedImage module(ModuleShape shape, int scale, int rgb) {
        BufferedImage image = new BufferedImage(scale, scale, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = antialiased(image);
        try {
            g.setColor(new Color(WHITE));
            g.fillRect(0, 0, scale, scale);
            g.setColor(new Color(rgb));
            g.fill(shape == ModuleShape.DOT ? new Ellipse2D.Double(0, 0, scale, scale) : new Rectangle2D.Double(0, 0, scale, scale));
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Graphics that draw every drawing's shapes the same way: antialiased, at their exact outline. */
    private static Graphics2D antialiased(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        return g;
    }

    /** The image as a scanner sees a clean copy of it: dark where its colour, over white, is darker than mid grey. */
    static BitMatrix asScanned(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        boolean alpha = image.getColorModel().hasAlpha();
        BitMatrix scanned = new BitMatrix(width, height);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (isDark(pixels[y * width + x], alpha)) {
                    scanned.set(x, y);
                }
            }
        }
        return scanned;
    }

    /** A pixel ({@code 0xAARRGGBB}, or opaque {@code 0xRRGGBB}) over white is darker than mid grey. */
    static boolean isDark(int argb, boolean alpha) {
        int a = alpha ? argb >>> 24 : 255;
        // Luminance times 1000, then over white by alpha: a pixel is dark below 127.5.
        int luma = 299 * (argb >>> 16 & 0xFF) + 587 * (argb >>> 8 & 0xFF) + 114 * (argb & 0xFF);
        long overWhite = (long) luma * a + 255_000L * (255 - a);
        return overWhite < 127_500L * 255;
    }

    /** A square in pixels. */
    record Box(int left, int top, int side) {
    }

    /** The shapes of one drawing, in pixels. */
    static final class Geometry {
        private final QrMatrix symbol;
        private final Layout layout;
        private final CodeStyle style;
        private final int plateStart;
        private final int plateSide;
        private final List<int[]> alignments;

        Geometry(QrMatrix symbol, Layout layout, CodeStyle style, int plateSide) {
            this.symbol = symbol;
            this.layout = layout;
            this.style = style;
            this.plateSide = plateSide;
            this.plateStart = (symbol.size() - plateSide) / 2;
            this.alignments = FunctionPatterns.alignments(symbol.version());
        }

        /** Every dark data and timing module, each in the module shape; the patterns and the plate left out. */
        Shape modules() {
            Path2D.Double path = new Path2D.Double(Path2D.WIND_NON_ZERO);
            int size = symbol.size();
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    if (symbol.isDark(x, y) && drawsModule(x, y)) {
                        path.append(module(x, y), false);
                    }
                }
            }
            return path;
        }

        /** Whether module (x, y) is drawn as a module of its own, when dark: not in a pattern, not under the logo. */
        boolean drawsModule(int x, int y) {
            return !inPattern(x, y) && !inPlate(x, y);
        }

        Shape finders() {
            Area area = new Area();
            int far = symbol.size() - FunctionPatterns.FINDER;
            area.add(pattern(0, 0, FunctionPatterns.FINDER));
            area.add(pattern(far, 0, FunctionPatterns.FINDER));
            area.add(pattern(0, far, FunctionPatterns.FINDER));
            return area;
        }

        Shape alignments() {
            Area area = new Area();
            int reach = FunctionPatterns.ALIGNMENT / 2;
            for (int[] centre : alignments) {
                area.add(pattern(centre[0] - reach, centre[1] - reach, FunctionPatterns.ALIGNMENT));
            }
            return area;
        }

        /** Where the logo goes: the plate less half a module all round, so it never touches a module. */
        Optional<Box> logoBox() {
            if (plateSide == 0) {
                return Optional.empty();
            }
            int inset = Math.max(1, layout.scale() / 2);
            int left = layout.offset() + plateStart * layout.scale() + inset;
            return Optional.of(new Box(left, left, plateSide * layout.scale() - 2 * inset));
        }

        private Shape module(int x, int y) {
            double s = layout.scale();
            double left = layout.offset() + x * s;
            double top = layout.offset() + y * s;
            return style.modules() == ModuleShape.DOT ? new Ellipse2D.Double(left, top, s, s)
                    : new Rectangle2D.Double(left, top, s, s);
        }

        /**
         * A finder ({@code n} = 7) or alignment ({@code n} = 5) pattern with its top-left module at
         * ({@code x}, {@code y}): a ring one module thick, a light ring, and a core of {@code n - 4}
         * modules, in the finder shape.
         */
        private Area pattern(int x, int y, int n) {
            double s = layout.scale();
            double left = layout.offset() + x * s;
            double top = layout.offset() + y * s;
            Area ring = new Area(shape(left, top, n * s));
            ring.subtract(new Area(shape(left + s, top + s, (n - 2) * s)));
            ring.add(new Area(shape(left + 2 * s, top + 2 * s, (n - 4) * s)));
            return ring;
        }

        /**
         * A square of {@code side} pixels in the finder shape. How round is measured: BoofCV, which
         * fits a square to each finder, reads corners rounded by half a module at every width and
         * loses codes from a radius of one module on; zbar, which fits lines to a finder's edges,
         * misses some true circles at 430 px and up but reads every "circle" whose corners are
         * rounded by 40 % of its side (docs/styles.md).
         */
        private Shape shape(double left, double top, double side) {
            return switch (style.finders()) {
                case SQUARE -> new Rectangle2D.Double(left, top, side, side);
                case ROUNDED -> new RoundRectangle2D.Double(left, top, side, side, layout.scale(), layout.scale());
                case CIRCLE -> new RoundRectangle2D.Double(left, top, side, side, side * CIRCLE_ARC, side * CIRCLE_ARC);
            };
        }

        private boolean inPattern(int x, int y) {
            int far = symbol.size() - FunctionPatterns.FINDER;
            if (x < FunctionPatterns.FINDER && (y < FunctionPatterns.FINDER || y >= far) || x >= far && y < FunctionPatterns.FINDER) {
                return true;
            }
            int reach = FunctionPatterns.ALIGNMENT / 2;
            for (int[] centre : alignments) {
                if (Math.abs(x - centre[0]) <= reach && Math.abs(y - centre[1]) <= reach) {
                    return true;
                }
            }
            return false;
        }

        private boolean inPlate(int x, int y) {
            return x >= plateStart && x < plateStart + plateSide && y >= plateStart && y < plateStart + plateSide;
        }
    }
}
