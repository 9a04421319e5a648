package dev.wxacode.server.internal.registry;

import dev.wxacode.core.code.CodePath;
import dev.wxacode.core.code.EnvVersion;
import dev.wxacode.core.code.LimitedCodeRequest;
import java.util.Objects;

/**
 * A wxacode.get or createQRCode code as the app keeps it: what it opens, not how it was drawn (the
 * same path and build in another width or colour is the same code, and counts once).
 */
public record LimitedCode(LimitedCodeRequest.Kind kind, CodePath path, EnvVersion envVersion) {
    public LimitedCode {
        Objects.requireNonNull(kind, "kind == null");
        Objects.requireNonNull(path, "path == null");
        Objects.requireNonNull(envVersion, "envVersion == null");
    }

    public static LimitedCode of(LimitedCodeRequest request) {
        return new LimitedCode(request.kind(), request.path(), request.envVersion());
    }
}
