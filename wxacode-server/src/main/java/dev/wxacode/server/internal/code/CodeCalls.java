package dev.wxacode.server.internal.code;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wxacode.core.code.CodeRequest;
import dev.wxacode.core.code.LimitedCodeRequest;
import dev.wxacode.core.code.LineColor;
import dev.wxacode.core.link.SignedLink;
import dev.wxacode.core.render.ImageFormat;
import dev.wxacode.core.render.RenderSpec;
import dev.wxacode.core.style.PrintSize;
import dev.wxacode.core.wire.Endpoint;
import dev.wxacode.core.wire.Errcode;
import dev.wxacode.core.wire.WxException;
import dev.wxacode.server.code.RenderedCode;
import dev.wxacode.server.config.ServerConfig;
import dev.wxacode.server.internal.http.Inbound;
import dev.wxacode.server.internal.http.Replies;
import dev.wxacode.server.internal.http.Reply;
import dev.wxacode.server.internal.link.Resolver;
import dev.wxacode.server.internal.ratelimit.MinuteLimits;
import dev.wxacode.server.internal.ratelimit.Quota;
import dev.wxacode.server.internal.ratelimit.Quotas;
import dev.wxacode.server.registry.App;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Every way a code is asked for, in one place, each entering WeChat's order of checks (wire spec
 * §1) where its caller's duties begin:
 * <ol>
 *   <li>the access token: missing 41001, bad 40001/42001 ({@link #wechat} and {@link #limited} only);</li>
 *   <li>a test's fault rule, for calls with a valid token, before they count against any limit
 *       (the same two only);</li>
 *   <li>the account type: 48001 for one that has no mini-program codes;</li>
 *   <li>the minute limit of getUnlimited, or the daily one of wxacode.get, 45009 (the same two only);</li>
 *   <li>the body: empty 44002, format 47001, then the values ({@link CodeRequest#checked},
 *       {@link LimitedCodeRequest#wxacode}, {@link LimitedCodeRequest#qrcode});</li>
 *   <li>the page against the release, 41030, the cap of limited codes, 45029, and the image
 *       ({@link CodeService}).</li>
 * </ol>
 * A new field's rules go in {@link WireCodeRequest} and the request's own checks; a new step goes
 * here, once, for every entry. {@link #ofLink} makes no new link, so it has none of these steps:
 * only the link's own check.
 */
public final class CodeCalls {
    private static final Pattern WIDTH = Pattern.compile("[0-9]{1,9}");

    private final WechatCaller caller;
    private final MinuteLimits minutes;
    private final Quotas quotas;
    private final CodeService codes;
    private final Resolver links;
    private final ServerConfig.Codes settings;

    /** @param settings the minute limit, the daily one of wxacode.get, and whether unknown body keys are refused */
    public CodeCalls(WechatCaller caller, MinuteLimits minutes, Quotas quotas,
                     CodeService codes, Resolver links, ServerConfig.Codes settings) {
        this.caller = caller;
        this.minutes = minutes;
        this.quotas = quotas;
        this.codes = codes;
        this.links = links;
        this.settings = settings;
    }

    /** {@code POST /wxa/getwxacodeunlimit?access_token=…}: every step. */
    RenderedCode wechat(Inbound request) {
        App app = caller.authorize(request, Endpoint.GET_UNLIMITED);
        minutes.takeCode(app.appid(), app.rateLimitPerMinute());
        return create(app, WechatCaller.body(request));
    }

    /**
     * {@code POST /wxa/getwxacode} and {@code POST /cgi-bin/wxaapp/createwxaqrcode}: every step.
     * Only wxacode.get has a daily limit; createQRCode has none but the cap it shares.
     */
    RenderedCode limited(Inbound request, LimitedCodeRequest.Kind kind) {
        App app = caller.authorize(request, kind.endpoint());
        if (kind == LimitedCodeRequest.Kind.WXACODE
                && !quotas.tryConsume(app.appid(), Quota.GET_CODE, settings.getCodeDaily())) {
            throw new WxException(Errcode.API_QUOTA_REACHED, "getwxacode daily limit of " + settings.getCodeDaily());
        }
        return createLimited(app, kind, request);
    }

    /**
     * The console's playground: the body and the answer of getwxacodeunlimit, but the caller is
     * the admin, not a token. No fault rule (a rule set for the backend under test must not be used
     * up by the playground) and no minute limit (an operator trying codes must not eat the
     * allowance of the app's real calls).
     */
    RenderedCode playground(Inbound request, App app) {
        request.owner(app.appid());
        WechatCaller.requireCodeAccount(app);
        return create(app, WechatCaller.body(request));
    }

    /**
     * The playground's wxacode.get and createQRCode: their body and answer, without fault rule or
     * daily limit for the same reasons. A new code is still one of the app's: it counts against the
     * cap as any other, since it is kept and its link resolves.
     */
    RenderedCode playgroundLimited(Inbound request, App app, LimitedCodeRequest.Kind kind) {
        request.owner(app.appid());
        WechatCaller.requireCodeAccount(app);
        return createLimited(app, kind, request);
    }

    /**
     * {@code GET /L/{token}/code.jpg} and {@code /code.png}: the image of a link this server signed,
     * black on white (JPEG) or on transparency (PNG), {@code ?width=} clamped as getwxacodeunlimit
     * clamps it, with the bytes and name the POST gave for the same link and values.
     *
     * <p>Whoever holds a link may have its image: the image holds nothing the link does not, and no
     * new link can be made this way. So there is no token, fault rule or minute limit (a stranger
     * must not use up an app's allowance), and no colour either (an app's codes are drawn as its
     * operator asks, not as a public URL says). The link must still resolve: a forged link, or one
     * of a disabled app, has no image.
     *
     * <p>It reads nothing of the HTTP request but these values, so that Javalin's route and the
     * server's own fast path ({@link JettyCodes}) answer alike.
     *
     * @param width       the {@code width} query parameter; null without one
     * @param ifNoneMatch the request's If-None-Match header; null without one
     * @param owner       told the link's app as soon as the link is known good, before any later refusal
     * @return without an image when {@code ifNoneMatch} names it already: nothing is drawn
     */
    LinkImage ofLink(String token, String width, String ifNoneMatch, boolean transparent, Consumer<String> owner) {
        SignedLink link = links.verify(token);
        owner.accept(link.appid().value());
        RenderSpec spec = new RenderSpec(width(width), LineColor.BLACK.rgb(), transparent);
        return revalidated(ifNoneMatch, () -> codes.nameOfLink(token, link, spec), () -> codes.ofLink(token, link, spec));
    }

    /**
     * {@code GET /L/{token}/code.svg} and {@code /code.pdf}: the code of a link for print, as
     * {@link #ofLink}, black on white, laid out as its JPEG at {@code ?width=}, {@code ?size=} wide
     * on paper (millimetres or pixels, {@code 30mm}; the layout's width in pixels without one).
     */
    LinkImage printOfLink(String token, String width, String size, ImageFormat format, String ifNoneMatch,
                          Consumer<String> owner) {
        SignedLink link = links.verify(token);
        owner.accept(link.appid().value());
        RenderSpec spec = new RenderSpec(width(width), LineColor.BLACK.rgb(), false);
        PrintSize printed;
        try {
            printed = size == null ? new PrintSize(spec.width(), PrintSize.Unit.PX) : PrintSize.parse(size);
        } catch (IllegalArgumentException e) {
            throw new WxException(Errcode.INVALID_ARGUMENT, "size " + size, e.getMessage());
        }
        return revalidated(ifNoneMatch, () -> codes.nameOfPrint(token, link, spec, format, printed),
                () -> codes.printOfLink(token, link, spec, format, printed));
    }

    /**
     * The image, or only its name for a client that holds it already ({@code If-None-Match}): then
     * nothing is drawn. The name is worked out beforehand only to compare it; the image carries its own.
     */
    private static LinkImage revalidated(String ifNoneMatch, Supplier<String> name, Supplier<RenderedCode> image) {
        if (ifNoneMatch != null) {
            String held = name.get();
            if (Replies.heldAlready(ifNoneMatch, held)) {
                return new LinkImage(held, Optional.empty());
            }
        }
        RenderedCode drawn = image.get();
        return new LinkImage(drawn.name(), Optional.of(drawn));
    }

    /** What {@link #ofLink} answers: the image, or only its name for a client that holds it. */
    record LinkImage(String name, Optional<RenderedCode> image) {
        Reply reply() {
            return image.map(code -> Replies.shownImage(code.bytes(), code.format(), code.name()))
                    .orElseGet(() -> Replies.notModified(name));
        }
    }

    /** Whole pixels, up to nine digits (more is no width anyone means), clamped to 280–1280. */
    private static int width(String query) {
        if (query == null) {
            return CodeRequest.DEFAULT_WIDTH;
        }
        if (!WIDTH.matcher(query).matches()) {
            throw new WxException(Errcode.INVALID_ARGUMENT, "width " + query, "width must be a whole number of pixels");
        }
        return CodeRequest.clampWidth(Integer.parseInt(query));
    }

    /**
     * A code made in this process (an offline batch): no HTTP, so no token, fault rule or minute
     * limit, and values already checked by {@link CodeRequest#checked}.
     *
     * @throws WxException the errcodes the API answers for the same app and values
     */
    public RenderedCode offline(App app, CodeRequest request) {
        WechatCaller.requireCodeAccount(app);
        return codes.create(app, request);
    }

    /** The same code for print ({@link CodeService#createPrint}). */
    public RenderedCode offlinePrint(App app, CodeRequest request, ImageFormat format, PrintSize size) {
        WechatCaller.requireCodeAccount(app);
        return codes.createPrint(app, request, format, size);
    }

    private RenderedCode create(App app, ObjectNode body) {
        return codes.create(app, WireCodeRequest.parse(body, settings.rejectUnknownFields()));
    }

    private RenderedCode createLimited(App app, LimitedCodeRequest.Kind kind, Inbound request) {
        return codes.createLimited(app,
                WireCodeRequest.parseLimited(kind, WechatCaller.body(request), settings.rejectUnknownFields()));
    }
}
