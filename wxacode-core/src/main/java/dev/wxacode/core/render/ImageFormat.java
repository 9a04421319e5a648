package dev.wxacode.core.render;

/** The two image types a code comes in: JPEG by default, PNG when the background is transparent. */
public enum ImageFormat {
    JPEG("image/jpeg", "jpg"),
    PNG("image/png", "png");

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
}
