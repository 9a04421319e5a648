package dev.wxacode.core.link;

import dev.wxacode.core.code.Appid;
import java.util.Objects;

/**
 * The link of a code whose target is kept on the server (wxacode.get, createQRCode): a path with
 * its query can be 1024 bytes, far more than a scannable code should carry, and WeChat caps how
 * many of these an app may make, so each is stored once and numbered, and the link carries the
 * number.
 *
 * @param codeId the app's number for the stored code, from 1
 */
public record LimitedLink(Appid appid, int codeId) implements SignedLink {
    public LimitedLink {
        Objects.requireNonNull(appid, "appid == null");
        if (codeId < 1) {
            throw new IllegalArgumentException("codeId " + codeId + " < 1");
        }
    }
}
