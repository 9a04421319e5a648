package dev.wxacode.client;

import java.util.Objects;

/**
 * One call of {@code getwxacodeunlimit}: every field of the wire, with its wire default. Build it
 * with {@link #of} and the {@code with…} methods; the server checks the values and answers with
 * WeChat's error codes, so the client does not second-guess them.
 *
 * @param page       empty for the home page
 * @param envVersion {@code release}, {@code trial} or {@code develop}
 * @param width      pixels; the server clamps it to 280–1280
 */
public record UnlimitedCode(String scene, String page, boolean checkPath, String envVersion, int width,
                            boolean autoColor, Rgb lineColor, boolean isHyaline) {

    public UnlimitedCode {
        Objects.requireNonNull(scene, "scene == null");
        Objects.requireNonNull(page, "page == null");
        Objects.requireNonNull(envVersion, "envVersion == null");
        Objects.requireNonNull(lineColor, "lineColor == null");
    }

    /** The home page, {@code check_path} true, {@code release}, 430 px, black, opaque. */
    public static UnlimitedCode of(String scene) {
        return new UnlimitedCode(scene, "", true, "release", 430, false, Rgb.BLACK, false);
    }

    public UnlimitedCode withPage(String value) {
        return new UnlimitedCode(scene, value, checkPath, envVersion, width, autoColor, lineColor, isHyaline);
    }

    public UnlimitedCode withCheckPath(boolean value) {
        return new UnlimitedCode(scene, page, value, envVersion, width, autoColor, lineColor, isHyaline);
    }

    public UnlimitedCode withEnvVersion(String value) {
        return new UnlimitedCode(scene, page, checkPath, value, width, autoColor, lineColor, isHyaline);
    }

    public UnlimitedCode withWidth(int value) {
        return new UnlimitedCode(scene, page, checkPath, envVersion, value, autoColor, lineColor, isHyaline);
    }

    public UnlimitedCode withAutoColor(boolean value) {
        return new UnlimitedCode(scene, page, checkPath, envVersion, width, value, lineColor, isHyaline);
    }

    public UnlimitedCode withLineColor(Rgb value) {
        return new UnlimitedCode(scene, page, checkPath, envVersion, width, autoColor, value, isHyaline);
    }

    public UnlimitedCode withHyaline(boolean value) {
        return new UnlimitedCode(scene, page, checkPath, envVersion, width, autoColor, lineColor, value);
    }
}
