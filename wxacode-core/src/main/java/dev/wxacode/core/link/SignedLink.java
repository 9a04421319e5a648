package dev.wxacode.core.link;

import dev.wxacode.core.code.Appid;

/**
 * What a code's token says once its signature verifies: a {@link LaunchLink}, which carries all it
 * opens, a {@link LimitedLink}, which names a code the app keeps on the server, or a {@link JumpLink},
 * which names a URL Scheme or URL Link it keeps.
 */
public sealed interface SignedLink permits LaunchLink, LimitedLink, JumpLink {
    Appid appid();
}
