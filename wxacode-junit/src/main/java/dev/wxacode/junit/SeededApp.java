package dev.wxacode.junit;

import java.util.Objects;

/**
 * An app of the seed file, with the secret the seed gave it: what a test configures its WeChat SDK
 * with (the server itself keeps only a hash of the secret).
 */
public record SeededApp(String appid, String secret) {
    public SeededApp {
        Objects.requireNonNull(appid, "appid == null");
        Objects.requireNonNull(secret, "secret == null");
    }

    /** The secret stays out of test reports and assertion messages. */
    @Override
    public String toString() {
        return "SeededApp[appid=" + appid + "]";
    }
}
