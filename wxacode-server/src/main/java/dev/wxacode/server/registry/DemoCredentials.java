package dev.wxacode.server.registry;

import java.util.Optional;

/**
 * How to reach the demo app a fresh server creates.
 *
 * @param secret empty when the secret was rotated since first start
 */
public record DemoCredentials(String appid, Optional<String> secret) {
    @Override
    public String toString() {
        return "DemoCredentials[" + appid + "]";
    }
}
