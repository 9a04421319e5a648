package dev.wxacode.core.link;

import dev.wxacode.core.code.Appid;
import java.util.Objects;

/**
 * The link inside a URL Scheme or URL Link: like a {@link LimitedLink}, the number of what the app
 * keeps on the server (page, query, build and expiry), in a table of its own, since each
 * generation is a new link with its own expiry.
 *
 * @param linkId the app's number for the kept link, from 1
 */
public record JumpLink(Appid appid, int linkId) implements SignedLink {
    public JumpLink {
        Objects.requireNonNull(appid, "appid == null");
        if (linkId < 1) {
            throw new IllegalArgumentException("linkId " + linkId + " < 1");
        }
    }
}
