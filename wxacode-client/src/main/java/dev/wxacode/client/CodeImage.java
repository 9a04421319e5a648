package dev.wxacode.client;

/**
 * A code as the server sent it.
 *
 * @param contentType {@code image/jpeg}, or {@code image/png} for a transparent code
 */
public record CodeImage(byte[] bytes, String contentType) {

    /** {@code jpg} or {@code png}, for a file name. */
    public String extension() {
        return contentType.startsWith("image/png") ? "png" : "jpg";
    }
}
