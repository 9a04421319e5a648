package dev.wxacode.core.render;

import dev.wxacode.core.qr.Layout;
import dev.wxacode.core.qr.QrMatrix;

/**
 * Draws QR modules as an encoded image. Implementations must be safe to call from many threads
 * and give the same bytes for the same input.
 */
public interface Renderer {
    /**
     * @return a {@code spec.width()} × {@code spec.width()} image in {@code spec.format()}, the
     *         modules placed by {@link Layout}
     * @throws IllegalArgumentException if the symbol plus quiet zone has more modules than pixels
     */
    byte[] render(QrMatrix modules, RenderSpec spec);
}
