package dev.wxacode.core.code;

import java.util.Objects;

/**
 * One valid request for a code, whatever wire form it came in (HTTP snake_case, cloud-call
 * camelCase, a CSV row). Defaults follow the wire spec: home page, {@code check_path} true,
 * {@code release}, 430 px, black, opaque JPEG.
 *
 * @param width pixels per side, already clamped to {@link #MIN_WIDTH}–{@link #MAX_WIDTH}
 */
public record CodeRequest(Scene scene, PagePath page, boolean checkPath, EnvVersion envVersion,
                          int width, boolean autoColor, LineColor lineColor, boolean isHyaline) {
    public static final int DEFAULT_WIDTH = 430;
    public static final int MIN_WIDTH = 280;
    public static final int MAX_WIDTH = 1280;

    public CodeRequest {
        Objects.requireNonNull(scene, "scene == null");
        Objects.requireNonNull(page, "page == null");
        Objects.requireNonNull(envVersion, "envVersion == null");
        Objects.requireNonNull(lineColor, "lineColor == null");
        if (width < MIN_WIDTH || width > MAX_WIDTH) {
            throw new IllegalArgumentException("width " + width + " outside " + MIN_WIDTH + "-" + MAX_WIDTH);
        }
    }

    /** A request with every optional field at its wire default. */
    public static CodeRequest of(String scene) {
        return new CodeRequest(new Scene(scene), PagePath.HOME, true, EnvVersion.RELEASE, DEFAULT_WIDTH,
                false, LineColor.BLACK, false);
    }

    /**
     * A request from values as a wire form gives them (a JSON body, a CSV row), checked in WeChat's
     * order: scene (40169, 40129), then env_version (40097), then page (85096, 41030). Every form
     * comes through here, so a value is refused for the same reason whichever form carried it.
     *
     * @param scene      null counts as absent, and so as empty
     * @param page       null or {@code ""} is the home page
     * @param envVersion null is {@code release}
     * @param width      as requested: clamped by {@link #clampWidth}
     * @param lineColor  null is black
     * @throws dev.wxacode.core.wire.WxException the first value's errcode
     */
    public static CodeRequest checked(String scene, String page, boolean checkPath, String envVersion, double width,
                                      boolean autoColor, LineColor lineColor, boolean isHyaline) {
        Scene validScene = new Scene(scene);
        EnvVersion env = envVersion == null ? EnvVersion.RELEASE : EnvVersion.fromWire(envVersion);
        PagePath validPage = new PagePath(page);
        return new CodeRequest(validScene, validPage, checkPath, env, clampWidth(width), autoColor,
                lineColor == null ? LineColor.BLACK : lineColor, isHyaline);
    }

    /**
     * Widths outside 280–1280 are clamped, never refused (wire spec §1: a width under 280 was seen to
     * give a 280 px image; above 1280 is undocumented, and clamping keeps the reply an image).
     * Fractions are dropped.
     */
    public static int clampWidth(double requested) {
        if (Double.isNaN(requested) || requested < MIN_WIDTH) {
            return MIN_WIDTH;
        }
        return requested > MAX_WIDTH ? MAX_WIDTH : (int) requested;
    }
}
