package dev.wxacode.server.internal.code;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wxacode.core.code.CodePath;
import dev.wxacode.core.wire.Endpoint;
import dev.wxacode.core.wire.Errcode;
import dev.wxacode.core.wire.WxException;
import dev.wxacode.server.internal.fault.Faults;
import dev.wxacode.server.internal.http.CallerAddress;
import dev.wxacode.server.internal.http.Inbound;
import dev.wxacode.server.internal.http.RequestBody;
import dev.wxacode.server.internal.token.TokenService;
import dev.wxacode.server.registry.App;
import java.util.Optional;

/**
 * The first steps of every WeChat call that makes a code or a link, in WeChat's order: the access
 * token (41001, 40001/42001), a test's fault rule (for calls with a valid token, before they count
 * against any limit), and the account type (48001 for one that has no mini programs).
 */
public final class WechatCaller {
    private final TokenService tokens;
    private final CallerAddress callers;
    private final Faults faults;

    public WechatCaller(TokenService tokens, CallerAddress callers, Faults faults) {
        this.tokens = tokens;
        this.callers = callers;
        this.faults = faults;
    }

    /** The app of the call's token, once these steps pass. */
    App authorize(Inbound request, Endpoint endpoint) {
        String accessToken = request.query("access_token");
        if (accessToken == null || accessToken.isEmpty()) {
            ownerOfTokenInBody(request);
        }
        App app = tokens.authorizeCall(accessToken, request::owner);
        injectFault(request, app, endpoint);
        requireCodeAccount(app);
        return app;
    }

    /** The body as one JSON object; over the cap, or anything else, is 47001, as WeChat answers. */
    static ObjectNode body(Inbound request) {
        return read(request).object(Errcode.DATA_FORMAT_ERROR);
    }

    private static RequestBody read(Inbound request) {
        return request.json(Errcode.DATA_FORMAT_ERROR);
    }

    /** 48001 for an account type that has no mini-program codes or links (an official account). */
    static void requireCodeAccount(App app) {
        if (!app.type().mayCreateCodes()) {
            throw new WxException(Errcode.API_UNAUTHORIZED, app.type().wireName() + " cannot make codes");
        }
    }

    /**
     * A call refused 41001 because its token is in the body, not the query, is still its app's
     * call, for the request log to warn about: the body is looked at here, on that path only.
     */
    private void ownerOfTokenInBody(Inbound request) {
        try {
            read(request).peek().map(json -> json.get("access_token")).filter(JsonNode::isTextual)
                    .flatMap(token -> tokens.ownerOf(token.textValue()))
                    .ifPresent(request::owner);
        } catch (RuntimeException unreadable) {
            // 41001 is the answer whatever the body holds.
        }
    }

    /**
     * Checks the app's fault rules. Only when one matches on scene or page is the body read here;
     * a body the call would be refused for matches no pattern, and its refusal (too large, the
     * client gone) comes where WeChat's order puts it, when the body step asks for it again.
     */
    private void injectFault(Inbound request, App app, Endpoint endpoint) {
        Optional<String> scene = Optional.empty();
        Optional<String> page = Optional.empty();
        if (faults.matchesContent(app.appid())) {
            try {
                Optional<ObjectNode> json = read(request).peek();
                if (endpoint == Endpoint.GET_UNLIMITED) {
                    scene = json.map(j -> j.get("scene")).filter(JsonNode::isTextual).map(JsonNode::textValue);
                }
                page = json.flatMap(j -> pageOf(endpoint, j));
            } catch (RuntimeException refused) {
                // Matches nothing; the body step answers for it.
            }
        }
        request.pace(faults.check(app.appid(), new Faults.Call(endpoint, callers.of(request), scene, page)));
    }

    /**
     * The page a call is for, for a rule's pattern: getUnlimited's {@code page} ({@code ""} for
     * none), a limited code's or short link's path before its query, a link's page; none for the queries.
     */
    private static Optional<String> pageOf(Endpoint endpoint, JsonNode json) {
        return switch (endpoint) {
            case GET_UNLIMITED -> Optional.of(json.path("page")).filter(p -> !p.isMissingNode())
                    .map(p -> p.isTextual() ? p.textValue() : null).or(() -> Optional.of(""));
            case GET_CODE, CREATE_QRCODE -> pageBeforeQuery(json.path("path"));
            case GENERATE_SCHEME -> page(json.path("jump_wxa").path("path"));
            case GENERATE_URLLINK -> page(json.path("path"));
            case GENERATE_SHORTLINK -> pageBeforeQuery(json.path("page_url"));
            default -> Optional.empty();
        };
    }

    /** A link's {@code path}: a page alone, {@code ""} when absent (the home page). */
    private static Optional<String> page(JsonNode path) {
        return Optional.of(path.isTextual() ? path.textValue() : "");
    }

    /** The page of a path with its query; none for a path that is not text. */
    private static Optional<String> pageBeforeQuery(JsonNode path) {
        return Optional.of(path).filter(JsonNode::isTextual)
                .map(p -> CodePath.parse(p.textValue(), Integer.MAX_VALUE).page().value());
    }
}
