package dev.wxacode.server.internal.code;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wxacode.core.code.Appid;
import dev.wxacode.core.code.JumpRequest;
import dev.wxacode.core.link.JumpLink;
import dev.wxacode.core.link.LinkCodec;
import dev.wxacode.core.link.LinkUrl;
import dev.wxacode.core.link.SignedLink;
import dev.wxacode.core.wire.Endpoint;
import dev.wxacode.core.wire.Errcode;
import dev.wxacode.core.wire.WxException;
import dev.wxacode.server.config.ServerConfig;
import dev.wxacode.server.internal.http.Inbound;
import dev.wxacode.server.internal.http.WireJson;
import dev.wxacode.server.internal.ratelimit.Quota;
import dev.wxacode.server.internal.ratelimit.Quotas;
import dev.wxacode.server.internal.registry.KeptJump;
import dev.wxacode.server.internal.registry.Registry;
import dev.wxacode.server.registry.App;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;

/**
 * URL Scheme, URL Link and Short Link: {@code POST /wxa/generatescheme}, {@code /wxa/generate_urllink},
 * {@code /wxa/genwxashortlink}, and the queries {@code /wxa/queryscheme}, {@code /wxa/query_urllink}.
 * Each generation keeps a new link (page, query, build, expiry) under the app's next number and
 * signs the number; the link opens, until it expires, like a scanned code ({@code GET /L/{token}}).
 *
 * <p>The order of a scheme's or URL link's checks after {@link WechatCaller}'s: the body (44002,
 * 47001), the values ({@link JumpRequest#checked}: 40165, 40212, 85402, 85401), a published release
 * (85079) with the page in it, whatever {@code env_version} (40165), then the day's links (44993).
 * A short link's are at {@link #shortLink}.
 */
public final class JumpCalls {
    static final Set<String> SCHEME_FIELDS = Set.of("jump_wxa", "is_expire", "expire_type", "expire_time",
            "expire_interval");
    static final Set<String> JUMP_WXA_FIELDS = Set.of("path", "query", "env_version");
    static final Set<String> URLLINK_FIELDS = Set.of("path", "query", "env_version", "is_expire", "expire_type",
            "expire_time", "expire_interval", "cloud_base");
    static final Set<String> CLOUD_BASE_FIELDS = Set.of("env", "domain", "path", "query", "resource_appid");
    static final Set<String> SHORT_LINK_FIELDS = Set.of("page_url", "page_title", "is_permanent");
    /** The column that keeps a cloud_base; its five fields are each at most 1024 characters on WeChat. */
    private static final int MAX_CLOUD_BASE = 4000;

    private final WechatCaller caller;
    private final Registry registry;
    private final LinkCodec links;
    private final LinkUrl linkUrl;
    private final Quotas quotas;
    private final int dailyLimit;
    private final int maxPermanentShortLinks;
    private final int visitDailyLimit;
    private final boolean rejectUnknownFields;
    private final Clock clock;

    /**
     * @param limits the day's links and their openings, the permanent short links, whether unknown body
     *               keys are refused
     */
    public JumpCalls(WechatCaller caller, Registry registry, LinkCodec links, LinkUrl linkUrl, Quotas quotas,
                     ServerConfig.Codes limits, Clock clock) {
        this.caller = caller;
        this.registry = registry;
        this.links = links;
        this.linkUrl = linkUrl;
        this.quotas = quotas;
        this.dailyLimit = limits.linkDaily();
        this.maxPermanentShortLinks = limits.maxPermanentShortLinks();
        this.visitDailyLimit = limits.linkVisitDaily();
        this.rejectUnknownFields = limits.rejectUnknownFields();
        this.clock = clock;
    }

    /**
     * {@code POST /wxa/generatescheme}, {@code /wxa/generate_urllink} or {@code /wxa/genwxashortlink}:
     * {@code {"errcode":0,"errmsg":"ok","openlink":"weixin://dl/business/?t=…"}}, {@code "url_link":"…"}
     * or {@code "link":"#小程序://…"}.
     */
    ObjectNode generate(Inbound request, JumpRequest.Kind kind) {
        App app = caller.authorize(request, kind.endpoint());
        return make(app, WechatCaller.body(request), kind, true);
    }

    /**
     * The console's playground: the same body and answer, the admin as the caller. No fault rule and
     * no daily limit, as the code playground; a permanent short link still counts against the app's
     * permanent ones, since it is kept and opens for good.
     */
    ObjectNode playground(Inbound request, App app, JumpRequest.Kind kind) {
        request.owner(app.appid());
        WechatCaller.requireCodeAccount(app);
        return make(app, WechatCaller.body(request), kind, false);
    }

    private ObjectNode make(App app, ObjectNode body, JumpRequest.Kind kind, boolean countDaily) {
        return kind == JumpRequest.Kind.SHORT_LINK ? shortLink(app, body) : link(app, body, kind, countDaily);
    }

    /** A scheme or URL link, in the order of the class comment. */
    private ObjectNode link(App app, ObjectNode body, JumpRequest.Kind kind, boolean countDaily) {
        boolean scheme = kind == JumpRequest.Kind.SCHEME;
        refuseUnknown(body, scheme ? SCHEME_FIELDS : URLLINK_FIELDS, "");
        JsonNode target = scheme ? body.path("jump_wxa") : body;
        if (scheme && !target.isMissingNode() && !target.isNull() && !target.isObject()) {
            throw new WxException(Errcode.DATA_FORMAT_ERROR, "jump_wxa is not an object");
        }
        if (scheme && target.isObject()) {
            refuseUnknown(target, JUMP_WXA_FIELDS, "jump_wxa.");
        }
        Optional<String> cloudBase = scheme ? Optional.empty() : cloudBase(body);
        WireJson.bool(body, "is_expire", true, Errcode.DATA_FORMAT_ERROR);
        JumpRequest jump = JumpRequest.checked(kind,
                text(target, "path"), text(target, "query"), text(target, "env_version"),
                whole(body, "expire_type").map(Long::intValue).orElse(null), whole(body, "expire_time").orElse(null),
                whole(body, "expire_interval").map(Long::intValue).orElse(null), clock.instant().getEpochSecond());
        registry.requirePublished(app.appid(), jump.page(), Errcode.NO_ONLINE_RELEASE, Errcode.INVALID_WEAPP_PAGEPATH);
        if (countDaily && !quotas.tryConsume(app.appid(), Quota.JUMP_LINKS, dailyLimit)) {
            throw new WxException(Errcode.LINK_DAILY_LIMIT, "links a day: " + dailyLimit);
        }
        String token = keep(app, jump, cloudBase);
        ObjectNode reply = WireJson.ok();
        reply.put(scheme ? "openlink" : "url_link", scheme ? LinkUrl.toScheme(token) : linkUrl.toUrl(token));
        return reply;
    }

    /**
     * A short link. After the caller's steps and the body: {@code page_url} (40066), {@code page_title}
     * (40225), a published release (85079) with the page in it (40066), then, for a permanent one, the
     * app's permanent links (85400). A temporary one lasts 30 days.
     */
    private ObjectNode shortLink(App app, ObjectNode body) {
        refuseUnknown(body, SHORT_LINK_FIELDS, "");
        String pageUrl = text(body, "page_url");
        String title = text(body, "page_title");
        boolean permanent = WireJson.bool(body, "is_permanent", false, Errcode.DATA_FORMAT_ERROR);
        JumpRequest jump = JumpRequest.shortLink(pageUrl, title, permanent, clock.instant().getEpochSecond());
        registry.requirePublished(app.appid(), jump.page(), Errcode.NO_ONLINE_RELEASE, Errcode.INVALID_URL);
        if (permanent && !quotas.tryConsumeEver(app.appid(), Quota.PERMANENT_SHORT_LINKS, maxPermanentShortLinks)) {
            throw new WxException(Errcode.PERMANENT_LINK_LIMIT, "permanent short links: " + maxPermanentShortLinks);
        }
        ObjectNode reply = WireJson.ok();
        reply.put("link", LinkUrl.toShortLink(app.name(), title, keep(app, jump, Optional.empty())));
        return reply;
    }

    /**
     * A URL link's {@code cloud_base}, checked (an object of its five fields) and kept as sent, for
     * query_urllink to tell back: the static-site hop it describes has nothing to do in a test.
     */
    private Optional<String> cloudBase(ObjectNode body) {
        JsonNode cloudBase = body.get("cloud_base");
        if (cloudBase == null || cloudBase.isNull()) {
            return Optional.empty();
        }
        if (!cloudBase.isObject()) {
            throw new WxException(Errcode.DATA_FORMAT_ERROR, "cloud_base is not an object");
        }
        refuseUnknown(cloudBase, CLOUD_BASE_FIELDS, "cloud_base.");
        String kept = cloudBase.toString();
        if (kept.length() > MAX_CLOUD_BASE) {
            throw new WxException(Errcode.DATA_FORMAT_ERROR, "cloud_base over " + MAX_CLOUD_BASE + " characters");
        }
        return Optional.of(kept);
    }

    private static JsonNode parse(String kept) {
        try {
            return WireJson.MAPPER.readTree(kept);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a kept cloud_base is not JSON", e);
        }
    }

    /** Keeps the link under the app's next number; its signed token. */
    private String keep(App app, JumpRequest jump, Optional<String> cloudBase) {
        int id = registry.addJumpLink(app.appid(), jump, cloudBase);
        return links.encode(new JumpLink(new Appid(app.appid()), id));
    }

    /**
     * {@code scheme_info} or {@code url_link_info}: what the link opens, its times and build, for the
     * token's own app's links only (85403 for anything else, expired ones included: they are still
     * the app's); and {@code quota_info}, the openings the app's links have left today.
     */
    ObjectNode query(Inbound request, JumpRequest.Kind kind) {
        boolean scheme = kind == JumpRequest.Kind.SCHEME;
        App app = caller.authorize(request, scheme ? Endpoint.QUERY_SCHEME : Endpoint.QUERY_URLLINK);
        ObjectNode body = WechatCaller.body(request);
        String field = scheme ? "scheme" : "url_link";
        refuseUnknown(body, Set.of(field, "query_type"), "");
        whole(body, "query_type");
        String asked = text(body, field);
        if (asked == null || asked.isEmpty()) {
            // 40097 "invalid args": what WeChat's query pages list for a call without its link.
            throw new WxException(Errcode.INVALID_ENV_VERSION, field + " missing");
        }
        KeptJump kept = find(app, asked).filter(k -> k.request().kind() == kind)
                .orElseThrow(() -> new WxException(Errcode.LINK_NOT_FOUND, "no " + kind.storedName() + " " + asked));
        ObjectNode reply = WireJson.ok();
        ObjectNode info = reply.putObject(scheme ? "scheme_info" : "url_link_info");
        JumpRequest jump = kept.request();
        info.put("appid", app.appid());
        info.put("path", jump.page().value());
        info.put("query", jump.query());
        info.put("create_time", kept.createdAtSeconds());
        info.put("expire_time", jump.expiresAtSeconds());
        info.put("env_version", jump.envVersion().wireName());
        kept.cloudBase().ifPresent(cloudBase -> info.set("cloud_base", parse(cloudBase)));
        reply.put("visit_openid", "");
        reply.putObject("quota_info").put("remain_visit_quota",
                Math.max(0, visitDailyLimit - quotas.usedToday(app.appid(), Quota.LINK_VISITS)));
        return reply;
    }

    /** The app's kept link behind a scheme or URL this server made; empty for anything else. */
    private Optional<KeptJump> find(App app, String asked) {
        Optional<String> token = LinkUrl.tokenOf(asked);
        if (token.isEmpty()) {
            return Optional.empty();
        }
        SignedLink link;
        try {
            link = links.decode(token.get());
        } catch (WxException notOurs) {
            return Optional.empty();
        }
        return link instanceof JumpLink jump && jump.appid().value().equals(app.appid())
                ? registry.jumpLink(app.appid(), jump.linkId()) : Optional.empty();
    }

    private void refuseUnknown(JsonNode node, Set<String> known, String where) {
        if (rejectUnknownFields) {
            WireCodeRequest.refuseUnknown(node, known, where);
        }
    }

    private static String text(JsonNode node, String field) {
        return node.isObject() ? WireJson.text(node, field, Errcode.DATA_FORMAT_ERROR) : null;
    }

    /** A whole JSON number, or a string of digits as loose clients send; absent or null is empty. */
    private static Optional<Long> whole(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return Optional.of(node.longValue());
        }
        if (node.isTextual() && node.textValue().matches("-?[0-9]{1,18}")) {
            return Optional.of(Long.parseLong(node.textValue()));
        }
        throw new WxException(Errcode.DATA_FORMAT_ERROR, field + " is not a whole number");
    }
}
