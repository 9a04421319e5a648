package dev.wxacode.server.internal.registry;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.wxacode.core.code.Appid;
import dev.wxacode.core.code.AutoColor;
import dev.wxacode.core.code.EnvVersion;
import dev.wxacode.core.code.JumpRequest;
import dev.wxacode.core.code.LineColor;
import dev.wxacode.core.code.PagePath;
import dev.wxacode.core.scan.Pictures;
import dev.wxacode.core.wire.Errcode;
import dev.wxacode.core.wire.WxException;
import dev.wxacode.server.internal.storage.RecentReads;
import dev.wxacode.server.registry.App;
import dev.wxacode.server.registry.AppStyle;
import dev.wxacode.server.registry.AppType;
import dev.wxacode.server.registry.SecretHash;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Registering apps, their secrets and their releases.
 *
 * <p>Apps are read through {@link RecentReads}: a change made through another node is seen here
 * within a second, one made here at once. Releases are always read from the store, so a page
 * published through any node is used by every node on the next request. A page's number never
 * changes once given, so this node remembers the numbers it has seen.
 */
public final class Registry {
    private static final Pattern SECRET_FORM = Pattern.compile("[0-9a-fA-F]{32}");
    private static final long LOGO_MAX_PIXELS = 4096L * 4096;
    private static final int APPS_KEPT = 10_000;
    private static final int PAGE_IDS_KEPT = 100_000;

    private record Page(String appid, String path) {
    }

    /** An app as created, with the one copy of its secret that is ever shown. */
    public record Created(App app, String secret) {
        @Override
        public String toString() {
            return "Created[" + app.appid() + "]";
        }
    }

    /**
     * What to create.
     *
     * @param appid  empty to generate one
     * @param secret empty to generate one; else 32 hex digits, as WeChat's
     */
    public record NewApp(Optional<String> appid, Optional<String> secret, boolean demo, AppSettings settings) {
        @Override
        public String toString() {
            return "NewApp[" + appid.orElse("(generated)") + "]";
        }
    }

    private final RegistryStore store;
    private final SecureRandom random;
    private final Clock clock;
    private final int maxPagesPerApp;
    private final int maxLimitedCodesPerApp;
    private final StyleCheck styles;
    private final RecentReads<String, App> apps;
    private final Cache<Page, Integer> pageIds = Caffeine.newBuilder().maximumSize(PAGE_IDS_KEPT).executor(Runnable::run).build();

    /**
     * @param maxPagesPerApp        pages an app may have; WeChat allows 60 000 for codes made with {@code check_path} false
     * @param maxLimitedCodesPerApp wxacode.get and createQRCode codes an app may have together; WeChat allows 100 000
     * @param styles                what a style (or a logo a style shows) must pass before it is stored
     */
    public Registry(RegistryStore store, SecureRandom random, Clock clock, int maxPagesPerApp, int maxLimitedCodesPerApp,
                    StyleCheck styles) {
        this.store = store;
        this.random = random;
        this.clock = clock;
        this.maxPagesPerApp = maxPagesPerApp;
        this.maxLimitedCodesPerApp = maxLimitedCodesPerApp;
        this.styles = styles;
        this.apps = new RecentReads<>(clock, APPS_KEPT);
    }

    public Optional<App> find(String appid) {
        return apps.get(appid, store::find);
    }

    /** @throws WxException {@link Errcode#APP_NOT_FOUND} */
    public App require(String appid) {
        return find(appid).orElseThrow(() -> new WxException(Errcode.APP_NOT_FOUND, null, appid));
    }

    public List<App> list() {
        return store.list();
    }

    /**
     * @throws WxException {@link Errcode#APP_EXISTS} if the appid is taken,
     *                     {@link Errcode#INVALID_ARGUMENT} for a malformed appid or secret
     */
    public Created create(NewApp spec) {
        String appid = spec.appid().orElseGet(this::newAppid);
        if (!Appid.isWellFormed(appid)) {
            throw new WxException(Errcode.INVALID_ARGUMENT, null, "appid must be wx followed by 16 lowercase hex digits");
        }
        String secret = spec.secret().orElseGet(() -> SecretHash.newSecret(random));
        requireSecretForm(secret);
        AppSettings s = spec.settings();
        App app = new App(appid, s.name().orElse(appid), s.type().orElse(AppType.MINIPROGRAM),
                SecretHash.of(secret, random), s.secretFrozen().orElse(false), false, spec.demo(),
                s.brandColor().orElse(Optional.empty()), s.ipWhitelist().orElse(List.of()),
                s.rateLimitPerMinute().orElse(OptionalInt.empty()), clock.millis(), Optional.empty());
        if (!store.insert(app)) {
            throw new WxException(Errcode.APP_EXISTS, null, appid);
        }
        return new Created(app, secret);
    }

    /** Replaces the secret; the old one stops working at once. @return the new secret */
    public String rotateSecret(String appid) {
        String secret = SecretHash.newSecret(random);
        setSecret(require(appid), secret);
        return secret;
    }

    /** @throws WxException {@link Errcode#INVALID_ARGUMENT} unless {@code secret} is 32 hex digits */
    public void setSecret(App app, String secret) {
        requireSecretForm(secret);
        store.setSecret(app.appid(), SecretHash.of(secret, random), clock.millis());
        apps.forget(app.appid());
    }

    public App update(String appid, AppSettings settings) {
        store.updateSettings(require(appid).appid(), settings, clock.millis());
        apps.forget(appid);
        return require(appid);
    }

    public App setDisabled(String appid, boolean disabled) {
        store.setDisabled(require(appid).appid(), disabled, clock.millis());
        apps.forget(appid);
        return require(appid);
    }

    /**
     * Stores a logo and takes its dominant colour as the app's brand colour (for {@code auto_color}).
     * When the app's style shows its logo, the new one must pass the style's check first.
     *
     * @throws WxException the errors of {@link Pictures#decode} for an unusable image, and of
     *                     {@link StyleCheck#check}
     */
    public App setLogo(String appid, byte[] image) {
        App app = require(appid);
        Optional<LineColor> brand = AutoColor.dominantColor(Pictures.decode(image, LOGO_MAX_PIXELS));
        app.style().filter(AppStyle::logo).ifPresent(style -> styles.check(app, style, Optional.of(image)));
        store.setLogo(appid, image.clone(), brand, clock.millis());
        apps.forget(appid);
        return require(appid);
    }

    public Optional<byte[]> logo(String appid) {
        return store.logo(appid);
    }

    /**
     * Sets how the app's codes look, once codes in that style read ({@link StyleCheck}).
     *
     * @throws WxException {@link Errcode#APP_NOT_FOUND}, and what {@link StyleCheck#check} throws
     */
    public App setStyle(String appid, AppStyle style) {
        App app = require(appid);
        styles.check(app, style, style.logo() ? store.logo(appid) : Optional.empty());
        store.setStyle(appid, Optional.of(style), clock.millis());
        apps.forget(appid);
        return require(appid);
    }

    /** Back to plain codes. */
    public App clearStyle(String appid) {
        store.setStyle(require(appid).appid(), Optional.empty(), clock.millis());
        apps.forget(appid);
        return require(appid);
    }

    public Map<EnvVersion, Release> releases(String appid) {
        return store.releases(require(appid).appid());
    }

    public Optional<Release> release(String appid, EnvVersion env) {
        return Optional.ofNullable(store.releases(appid).get(env));
    }

    /**
     * Publishes the app's build for {@code env}: from now on {@code check_path} accepts exactly
     * these pages, and a code without page opens the first.
     *
     * @throws WxException {@link Errcode#INVALID_ARGUMENT} for an empty list, a repeated page or a
     *                     page that breaks the page rules
     */
    public Release publish(String appid, EnvVersion env, List<String> pages) {
        require(appid);
        if (pages.isEmpty()) {
            throw new WxException(Errcode.INVALID_ARGUMENT, null, "a release needs at least its home page");
        }
        if (new LinkedHashSet<>(pages).size() != pages.size()) {
            throw new WxException(Errcode.INVALID_ARGUMENT, null, "pages repeat");
        }
        for (String page : pages) {
            try {
                if (new PagePath(page).isHome()) {
                    throw new WxException(Errcode.INVALID_PAGE);
                }
            } catch (WxException e) {
                throw new WxException(Errcode.INVALID_ARGUMENT, null,
                        "page '" + page + "': not empty, no leading /, no ?query, no spaces, at most "
                                + PagePath.MAX_LENGTH + " characters");
            }
        }
        Release release = new Release(env, pages, clock.millis());
        store.publish(appid, release);
        return release;
    }

    /**
     * Refuses a page the app's published build lacks: WeChat checks codes and links against the
     * {@code release} build whatever {@code env_version} they open. The home page is in every build.
     *
     * @throws WxException {@code noRelease} for an app without a published release, {@code missingPage}
     *                     for a page it lacks
     */
    public void requirePublished(String appid, PagePath page, Errcode noRelease, Errcode missingPage) {
        Release published = release(appid, EnvVersion.RELEASE)
                .orElseThrow(() -> new WxException(noRelease, "app not published"));
        if (!page.isHome() && !published.pages().contains(page.value())) {
            throw new WxException(missingPage, "page not in the published release");
        }
    }

    /** The page's number, adding it to the app's table if new; empty once the table is full. */
    public OptionalInt pageId(String appid, String path) {
        Page page = new Page(appid, path);
        Integer known = pageIds.getIfPresent(page);
        if (known != null) {
            return OptionalInt.of(known);
        }
        OptionalInt id = store.pageId(appid, path, maxPagesPerApp);
        id.ifPresent(n -> pageIds.put(page, n));
        return id;
    }

    public Optional<String> pagePath(String appid, int pageId) {
        return store.pagePath(appid, pageId);
    }

    /** The code's number, adding it to the app's codes if new; empty once the app has as many as it may. */
    public OptionalInt limitedCodeId(String appid, LimitedCode code) {
        return store.limitedCodeId(appid, code, clock.millis(), maxLimitedCodesPerApp);
    }

    public Optional<LimitedCode> limitedCode(String appid, int codeId) {
        return store.limitedCode(appid, codeId);
    }

    /** Keeps a new URL Scheme, URL Link or Short Link, made now; its number. */
    public int addJumpLink(String appid, JumpRequest request, Optional<String> cloudBase) {
        return store.addJumpLink(appid, new KeptJump(request, clock.instant().getEpochSecond(), cloudBase));
    }

    public Optional<KeptJump> jumpLink(String appid, int linkId) {
        return store.jumpLink(appid, linkId);
    }

    private String newAppid() {
        byte[] bytes = new byte[8];
        random.nextBytes(bytes);
        return "wx" + HexFormat.of().formatHex(bytes);
    }

    private static void requireSecretForm(String secret) {
        if (!SECRET_FORM.matcher(secret).matches()) {
            throw new WxException(Errcode.INVALID_ARGUMENT, null, "secret must be 32 hex digits");
        }
    }
}
