package dev.wxacode.core.style;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The side a printed code comes out at: millimetres, or CSS pixels (1/96 inch).
 *
 * @param value a positive number of {@code unit}s
 */
public record PrintSize(double value, Unit unit) {
    private static final Pattern FORM = Pattern.compile("([0-9]{1,4}(?:\\.[0-9]{1,3})?)(mm|px)");
    /** Smaller than this no phone focuses on a code; larger is a poster, not a code. */
    static final double MIN_MM = 5;
    static final double MAX_MM = 2000;
    private static final double MM_PER_INCH = 25.4;

    public enum Unit {
        MM, PX
    }

    public PrintSize {
        double mm = unit == Unit.MM ? value : value * MM_PER_INCH / 96;
        if (!(mm >= MIN_MM && mm <= MAX_MM)) {
            throw new IllegalArgumentException("a printed code is " + (int) MIN_MM + " to " + (int) MAX_MM + " mm wide, got "
                    + text(value, unit));
        }
    }

    /**
     * @param text {@code 30mm}, {@code 25.5mm} or {@code 430px}
     * @throws IllegalArgumentException for any other form, or a size outside 5 to 2000 mm
     */
    public static PrintSize parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("size must be millimetres or pixels, as 30mm or 430px, got " + text);
        }
        return new PrintSize(Double.parseDouble(m.group(1)), m.group(2).equals("mm") ? Unit.MM : Unit.PX);
    }

    /** In PDF points (1/72 inch). */
    public double points() {
        return unit == Unit.MM ? value * 72 / MM_PER_INCH : value * 72 / 96;
    }

    /** As SVG's {@code width} attribute takes it: {@code 30mm}, {@code 430px}. */
    @Override
    public String toString() {
        return text(value, unit);
    }

    private static String text(double value, Unit unit) {
        String number = value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.3f", value)
                .replaceAll("0+$", "");
        return number + unit.name().toLowerCase(Locale.ROOT);
    }
}
