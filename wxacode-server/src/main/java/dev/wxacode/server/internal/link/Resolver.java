package dev.wxacode.server.internal.link;

import dev.wxacode.core.code.CodePath;
import dev.wxacode.core.code.EnvVersion;
import dev.wxacode.core.code.JumpRequest;
import dev.wxacode.core.code.PagePath;
import dev.wxacode.core.link.JumpLink;
import dev.wxacode.core.link.LaunchLink;
import dev.wxacode.core.link.LimitedLink;
import dev.wxacode.core.link.LinkCodec;
import dev.wxacode.core.link.SignedLink;
import dev.wxacode.core.wire.Errcode;
import dev.wxacode.core.wire.WxException;
import dev.wxacode.server.internal.ratelimit.Quota;
import dev.wxacode.server.internal.ratelimit.Quotas;
import dev.wxacode.server.internal.registry.KeptJump;
import dev.wxacode.server.internal.registry.LimitedCode;
import dev.wxacode.server.internal.registry.Registry;
import dev.wxacode.server.internal.registry.Release;
import dev.wxacode.server.link.Resolution;
import java.time.Clock;
import java.util.Optional;

/** Turns the token of a scanned code into a {@link Resolution}, after checking its signature. */
public final class Resolver {
    private final LinkCodec links;
    private final Registry registry;
    private final Quotas quotas;
    private final int visitDailyLimit;
    private final Clock clock;

    /** @param visitDailyLimit openings of an app's URL Schemes and URL Links a day */
    public Resolver(LinkCodec links, Registry registry, Quotas quotas, int visitDailyLimit, Clock clock) {
        this.links = links;
        this.registry = registry;
        this.quotas = quotas;
        this.visitDailyLimit = visitDailyLimit;
        this.clock = clock;
    }

    /**
     * @throws WxException {@link Errcode#INVALID_LINK} or {@link Errcode#UNKNOWN_SIGNING_KEY} for a
     *                     forged, damaged or foreign token; {@link Errcode#APP_UNAVAILABLE} if the
     *                     app is disabled; {@link Errcode#LINK_EXPIRED} for a link past its expiry;
     *                     {@link Errcode#DAILY_VISIT_LIMIT} past the day's openings of schemes and URL links
     */
    public Resolution resolve(String token) {
        SignedLink link = verify(token);
        String appid = link.appid().value();
        long now = clock.instant().getEpochSecond();
        return switch (link) {
            case LaunchLink launch -> Resolution.ofScene(appid, launch.envVersion(),
                    launch.pageId() == LaunchLink.HOME_PAGE ? homePage(appid, launch.envVersion())
                            : registry.pagePath(appid, launch.pageId()).orElseThrow(
                                    () -> new WxException(Errcode.INVALID_LINK, "page id " + launch.pageId() + " unknown")),
                    launch.scene(), now);
            case LimitedLink limited -> {
                LimitedCode code = registry.limitedCode(appid, limited.codeId())
                        .orElseThrow(() -> new WxException(Errcode.INVALID_LINK, "code id " + limited.codeId() + " unknown"));
                yield new Resolution(appid, code.envVersion(), page(appid, code.envVersion(), code.path().page()),
                        code.path().parameters(), Optional.empty(), code.kind().launchScene(), now);
            }
            case JumpLink jump -> {
                KeptJump kept = registry.jumpLink(appid, jump.linkId())
                        .orElseThrow(() -> new WxException(Errcode.INVALID_LINK, "link id " + jump.linkId() + " unknown"));
                if (kept.expiredAt(now)) {
                    throw new WxException(Errcode.LINK_EXPIRED, "expired at " + kept.request().expiresAtSeconds());
                }
                JumpRequest request = kept.request();
                // WeChat counts the openings of schemes and URL links, not those of short links.
                if (request.kind() != JumpRequest.Kind.SHORT_LINK
                        && !quotas.tryConsume(appid, Quota.LINK_VISITS, visitDailyLimit)) {
                    throw new WxException(Errcode.DAILY_VISIT_LIMIT, "link openings a day: " + visitDailyLimit);
                }
                yield new Resolution(appid, request.envVersion(), page(appid, request.envVersion(), request.page()),
                        new CodePath(request.page(), request.query()).parameters(), Optional.empty(),
                        request.kind().launchScene(), now);
            }
        };
    }

    /**
     * The link inside a token this server signed, of an app that is not disabled: what {@link
     * #resolve} checks, without finding what it opens. For a caller that needs the link only (its
     * image), and that should not read the app's release to learn a page it does not show.
     *
     * @throws WxException as {@link #resolve}
     */
    public SignedLink verify(String token) {
        SignedLink link = links.decode(token);
        String appid = link.appid().value();
        if (registry.find(appid).filter(app -> !app.disabled()).isEmpty()) {
            throw new WxException(Errcode.APP_UNAVAILABLE, appid);
        }
        return link;
    }

    /** A kept page's path; the home page is that of the build at scan time. */
    private String page(String appid, EnvVersion env, PagePath page) {
        return page.isHome() ? homePage(appid, env) : page.value();
    }

    /** The home page of the build at scan time: a code made without a page follows the app's releases. */
    private String homePage(String appid, EnvVersion env) {
        return registry.release(appid, env).map(Release::homePage).orElse("");
    }
}
