package dev.wxacode.server.internal.registry;

import dev.wxacode.core.code.JumpRequest;
import java.util.Objects;
import java.util.Optional;

/**
 * A URL Scheme, URL Link or Short Link as the app keeps it.
 *
 * @param createdAtSeconds Unix seconds
 * @param cloudBase        a URL link's {@code cloud_base} as it was sent, compact JSON
 */
public record KeptJump(JumpRequest request, long createdAtSeconds, Optional<String> cloudBase) {
    public KeptJump {
        Objects.requireNonNull(request, "request == null");
        Objects.requireNonNull(cloudBase, "cloudBase == null");
    }

    public boolean expiredAt(long nowSeconds) {
        return nowSeconds >= request.expiresAtSeconds();
    }
}
