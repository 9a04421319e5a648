package dev.wxacode.server.internal.code;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.wxacode.core.code.LimitedCodeRequest;
import dev.wxacode.core.render.ImageFormat;
import dev.wxacode.core.wire.Endpoint;
import dev.wxacode.core.wire.Errcode;
import dev.wxacode.server.code.RenderedCode;
import dev.wxacode.server.internal.http.Exchange;
import dev.wxacode.server.internal.http.Inbound;
import dev.wxacode.server.internal.http.Replies;
import dev.wxacode.server.internal.http.Reply;
import dev.wxacode.server.internal.http.Routes;
import dev.wxacode.server.internal.http.WireJson;
import dev.wxacode.server.internal.link.LinkRoutes;
import dev.wxacode.server.internal.registry.Registry;
import dev.wxacode.server.internal.requests.RequestLog;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The routes that make codes: {@code POST /wxa/getwxacodeunlimit?access_token=…}, its limited
 * siblings {@code /wxa/getwxacode} and {@code /cgi-bin/wxaapp/createwxaqrcode}, and the console's
 * playground {@code POST /admin/apps/{appid}/codes} (and {@code …/codes/getwxacode},
 * {@code …/codes/createwxaqrcode}), whose body and answer are the same (the image, or the same
 * errcode JSON from the same checks); and {@code GET /L/{token}/code.jpg} and
 * {@code code.png}, the image of a link made before, for pages and caches, and {@code code.svg} and
 * {@code code.pdf}, the same for print.
 */
public final class CodeRoutes {
    static final String LINK_HEADER = "X-Wxacode-Link";
    /** The warnings the request log would give the playground's body, as a JSON array of {code, message}. */
    static final String WARNINGS_HEADER = "X-Wxacode-Warnings";

    private final CodeCalls calls;
    private final Registry registry;

    public CodeRoutes(CodeCalls calls, Registry registry) {
        this.calls = calls;
        this.registry = registry;
    }

    public void register(Routes routes) {
        routes.wechat(Endpoint.GET_UNLIMITED, ctx -> reply(ctx, calls.wechat(Inbound.of(ctx))));
        for (LimitedCodeRequest.Kind kind : LimitedCodeRequest.Kind.values()) {
            routes.wechat(kind.endpoint(), ctx -> reply(ctx, calls.limited(Inbound.of(ctx), kind)));
        }
        routes.guarded().post("/admin/apps/{appid}/codes",
                ctx -> played(ctx, calls.playground(Inbound.of(ctx), registry.require(ctx.pathParam("appid"))), false));
        for (LimitedCodeRequest.Kind kind : LimitedCodeRequest.Kind.values()) {
            routes.guarded().post("/admin/apps/{appid}/codes/" + kind.endpoint().lastSegment(), ctx -> played(ctx,
                    calls.playgroundLimited(Inbound.of(ctx), registry.require(ctx.pathParam("appid")), kind), true));
        }
        routes.get(JettyCodes.JPG, ctx -> shown(ctx, false));
        routes.get(JettyCodes.PNG, ctx -> shown(ctx, true));
        for (ImageFormat format : List.of(ImageFormat.SVG, ImageFormat.PDF)) {
            routes.get(LinkRoutes.PATH + "/code." + format.extension(), ctx -> Replies.send(ctx, calls.printOfLink(
                    ctx.pathParam("token"), ctx.queryParam("width"), ctx.queryParam("size"), format,
                    ctx.header("If-None-Match"), appid -> Exchange.appid(ctx, appid)).reply()));
        }
    }

    /**
     * The playground's code, with the link it carries in {@value #LINK_HEADER} (the console offers
     * its print forms, {@code /L/{token}/code.svg} and {@code .pdf}, from it), and in
     * {@value #WARNINGS_HEADER} what the request log would warn of in a backend's same call.
     */
    private static void played(Context ctx, RenderedCode code, boolean limited) {
        ctx.header(LINK_HEADER, code.link());
        ArrayNode warnings = JsonNodeFactory.instance.arrayNode();
        Inbound.of(ctx).json(Errcode.DATA_FORMAT_ERROR).peek()
                .ifPresent(body -> RequestLog.codeWarnings(body, limited).forEach(warning ->
                        warnings.addObject().put("code", warning.code()).put("message", warning.message())));
        ctx.header(WARNINGS_HEADER, asciiJson(warnings));
        reply(ctx, code);
    }

    /** JSON with every character past ASCII written as a JSON escape: a header value stays ASCII whatever a warning quotes. */
    private static String asciiJson(JsonNode node) {
        String json = new String(WireJson.write(node), StandardCharsets.UTF_8);
        StringBuilder ascii = new StringBuilder(json.length());
        json.chars().forEach(c -> ascii.append(c < 0x80 ? Character.toString(c) : String.format("\\u%04x", c)));
        return ascii.toString();
    }

    private void shown(Context ctx, boolean transparent) {
        Replies.send(ctx, calls.ofLink(ctx.pathParam("token"), ctx.queryParam("width"), ctx.header("If-None-Match"),
                transparent, appid -> Exchange.appid(ctx, appid)).reply());
    }

    private static void reply(Context ctx, RenderedCode code) {
        Replies.send(ctx, attached(code));
    }

    /** A code as the POST that made it answers it. */
    static Reply attached(RenderedCode code) {
        return Replies.image(code.bytes(), code.format(), code.name());
    }
}
