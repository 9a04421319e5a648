package dev.wxacode.server.code;

import dev.wxacode.core.render.ImageFormat;

/**
 * A finished code image.
 *
 * @param name a stable name for the file, derived from the bytes, so the same code downloads under
 *             the same name
 */
public record RenderedCode(byte[] bytes, ImageFormat format, String name) {
}
