package dev.wxacode.core.style;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How an app's codes look, as its operator registered it: the shapes, a logo in the middle, a
 * round frame, and the colours of the finder patterns and the frame. The modules' own colour is
 * not here: it stays the request's {@code line_color} (or {@code auto_color}), as on WeChat.
 *
 * @param modules   the data modules' shape
 * @param finders   the finder (and alignment) patterns' shape
 * @param frame     what surrounds the code
 * @param logo      the logo in the middle, if any
 * @param logoSize  the side of the square the logo clears, as a share of the symbol's side,
 *                  {@link #MIN_LOGO_SIZE} to {@link #MAX_LOGO_SIZE}; whether that much can be
 *                  cleared at all depends on the text ({@link StylePlan})
 * @param finderRgb the finder patterns' colour as {@code 0xRRGGBB}; empty for the modules' colour
 * @param frameRgb  the frame's colour; empty for the modules' colour
 */
public record CodeStyle(ModuleShape modules, FinderShape finders, Frame frame, Optional<Logo> logo,
                        double logoSize, OptionalInt finderRgb, OptionalInt frameRgb) {
    public static final double MIN_LOGO_SIZE = 0.1;
    public static final double MAX_LOGO_SIZE = 0.3;
    public static final double DEFAULT_LOGO_SIZE = 0.2;

    /** Square modules and finders, no frame, no logo: the plain code every app has by default. */
    public static final CodeStyle PLAIN = new CodeStyle(ModuleShape.SQUARE, FinderShape.SQUARE, Frame.NONE,
            Optional.empty(), DEFAULT_LOGO_SIZE, OptionalInt.empty(), OptionalInt.empty());

    public CodeStyle {
        Objects.requireNonNull(modules, "modules == null");
        Objects.requireNonNull(finders, "finders == null");
        Objects.requireNonNull(frame, "frame == null");
        Objects.requireNonNull(logo, "logo == null");
        Objects.requireNonNull(finderRgb, "finderRgb == null");
        Objects.requireNonNull(frameRgb, "frameRgb == null");
        if (!(logoSize >= MIN_LOGO_SIZE && logoSize <= MAX_LOGO_SIZE)) {
            throw new IllegalArgumentException("logo size " + logoSize + " is not from " + MIN_LOGO_SIZE + " to " + MAX_LOGO_SIZE);
        }
        finderRgb.ifPresent(CodeStyle::requireRgb);
        frameRgb.ifPresent(CodeStyle::requireRgb);
    }

    private static void requireRgb(int rgb) {
        if ((rgb & ~0xFFFFFF) != 0) {
            throw new IllegalArgumentException("colour " + Integer.toHexString(rgb) + " is not 0xRRGGBB");
        }
    }

    /** Drawn exactly as a code without a style: the fast plain path applies. */
    public boolean isPlain() {
        return modules == ModuleShape.SQUARE && finders == FinderShape.SQUARE && frame == Frame.NONE
                && logo.isEmpty() && finderRgb.isEmpty() && frameRgb.isEmpty();
    }

    public CodeStyle withModules(ModuleShape shape) {
        return new CodeStyle(shape, finders, frame, logo, logoSize, finderRgb, frameRgb);
    }

    public CodeStyle withFinders(FinderShape shape) {
        return new CodeStyle(modules, shape, frame, logo, logoSize, finderRgb, frameRgb);
    }

    public CodeStyle withFrame(Frame choice) {
        return new CodeStyle(modules, finders, choice, logo, logoSize, finderRgb, frameRgb);
    }

    /** @param size as {@link #logoSize} */
    public CodeStyle withLogo(Logo image, double size) {
        return new CodeStyle(modules, finders, frame, Optional.of(image), size, finderRgb, frameRgb);
    }

    public CodeStyle withoutLogo() {
        return new CodeStyle(modules, finders, frame, Optional.empty(), logoSize, finderRgb, frameRgb);
    }

    public CodeStyle withFinderRgb(OptionalInt rgb) {
        return new CodeStyle(modules, finders, frame, logo, logoSize, rgb, frameRgb);
    }

    public CodeStyle withFrameRgb(OptionalInt rgb) {
        return new CodeStyle(modules, finders, frame, logo, logoSize, finderRgb, rgb);
    }

    /**
     * Everything that decides the drawing, in one line: part of an image's name, so that an image
     * drawn in another style, or with another logo, never goes by the same name.
     */
    public String fingerprint() {
        return String.format(Locale.ROOT, "modules=%s;finders=%s;frame=%s;logo=%s;finder=%s;frame_color=%s",
                StyleNames.of(modules), StyleNames.of(finders), StyleNames.of(frame),
                logo.map(l -> l.digest() + "@" + String.format(Locale.ROOT, "%.2f", logoSize)).orElse("none"),
                hex(finderRgb), hex(frameRgb));
    }

    private static String hex(OptionalInt rgb) {
        return rgb.isPresent() ? String.format(Locale.ROOT, "%06x", rgb.getAsInt()) : "ink";
    }
}
