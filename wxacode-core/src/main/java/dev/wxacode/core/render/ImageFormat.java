package dev.wxacode.core.render;

/**
 * The types a code comes in: JPEG by default, PNG when the background is transparent, and, for
 * print only (never from a WeChat endpoint), SVG and PDF.
 */
public enum ImageFormat {
    JPEG("image/jpeg", "jpg"),
    PNG("image/png", "png"),
    SVG("image/svg+xml", "svg"),
    PDF("application/pdf", "pdf");

    private final String mimeType;
    private final String extension;

    ImageFormat(String mimeType, String extension) {
        this.mimeType = mimeType;
        this.extension = extension;
    }

    /** Exactly as sent in {@code Content-Type}: no parameters, since some SDKs compare the whole string. */
    public String mimeType() {
        return mimeType;
    }

    public String extension() {
        return extension;
    }

    /** SVG or PDF: shapes rather than pixels. */
    public boolean isVector() {
        return this == SVG || this == PDF;
    }

    /** @throws IllegalArgumentException for an extension none of the formats has */
    public static ImageFormat ofExtension(String extension) {
        for (ImageFormat format : values()) {
            if (format.extension.equals(extension)) {
                return format;
            }
        }
        throw new IllegalArgumentException("format must be jpg, png, svg or pdf, got " + extension);
    }
}
