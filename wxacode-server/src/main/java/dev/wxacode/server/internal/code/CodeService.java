package dev.wxacode.server.internal.code;

import dev.wxacode.core.code.Appid;
import dev.wxacode.core.code.AutoColor;
import dev.wxacode.core.code.CodeRequest;
import dev.wxacode.core.code.LimitedCodeRequest;
import dev.wxacode.core.code.LineColor;
import dev.wxacode.core.link.JumpLink;
import dev.wxacode.core.link.LaunchLink;
import dev.wxacode.core.link.LimitedLink;
import dev.wxacode.core.link.LinkCodec;
import dev.wxacode.core.link.LinkUrl;
import dev.wxacode.core.link.SignedLink;
import dev.wxacode.core.qr.QrEncoder;
import dev.wxacode.core.render.ImageFormat;
import dev.wxacode.core.render.RenderSpec;
import dev.wxacode.core.render.Renderer;
import dev.wxacode.core.style.CodeStyle;
import dev.wxacode.core.style.PrintSize;
import dev.wxacode.core.style.StyledCodes;
import dev.wxacode.core.style.VectorCodes;
import dev.wxacode.core.wire.Errcode;
import dev.wxacode.core.wire.WxException;
import dev.wxacode.server.code.RenderedCode;
import dev.wxacode.server.internal.observe.Metrics;
import dev.wxacode.server.internal.ratelimit.CpuSlots;
import dev.wxacode.server.internal.registry.LimitedCode;
import dev.wxacode.server.internal.registry.Registry;
import dev.wxacode.server.registry.App;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Makes a code: checks the page against the app's release, signs the launch link, encodes it as
 * QR and draws it, plain or in the app's style ({@link Styles}). Encoding and drawing take a
 * {@link CpuSlots} slot; a code drawn before for the same link, spec and style comes from the
 * {@link CodeCache} instead, without a slot.
 *
 * <p>getwxacodeunlimit's and wxacode.get's codes carry the app's style, as WeChat's carry the
 * app's avatar; createQRCode's stay plain squares, as WeChat's do.
 */
public final class CodeService {
    /**
     * Which drawing the images' names stand for: raise it in any change that makes different bytes
     * for the same link and spec (encoding, layout, either image encoder). DrawingVersionTest pins
     * the images of this version and fails until it is raised.
     */
    static final int DRAWING_VERSION = 1;
    /** The same for styled drawings ({@link StyledCodes}): raise it in any change to how a style draws. */
    static final int STYLED_DRAWING_VERSION = 2;

    private final Registry registry;
    private final LinkCodec links;
    private final LinkUrl linkUrl;
    private final QrEncoder encoder = new QrEncoder();
    private final Renderer renderer;
    private final StyledCodes styled;
    private final Styles styles;
    private final CpuSlots cpu;
    private final Metrics metrics;
    private final CodeCache cache;

    /**
     * @param renderer   plain codes
     * @param styled     codes in a style
     * @param cacheBytes memory for finished images, in bytes; 0 draws every code
     */
    public CodeService(Registry registry, LinkCodec links, LinkUrl linkUrl, Renderer renderer, StyledCodes styled,
                       Styles styles, CpuSlots cpu, Metrics metrics, long cacheBytes) {
        this.registry = registry;
        this.links = links;
        this.linkUrl = linkUrl;
        this.renderer = renderer;
        this.styled = styled;
        this.styles = styles;
        this.cpu = cpu;
        this.metrics = metrics;
        this.cache = new CodeCache(cacheBytes, metrics);
    }

    /**
     * @throws WxException 41030 if {@code check_path} is on and the page is not in the published
     *                     release (or the app has none); -1 if no CPU slot frees in time
     */
    public RenderedCode create(App app, CodeRequest request) {
        // The page check and the signing run every time: the cache only saves the drawing.
        return image(launchUrl(app, request), spec(app, request), styleOf(app));
    }

    /**
     * The same code for print, SVG or PDF, laid out as its JPEG at the request's width; not kept in
     * the cache (prints are made once, and are large).
     *
     * @throws WxException as {@link #create}
     */
    public RenderedCode createPrint(App app, CodeRequest request, ImageFormat format, PrintSize size) {
        return print(launchUrl(app, request), spec(app, request), styleOf(app), format, size);
    }

    private String launchUrl(App app, CodeRequest request) {
        int pageId = pageId(app, request);
        return linkUrl.toUrl(links.encode(new LaunchLink(new Appid(app.appid()), pageId, request.envVersion(), request.scene())));
    }

    private static RenderSpec spec(App app, CodeRequest request) {
        return spec(app, request.width(), request.autoColor(), request.lineColor(), request.isHyaline());
    }

    /**
     * A wxacode.get or createQRCode code: the page must be in the published release, as WeChat makes
     * these for published mini programs only, and a new code must fit the app's cap.
     *
     * @throws WxException 41030 for a page the published release lacks; 45029 for a new code past the
     *                     cap; -1 if no CPU slot frees in time
     */
    public RenderedCode createLimited(App app, LimitedCodeRequest request) {
        registry.requirePublished(app.appid(), request.path().page(), Errcode.INVALID_PAGE, Errcode.INVALID_PAGE);
        int codeId = registry.limitedCodeId(app.appid(), LimitedCode.of(request))
                .orElseThrow(() -> new WxException(Errcode.CODE_COUNT_LIMIT, "the app has as many codes as it may"));
        String token = links.encode(new LimitedLink(new Appid(app.appid()), codeId));
        return image(linkUrl.toUrl(token), spec(app, request.width(), request.autoColor(), request.lineColor(),
                request.isHyaline()), styleOf(app, request.kind()));
    }

    private static RenderSpec spec(App app, int width, boolean autoColor, LineColor lineColor, boolean isHyaline) {
        LineColor color = autoColor ? AutoColor.lineColorFor(app.brandColor()) : lineColor;
        return new RenderSpec(width, color.rgb(), isHyaline);
    }

    /**
     * The image of a link signed before, its token checked by the caller: the same bytes and name
     * as the code {@link #create} or {@link #createLimited} made for that link and spec.
     */
    RenderedCode ofLink(String token, SignedLink link, RenderSpec spec) {
        return image(linkUrl.toUrl(token), spec, styleOf(link));
    }

    /** What {@link #ofLink} would name its image, without drawing it. */
    String nameOfLink(String token, SignedLink link, RenderSpec spec) {
        return name(linkUrl.toUrl(token), spec, styleOf(link));
    }

    /** The image of a link signed before, for print: as {@link #createPrint} for the code that carried it. */
    RenderedCode printOfLink(String token, SignedLink link, RenderSpec spec, ImageFormat format, PrintSize size) {
        return print(linkUrl.toUrl(token), spec, styleOf(link), format, size);
    }

    /** What {@link #printOfLink} would name its file, without drawing it. */
    String nameOfPrint(String token, SignedLink link, RenderSpec spec, ImageFormat format, PrintSize size) {
        return printName(linkUrl.toUrl(token), spec, styleOf(link), format, size);
    }

    private CodeStyle styleOf(App app) {
        return styles.of(app, () -> registry.logo(app.appid()));
    }

    private CodeStyle styleOf(App app, LimitedCodeRequest.Kind kind) {
        return kind == LimitedCodeRequest.Kind.QRCODE ? CodeStyle.PLAIN : styleOf(app);
    }

    /**
     * The style the code that carries this link was drawn in: its app's, unless it is no code of
     * ours in that style. Which API made a limited code is read only when the app has a style, so
     * a plain app's link images cost no read of the store.
     */
    private CodeStyle styleOf(SignedLink link) {
        App app = registry.require(link.appid().value());
        return switch (link) {
            case LaunchLink launch -> styleOf(app);
            case LimitedLink limited -> app.style().isEmpty() ? CodeStyle.PLAIN
                    : registry.limitedCode(app.appid(), limited.codeId()).map(code -> styleOf(app, code.kind()))
                            .orElse(CodeStyle.PLAIN);
            case JumpLink jump -> CodeStyle.PLAIN;
        };
    }

    private RenderedCode image(String url, RenderSpec spec, CodeStyle style) {
        return cache.get(url, spec, style, () -> cpu.run(() -> draw(url, spec, style)));
    }

    /**
     * With {@code check_path}, WeChat checks the page against the published build, whatever
     * {@code env_version} the code opens (wire spec §1): a trial code for a page that only the trial
     * build has needs {@code check_path} false.
     */
    private int pageId(App app, CodeRequest request) {
        if (request.checkPath()) {
            registry.requirePublished(app.appid(), request.page(), Errcode.INVALID_PAGE, Errcode.INVALID_PAGE);
        }
        if (request.page().isHome()) {
            return LaunchLink.HOME_PAGE;
        }
        return registry.pageId(app.appid(), request.page().value())
                .orElseThrow(() -> new WxException(Errcode.INVALID_PAGE, "the app's page table is full"));
    }

    /** QR-encodes the link for this size and draws it; timed as {@code wxacode_render_seconds}. */
    private RenderedCode draw(String url, RenderSpec spec, CodeStyle style) {
        long start = System.nanoTime();
        byte[] image = style.isPlain() ? renderer.render(encoder.encodeFor(url, spec.width()), spec)
                : styled.render(url, spec, style);
        metrics.rendered(spec.format(), System.nanoTime() - start);
        return new RenderedCode(image, spec.format(), name(url, spec, style), url);
    }

    private RenderedCode print(String url, RenderSpec spec, CodeStyle style, ImageFormat format, PrintSize size) {
        return cpu.run(() -> {
            long start = System.nanoTime();
            byte[] file = VectorCodes.write(styled.choose(url, spec, style), spec, format, size);
            metrics.rendered(format, System.nanoTime() - start);
            return new RenderedCode(file, format, printName(url, spec, style, format, size), url);
        });
    }

    /** The name of the image's drawing, with the format and the printed size. */
    static String printName(String url, RenderSpec spec, CodeStyle style, ImageFormat format, PrintSize size) {
        return digest(name(url, spec, style) + "|" + format.extension() + "|" + size);
    }

    /**
     * The image's name and ETag, from what decides its bytes rather than from the bytes: drawing is
     * deterministic, so this names the same image as a digest of the bytes would, hashing about a
     * hundred bytes instead of 36 KB (the digest of every image was an eighth of a code's CPU).
     * The drawing's version is in it, so a release that draws the same link differently gives the
     * new image a new tag, and a client or CDN never keeps an old image under a tag it still sees;
     * so is the style, logo included, for a styled image.
     */
    static String name(String url, RenderSpec spec, CodeStyle style) {
        String drawing = DRAWING_VERSION + "|" + spec.width() + "|" + spec.rgb() + "|" + spec.transparent() + "|" + url;
        return digest(style.isPlain() ? drawing : drawing + "|" + STYLED_DRAWING_VERSION + "|" + style.fingerprint());
    }

    private static String digest(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
