package dev.wxacode.core.style;

/** How each dark data module is drawn. */
public enum ModuleShape {
    /** The whole module: a plain code. */
    SQUARE,
    /** A disc as wide as the module, as WeChat's own codes draw theirs. */
    DOT
}
