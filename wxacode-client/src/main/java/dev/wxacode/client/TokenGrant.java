package dev.wxacode.client;

import java.time.Duration;

/** An access token and how long it is valid from when it was received. */
record TokenGrant(String token, Duration expiresIn) {
    @Override
    public String toString() {
        return "TokenGrant[expiresIn=" + expiresIn + "]";
    }
}
