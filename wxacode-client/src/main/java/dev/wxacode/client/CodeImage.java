package dev.wxacode.client;

/**
 * A code as the server sent it.
 *
 * @param contentType {@code image/jpeg}, or {@code image/png} for a transparent code; for print
 *                    ({@link WxaCodeClient#linkImage}) also {@code image/svg+xml} or {@code application/pdf}
 */
public record CodeImage(byte[] bytes, String contentType) {

    /** {@code jpg}, {@code png}, {@code svg} or {@code pdf}, for a file name. */
    public String extension() {
        if (contentType.startsWith("image/png")) {
            return "png";
        }
        if (contentType.startsWith("image/svg+xml")) {
            return "svg";
        }
        return contentType.startsWith("application/pdf") ? "pdf" : "jpg";
    }
}
