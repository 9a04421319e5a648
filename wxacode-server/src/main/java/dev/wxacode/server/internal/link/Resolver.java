package dev.wxacode.server.internal.link;

import dev.wxacode.core.link.LaunchLink;
import dev.wxacode.core.link.LinkCodec;
import dev.wxacode.core.wire.Errcode;
import dev.wxacode.core.wire.WxException;
import dev.wxacode.server.internal.registry.Registry;
import dev.wxacode.server.internal.registry.Release;
import dev.wxacode.server.link.Resolution;
import java.time.Clock;

/** Turns the token of a scanned code into a {@link Resolution}, after checking its signature. */
public final class Resolver {
    private final LinkCodec links;
    private final Registry registry;
    private final Clock clock;

    public Resolver(LinkCodec links, Registry registry, Clock clock) {
        this.links = links;
        this.registry = registry;
        this.clock = clock;
    }

    /**
     * @throws WxException {@link Errcode#INVALID_LINK} or {@link Errcode#UNKNOWN_SIGNING_KEY} for a
     *                     forged, damaged or foreign token; {@link Errcode#APP_UNAVAILABLE} if the
     *                     app is disabled
     */
    public Resolution resolve(String token) {
        LaunchLink link = verify(token);
        String appid = link.appid().value();
        String page = link.pageId() == LaunchLink.HOME_PAGE
                ? registry.release(appid, link.envVersion()).map(Release::homePage).orElse("")
                : registry.pagePath(appid, link.pageId())
                        .orElseThrow(() -> new WxException(Errcode.INVALID_LINK, "page id " + link.pageId() + " unknown"));
        return new Resolution(appid, link.envVersion(), page, link.scene(), clock.instant().getEpochSecond());
    }

    /**
     * The link inside a token this server signed, of an app that is not disabled: what {@link
     * #resolve} checks, without finding the page's path. For a caller that needs the link only
     * (its image), and that should not read the app's release to learn a page it does not show.
     *
     * @throws WxException as {@link #resolve}
     */
    public LaunchLink verify(String token) {
        LaunchLink link = links.decode(token);
        String appid = link.appid().value();
        if (registry.find(appid).filter(app -> !app.disabled()).isEmpty()) {
            throw new WxException(Errcode.APP_UNAVAILABLE, appid);
        }
        return link;
    }
}
