package dev.wxacode.server.code;

import dev.wxacode.core.render.ImageFormat;

/**
 * A finished code image. Cached codes are answered to many requests: never change {@code bytes}.
 *
 * @param name 32 hex digits derived from what decides the bytes (the link, the spec and the drawing's
 *             version), so the same image downloads under the same file name and carries the same
 *             {@code ETag}, and another image never does
 * @param link the text the code carries, {@code <public URL>/L/<token>}
 */
public record RenderedCode(byte[] bytes, ImageFormat format, String name, String link) {
}
