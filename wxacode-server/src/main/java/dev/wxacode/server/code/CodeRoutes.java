package dev.wxacode.server.code;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wxacode.core.code.CodeRequest;
import dev.wxacode.core.wire.Endpoint;
import dev.wxacode.core.wire.Errcode;
import dev.wxacode.core.wire.WxException;
import dev.wxacode.server.fault.Faults;
import dev.wxacode.server.fault.Pacing;
import dev.wxacode.server.http.Bodies;
import dev.wxacode.server.http.Exchange;
import dev.wxacode.server.http.Replies;
import dev.wxacode.server.http.Routes;
import dev.wxacode.server.http.WireJson;
import dev.wxacode.server.ratelimit.RateLimiter;
import dev.wxacode.server.registry.App;
import dev.wxacode.server.http.CallerAddress;
import dev.wxacode.server.token.TokenService;
import io.javalin.http.Context;
import java.util.Optional;
import java.util.function.Supplier;

/** {@code POST /wxa/getwxacodeunlimit?access_token=…}. */
public final class CodeRoutes {
    private final TokenService tokens;
    private final CallerAddress callers;
    private final Faults faults;
    private final RateLimiter limiter;
    private final CodeService codes;
    private final int defaultPerMinute;
    private final int maxBodyBytes;
    private final boolean rejectUnknownFields;

    public CodeRoutes(TokenService tokens, CallerAddress callers, Faults faults, RateLimiter limiter, CodeService codes,
                      int defaultPerMinute, int maxBodyBytes, boolean rejectUnknownFields) {
        this.tokens = tokens;
        this.callers = callers;
        this.faults = faults;
        this.limiter = limiter;
        this.codes = codes;
        this.defaultPerMinute = defaultPerMinute;
        this.maxBodyBytes = maxBodyBytes;
        this.rejectUnknownFields = rejectUnknownFields;
    }

    public void register(Routes routes) {
        routes.wechat(Endpoint.GET_UNLIMITED, this::create);
    }

    /**
     * Checks in WeChat's order (wire spec §1): token missing 41001, token bad 40001/42001, account
     * type 48001, minute limit 45009, then the body: empty 44002, format 47001, values.
     */
    private void create(Context ctx) {
        String accessToken = ctx.queryParam("access_token");
        if (accessToken == null || accessToken.isEmpty()) {
            ownerOfTokenInBody(ctx);
        }
        App app = tokens.authorizeCall(accessToken, appid -> Exchange.appid(ctx, appid));
        // A test's fault rule acts on calls with a valid token, before they count against any limit.
        Supplier<byte[]> body = injectFault(ctx, app);
        requireCodeAccount(app);
        int perMinute = app.rateLimitPerMinute().orElse(defaultPerMinute);
        if (perMinute > 0 && !limiter.tryAcquire(RateLimiter.codes(app.appid()), perMinute)) {
            throw new WxException(Errcode.API_QUOTA_REACHED, "over " + perMinute + " codes this minute");
        }
        reply(ctx, codes, app, body.get(), rejectUnknownFields);
    }

    /** 48001 for an account type that has no mini-program codes (an official account). */
    static void requireCodeAccount(App app) {
        if (!app.type().mayCreateCodes()) {
            throw new WxException(Errcode.API_UNAUTHORIZED, app.type().wireName() + " cannot make codes");
        }
    }

    /** The body's checks (44002, 47001, then the values), then the image; shared with the console's route. */
    static void reply(Context ctx, CodeService codes, App app, byte[] body, boolean rejectUnknownFields) {
        ObjectNode json = WireJson.parseObject(body, Errcode.DATA_FORMAT_ERROR);
        CodeRequest request = WireCodeRequest.parse(json, rejectUnknownFields);
        RenderedCode code = codes.create(app, request);
        Replies.image(ctx, code.bytes(), code.format(), code.name());
    }

    /**
     * A call refused 41001 because its token is in the body, not the query, is still its app's
     * call, for the request log to warn about: the body is read here, leniently, on that path only.
     */
    private void ownerOfTokenInBody(Context ctx) {
        try {
            WireJson.lenient(Bodies.read(ctx, maxBodyBytes, Errcode.DATA_FORMAT_ERROR))
                    .map(json -> json.get("access_token")).filter(JsonNode::isTextual)
                    .flatMap(token -> tokens.ownerOf(token.textValue()))
                    .ifPresent(appid -> Exchange.appid(ctx, appid));
        } catch (RuntimeException unreadable) {
            // 41001 is the answer whatever the body holds.
        }
    }

    /**
     * Checks the app's fault rules. Only when one matches on scene or page is the body read here,
     * and read leniently: a body the call would be refused for matches no pattern, and its
     * refusal (too large, the client gone) comes where WeChat's order puts it, when the body is
     * asked for.
     *
     * @return the body, read now or when asked for
     */
    private Supplier<byte[]> injectFault(Context ctx, App app) {
        Supplier<byte[]> body = () -> Bodies.read(ctx, maxBodyBytes, Errcode.DATA_FORMAT_ERROR);
        Optional<String> scene = Optional.empty();
        Optional<String> page = Optional.empty();
        if (faults.matchesContent(app.appid())) {
            try {
                byte[] bytes = body.get();
                body = () -> bytes;
                Optional<JsonNode> json = WireJson.lenient(bytes);
                scene = json.map(j -> j.get("scene")).filter(JsonNode::isTextual).map(JsonNode::textValue);
                page = json.map(j -> j.get("page")).map(p -> p.isTextual() ? p.textValue() : null)
                        .or(() -> json.map(j -> ""));
            } catch (RuntimeException refused) {
                body = () -> {
                    throw refused;
                };
            }
        }
        Pacing.mark(ctx, faults.check(app.appid(), new Faults.Call(Endpoint.GET_UNLIMITED, callers.of(ctx), scene, page)));
        return body;
    }
}
