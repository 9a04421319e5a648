package dev.wxacode.core.code;

import dev.wxacode.core.wire.Endpoint;
import dev.wxacode.core.wire.Errcode;
import dev.wxacode.core.wire.WxException;
import java.util.Objects;

/**
 * One valid request for a code whose target the server keeps (wxacode.get, createQRCode): WeChat
 * caps how many an app may have, and the same path and build is the same code.
 *
 * @param width pixels per side, already clamped to {@link CodeRequest#MIN_WIDTH}–{@link CodeRequest#MAX_WIDTH}
 */
public record LimitedCodeRequest(Kind kind, CodePath path, EnvVersion envVersion, int width, boolean autoColor,
                                 LineColor lineColor, boolean isHyaline) {

    /** Which API made the code: what it looks like, how long its path may be and how a scan of it is told. */
    public enum Kind implements LaunchKind {
        /** wxacode.get: a mini-program code, drawn as getUnlimited draws one. */
        WXACODE("wxacode", Endpoint.GET_CODE, CodePath.MAX_BYTES, 1047),
        /** createQRCode: a plain square code, black on white, of the released build. */
        QRCODE("qrcode", Endpoint.CREATE_QRCODE, CodePath.MAX_QRCODE_BYTES, 1011);

        private final String storedName;
        private final Endpoint endpoint;
        private final int maxPathBytes;
        private final int launchScene;

        Kind(String storedName, Endpoint endpoint, int maxPathBytes, int launchScene) {
            this.storedName = storedName;
            this.endpoint = endpoint;
            this.maxPathBytes = maxPathBytes;
            this.launchScene = launchScene;
        }

        @Override
        public String storedName() {
            return storedName;
        }

        /** The WeChat endpoint that makes such codes. */
        public Endpoint endpoint() {
            return endpoint;
        }

        @Override
        public int launchScene() {
            return launchScene;
        }
    }

    public LimitedCodeRequest {
        Objects.requireNonNull(kind, "kind == null");
        Objects.requireNonNull(path, "path == null");
        Objects.requireNonNull(envVersion, "envVersion == null");
        Objects.requireNonNull(lineColor, "lineColor == null");
        if (width < CodeRequest.MIN_WIDTH || width > CodeRequest.MAX_WIDTH) {
            throw new IllegalArgumentException("width " + width + " outside " + CodeRequest.MIN_WIDTH + "-"
                    + CodeRequest.MAX_WIDTH);
        }
        if (kind == Kind.QRCODE && (envVersion != EnvVersion.RELEASE || autoColor || !lineColor.equals(LineColor.BLACK)
                || isHyaline)) {
            throw new IllegalArgumentException("a createQRCode code is black on white and opens the released build");
        }
    }

    /** A createQRCode request, checked: the path (40159, 85096, 41030), then the width (40189). */
    public static LimitedCodeRequest qrcode(String path, double width) {
        CodePath validPath = CodePath.parse(path, Kind.QRCODE.maxPathBytes);
        return new LimitedCodeRequest(Kind.QRCODE, validPath, EnvVersion.RELEASE, width(width), false,
                LineColor.BLACK, false);
    }

    /**
     * A wxacode.get request, checked: the path (40159, 85096, 41030), env_version (40097), the width (40189).
     *
     * @param envVersion null is {@code release}
     * @param lineColor  null is black
     */
    public static LimitedCodeRequest wxacode(String path, String envVersion, double width, boolean autoColor,
                                             LineColor lineColor, boolean isHyaline) {
        CodePath validPath = CodePath.parse(path, Kind.WXACODE.maxPathBytes);
        EnvVersion env = envVersion == null ? EnvVersion.RELEASE : EnvVersion.fromWire(envVersion);
        return new LimitedCodeRequest(Kind.WXACODE, validPath, env, width(width), autoColor,
                lineColor == null ? LineColor.BLACK : lineColor, isHyaline);
    }

    /**
     * Zero or less is no width (40189); anything else is clamped as getUnlimited clamps it, so the
     * two APIs give the same size for the same number.
     */
    private static int width(double requested) {
        if (!(requested > 0)) {
            throw new WxException(Errcode.INVALID_WIDTH, "width " + requested);
        }
        return CodeRequest.clampWidth(requested);
    }
}
