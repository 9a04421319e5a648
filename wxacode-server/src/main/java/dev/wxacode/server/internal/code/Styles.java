package dev.wxacode.server.internal.code;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.wxacode.core.code.Appid;
import dev.wxacode.core.code.CodeRequest;
import dev.wxacode.core.code.EnvVersion;
import dev.wxacode.core.code.Scene;
import dev.wxacode.core.link.LaunchLink;
import dev.wxacode.core.link.LimitedLink;
import dev.wxacode.core.link.LinkCodec;
import dev.wxacode.core.link.LinkUrl;
import dev.wxacode.core.qr.QrEncoder;
import dev.wxacode.core.render.RenderSpec;
import dev.wxacode.core.scan.CodeReader;
import dev.wxacode.core.style.CodeStyle;
import dev.wxacode.core.style.Frame;
import dev.wxacode.core.style.Logo;
import dev.wxacode.core.style.StylePlan;
import dev.wxacode.core.style.StyledCodes;
import dev.wxacode.core.wire.Errcode;
import dev.wxacode.core.wire.WxException;
import dev.wxacode.server.internal.registry.StyleCheck;
import dev.wxacode.server.registry.App;
import dev.wxacode.server.registry.AppStyle;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Apps' styles as drawings: the style an app's codes are drawn in, its logo decoded once, and the
 * check a style passes before it is stored ({@link StyleCheck}).
 *
 * <p>The check draws the longest link the app's codes can carry (a 32-character scene on the
 * highest page number) and the shortest (a wxacode.get code's), at the smallest, the default and
 * the largest width, and refuses the style if any of them needs more than {@link StyledCodes}'s
 * budget allows, leaves modules under {@link #MIN_MODULE_PIXELS}, or does not read with ZXing from
 * the encoded JPEG exactly as drawn, colours and all.
 */
public final class Styles implements StyleCheck {
    static final int[] WIDTHS = {CodeRequest.MIN_WIDTH, CodeRequest.DEFAULT_WIDTH, CodeRequest.MAX_WIDTH};
    /** Below this a dot is a square and a rounded corner a step: the style would not look as asked. */
    static final int MIN_MODULE_PIXELS = 3;
    /** As apps are read ({@code RecentReads}): a logo replaced through any node shows within a second. */
    private static final Duration LOGO_FRESH = Duration.ofSeconds(1);
    private static final int LOGOS_KEPT = 1_000;
    /** Any 32 characters of the scene alphabet make a token this long: they are carried as bytes. */
    private static final Scene LONGEST_SCENE = new Scene("~".repeat(Scene.MAX_LENGTH));

    private final StyledCodes drawer;
    private final LinkCodec links;
    private final LinkUrl linkUrl;
    private final int maxPagesPerApp;
    private final QrEncoder encoder = new QrEncoder();
    private final CodeReader reader = new CodeReader(Long.MAX_VALUE);
    /** By appid: the logo as last read, for {@link #LOGO_FRESH}. */
    private final Cache<String, Optional<Logo>> logos = Caffeine.newBuilder().maximumSize(LOGOS_KEPT)
            .expireAfterWrite(LOGO_FRESH).executor(Runnable::run).build();
    /** By the file's digest, so that a logo read again is not decoded again. */
    private final Cache<String, Logo> decoded = Caffeine.newBuilder().maximumSize(LOGOS_KEPT)
            .executor(Runnable::run).build();

    /**
     * @param drawer         shared with the codes, so its fallbacks are counted in one place
     * @param maxPagesPerApp the highest page number a link can carry
     */
    public Styles(StyledCodes drawer, LinkCodec links, LinkUrl linkUrl, int maxPagesPerApp) {
        this.drawer = drawer;
        this.links = links;
        this.linkUrl = linkUrl;
        this.maxPagesPerApp = maxPagesPerApp;
    }

    /**
     * The style the app's codes are drawn in: plain without one; without the logo while the app has
     * none (a style can only be stored with one, so only a logo removed by hand).
     *
     * @param logo reads the app's logo file, at most once a second per app
     */
    CodeStyle of(App app, Supplier<Optional<byte[]>> logo) {
        if (app.style().isEmpty()) {
            return CodeStyle.PLAIN;
        }
        AppStyle style = app.style().get();
        Optional<Logo> image = style.logo()
                ? logos.get(app.appid(), appid -> logo.get().map(this::decode))
                : Optional.empty();
        return style.toCodeStyle(image);
    }

    @Override
    public void check(App app, AppStyle style, Optional<byte[]> logo) {
        if (style.logo() && logo.isEmpty()) {
            throw refused("the style shows the app's logo, and the app has none: upload one first (PUT /admin/apps/"
                    + app.appid() + "/logo)");
        }
        CodeStyle drawn = style.toCodeStyle(logo.map(this::decode));
        Appid appid = new Appid(app.appid());
        List<String> links = List.of(
                linkUrl.toUrl(this.links.encode(new LaunchLink(appid, maxPagesPerApp, EnvVersion.DEVELOP, LONGEST_SCENE))),
                linkUrl.toUrl(this.links.encode(new LimitedLink(appid, 1))));
        for (String text : links) {
            StylePlan plan;
            try {
                plan = StylePlan.of(encoder, text, drawn);
            } catch (StylePlan.LogoDoesNotFit tooLarge) {
                throw refused(tooLarge.getMessage() + largest(text, drawn));
            }
            for (int width : WIDTHS) {
                check(text, plan.symbol().size(), width, drawn);
            }
        }
    }

    /** @param modules the symbol's modules per side, as planned for the style */
    private void check(String text, int modules, int width, CodeStyle style) {
        int scale = drawnScale(modules, width, style);
        if (scale < MIN_MODULE_PIXELS) {
            throw refused(String.format(Locale.ROOT, "at %d px the modules would be %d px, under %d: %s", width, scale,
                    MIN_MODULE_PIXELS, style.frame() == Frame.ROUND
                            ? "without the round frame they have more room" : "a smaller logo keeps the symbol smaller"));
        }
        RenderSpec spec = new RenderSpec(width, 0x000000, false);
        StyledCodes.Drawing drawing = drawer.choose(text, spec, style);
        if (!drawing.style().equals(style)) {
            throw refused("at " + width + " px no mask of the code reads back with the logo in it: a smaller logo_size, or"
                    + " a logo with less contrast inside it, reads");
        }
        byte[] jpeg = StyledCodes.render(drawing, spec);
        String read;
        try {
            read = reader.read(jpeg);
        } catch (WxException notFound) {
            read = "";
        }
        if (!read.equals(text)) {
            throw refused("at " + width + " px ZXing does not read the code in these colours: darker finder_color or"
                    + " frame_color (on white) reads");
        }
    }

    private static int drawnScale(int modules, int width, CodeStyle style) {
        try {
            return StyledCodes.layout(modules, width, style.frame()).scale();
        } catch (IllegalArgumentException tooSmall) {
            return 0;
        }
    }

    private String largest(String text, CodeStyle style) {
        return StylePlan.largestLogo(encoder, text, style)
                .map(size -> String.format(Locale.ROOT, "; at most logo_size %.2f fits", size))
                .orElse("; no logo fits a link this long (a shorter public URL makes room)");
    }

    private Logo decode(byte[] file) {
        return decoded.get(Logo.digestOf(file), digest -> Logo.of(file));
    }

    private static WxException refused(String why) {
        return new WxException(Errcode.INVALID_ARGUMENT, why, why);
    }
}
