package dev.wxacode.client;

import java.util.Objects;

/**
 * One call of {@code getwxacode} (wxacode.get): a code for a path that carries its own query, such
 * as {@code pages/detail/detail?id=42}, which the page receives in {@code onLoad(query)}. An app may
 * have 100 000 of these with createQRCode's (the same path again counts once), so they suit a few
 * long-lived codes; {@link UnlimitedCode} is for many.
 *
 * @param path       page and query, at most 1024 bytes
 * @param envVersion {@code release}, {@code trial} or {@code develop}
 * @param width      pixels; the server clamps it to 280–1280
 */
public record WxaCode(String path, String envVersion, int width, boolean autoColor, Rgb lineColor, boolean isHyaline) {

    public WxaCode {
        Objects.requireNonNull(path, "path == null");
        Objects.requireNonNull(envVersion, "envVersion == null");
        Objects.requireNonNull(lineColor, "lineColor == null");
    }

    /** {@code release}, 430 px, black, opaque. */
    public static WxaCode of(String path) {
        return new WxaCode(path, "release", 430, false, Rgb.BLACK, false);
    }

    public WxaCode withEnvVersion(String value) {
        return new WxaCode(path, value, width, autoColor, lineColor, isHyaline);
    }

    public WxaCode withWidth(int value) {
        return new WxaCode(path, envVersion, value, autoColor, lineColor, isHyaline);
    }

    public WxaCode withAutoColor(boolean value) {
        return new WxaCode(path, envVersion, width, value, lineColor, isHyaline);
    }

    public WxaCode withLineColor(Rgb value) {
        return new WxaCode(path, envVersion, width, autoColor, value, isHyaline);
    }

    public WxaCode withHyaline(boolean value) {
        return new WxaCode(path, envVersion, width, autoColor, lineColor, value);
    }
}
