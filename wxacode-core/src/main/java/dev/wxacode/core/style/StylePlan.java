package dev.wxacode.core.style;

import dev.wxacode.core.qr.Codewords;
import dev.wxacode.core.qr.EcLevel;
import dev.wxacode.core.qr.FunctionPatterns;
import dev.wxacode.core.qr.QrEncoder;
import dev.wxacode.core.qr.QrSymbol;
import java.util.Locale;
import java.util.Optional;

/**
 * The symbol a styled code is drawn from, and the square of modules in its middle that the logo
 * clears. Without a logo it is the plain code's version, at the highest level that version holds.
 * With one, it is the smallest version, from the plain one up, whose highest level can lose every
 * codeword under the logo and still keep {@link #RESERVE} of each block's correction for the
 * damage the world adds (print, light, angle): the logo is budgeted against what Reed–Solomon can
 * correct, block by block ({@link Codewords}), not against its share of the area.
 *
 * @param symbol    the text's symbol, any mask
 * @param plateSide modules per side of the cleared square; 0 without a logo
 */
public record StylePlan(QrSymbol symbol, int plateSide) {
    /** Half of what each block can correct stays for damage the logo did not do. */
    static final double RESERVE = 0.5;
    /** A logo may make the symbol this many versions larger than the plain code, no more: each one shrinks the modules. */
    static final int MAX_EXTRA_VERSIONS = 3;

    /**
     * @throws LogoDoesNotFit if no version up to {@link #MAX_EXTRA_VERSIONS} past the plain one can carry the logo
     * @throws IllegalArgumentException if the text does not fit any QR version
     */
    public static StylePlan of(QrEncoder encoder, String text, CodeStyle style) {
        QrSymbol plain = encoder.symbol(text, EcLevel.M, 1);
        if (style.logo().isEmpty()) {
            return new StylePlan(plain, 0);
        }
        String why = "";
        for (int version = plain.version(); version <= Math.min(40, plain.version() + MAX_EXTRA_VERSIONS); version++) {
            QrSymbol symbol = version == plain.version() ? plain : encoder.symbol(text, EcLevel.M, version);
            int side = plateSide(symbol.size(), style.logoSize());
            Optional<String> refusal = refusal(symbol, side);
            if (refusal.isEmpty()) {
                return new StylePlan(symbol, side);
            }
            if (version == plain.version()) {
                why = refusal.get();
            }
        }
        throw new LogoDoesNotFit(String.format(Locale.ROOT,
                "a logo of %.2f of the code's side leaves too little error correction: %s", style.logoSize(), why));
    }

    /**
     * The largest logo size, in hundredths, that {@link #of} carries for this text; empty if not even
     * {@link CodeStyle#MIN_LOGO_SIZE}.
     */
    public static Optional<Double> largestLogo(QrEncoder encoder, String text, CodeStyle style) {
        Logo logo = style.logo().orElseThrow(() -> new IllegalArgumentException("a style without logo"));
        for (int hundredths = (int) Math.round(CodeStyle.MAX_LOGO_SIZE * 100);
             hundredths >= (int) Math.round(CodeStyle.MIN_LOGO_SIZE * 100); hundredths--) {
            try {
                of(encoder, text, style.withLogo(logo, hundredths / 100.0));
                return Optional.of(hundredths / 100.0);
            } catch (LogoDoesNotFit tooLarge) {
                // a smaller one then
            }
        }
        return Optional.empty();
    }

    /** The first module of the cleared square, on both axes. */
    public int plateStart() {
        return (symbol.size() - plateSide) / 2;
    }

    /** The odd number of modules nearest below {@code share} of the side, so the square sits exactly in the middle. */
    static int plateSide(int size, double share) {
        return 2 * (int) Math.floor(share * size / 2) + 1;
    }

    /** Why this symbol cannot lose the square in its middle; empty if it can. */
    private static Optional<String> refusal(QrSymbol symbol, int side) {
        int start = (symbol.size() - side) / 2;
        // One module of light around an alignment pattern too, as around the finders.
        int reach = FunctionPatterns.ALIGNMENT / 2 + 1;
        for (int[] centre : FunctionPatterns.alignments(symbol.version())) {
            if (centre[0] + reach >= start && centre[0] - reach < start + side
                    && centre[1] + reach >= start && centre[1] - reach < start + side) {
                return Optional.of("version " + symbol.version() + " has an alignment pattern under it");
            }
        }
        Codewords map = Codewords.of(symbol.version(), symbol.level());
        int[] lost = map.lostUnder(start, start, side);
        for (int block = 0; block < lost.length; block++) {
            int allowed = (int) Math.floor(map.correctable(block) * (1 - RESERVE));
            if (lost[block] > allowed) {
                return Optional.of(String.format(Locale.ROOT,
                        "it hides %d codewords of block %d of version %d-%s, which may lose %d and keep half of what it corrects",
                        lost[block], block + 1, symbol.version(), symbol.level(), allowed));
            }
        }
        return Optional.empty();
    }

    /** A logo larger than any symbol of the text can carry. */
    public static final class LogoDoesNotFit extends IllegalArgumentException {
        LogoDoesNotFit(String message) {
            super(message);
        }
    }
}
