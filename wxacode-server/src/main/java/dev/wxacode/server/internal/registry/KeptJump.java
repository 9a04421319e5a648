package dev.wxacode.server.internal.registry;

import dev.wxacode.core.code.JumpRequest;
import java.util.Objects;

/**
 * A URL Scheme or URL Link as the app keeps it.
 *
 * @param createdAtSeconds Unix seconds
 */
public record KeptJump(JumpRequest request, long createdAtSeconds) {
    public KeptJump {
        Objects.requireNonNull(request, "request == null");
    }

    public boolean expiredAt(long nowSeconds) {
        return nowSeconds >= request.expiresAtSeconds();
    }
}
