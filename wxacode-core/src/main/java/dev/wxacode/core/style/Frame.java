package dev.wxacode.core.style;

/** What surrounds the code. */
public enum Frame {
    NONE,
    /**
     * A ring around the whole image with the code inside it, the look of WeChat's circular codes.
     * The square code and its quiet zone must fit inside the circle, so its modules are about 30 %
     * smaller at the same width.
     */
    ROUND
}
