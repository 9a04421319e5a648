package dev.wxacode.core.style;

/**
 * How the three finder patterns (and the alignment patterns, drawn the same way, smaller) look. Each
 * keeps the dark–light–dark–light–dark proportions 1:1:3:1:1 through its centre, which is all a
 * scanner looks for.
 */
public enum FinderShape {
    SQUARE,
    /** Squares with corners rounded by half a module. */
    ROUNDED,
    /**
     * A ring around a disc, nearly: corners rounded by 40 % of the side, as some decoders fit
     * straight lines to a finder's edges and miss true circles at some sizes.
     */
    CIRCLE
}
