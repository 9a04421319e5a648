package dev.wxacode.server.internal.token;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wxacode.core.wire.Endpoint;
import dev.wxacode.core.wire.Errcode;
import dev.wxacode.core.wire.WxException;
import dev.wxacode.server.config.ServerConfig;
import dev.wxacode.server.internal.http.Bodies;
import dev.wxacode.server.internal.http.CallerAddress;
import dev.wxacode.server.internal.http.Exchange;
import dev.wxacode.server.internal.http.Replies;
import dev.wxacode.server.internal.http.Routes;
import dev.wxacode.server.internal.http.WireJson;
import dev.wxacode.server.internal.ratelimit.MinuteLimits;
import dev.wxacode.server.internal.ratelimit.Quota;
import dev.wxacode.server.internal.ratelimit.Quotas;
import dev.wxacode.server.registry.App;
import io.javalin.http.Context;

/**
 * The WeChat endpoints about an app's allowances, on the same counts the endpoints consume.
 *
 * <p>{@code POST /cgi-bin/clear_quota?access_token=…} with {@code {"appid":"…"}}: the app's daily
 * counts (tokens, stable tokens, force refreshes, wxacode.get calls, links and their openings)
 * start again from nothing, and so do its minute limits, so that a test can run again at once. As
 * WeChat: 10 clears a calendar month (48006 beyond), and the appid must be the token's own (40013). {@code /cgi-bin/clear_quota/v2} does the
 * same with the app's secret instead of a token, from the same ten.
 *
 * <p>{@code POST /cgi-bin/openapi/quota/get?access_token=…} with {@code {"cgi_path":"…"}}
 * (getApiQuota): the token's app's allowance of one endpoint here: {@code quota} (today's calls,
 * the daily limit and what remains; zeros for an endpoint without a daily limit) and, where a
 * minute limit applies, {@code rate_limit}. A test can watch its backend's use with it.
 */
public final class QuotaRoutes {
    private static final int CLEARS_A_MONTH = 10;
    private static final int A_MINUTE = 60;

    private final TokenService tokens;
    private final Quotas quotas;
    private final MinuteLimits minutes;
    private final ServerConfig.Tokens limits;
    private final ServerConfig.Codes codes;
    private final CallerAddress callers;

    /**
     * @param limits the token endpoints' daily limits
     * @param codes  the daily limits of wxacode.get and of the links
     */
    public QuotaRoutes(TokenService tokens, Quotas quotas, MinuteLimits minutes, ServerConfig.Tokens limits,
                       ServerConfig.Codes codes, CallerAddress callers) {
        this.tokens = tokens;
        this.quotas = quotas;
        this.minutes = minutes;
        this.limits = limits;
        this.codes = codes;
        this.callers = callers;
    }

    public void register(Routes routes) {
        routes.wechat(Endpoint.CLEAR_QUOTA, this::clear);
        routes.wechat(Endpoint.CLEAR_QUOTA_BY_SECRET, this::clearBySecret);
        routes.wechat(Endpoint.API_QUOTA, this::quota);
    }

    private void clear(Context ctx) {
        App app = tokens.authorizeCall(ctx.queryParam("access_token"), appid -> Exchange.appid(ctx, appid));
        ObjectNode body = Bodies.wechatObject(ctx);
        String appid = WireJson.text(body, "appid", Errcode.DATA_FORMAT_ERROR);
        if (appid == null || appid.isBlank()) {
            throw new WxException(Errcode.APPID_MISSING);
        }
        if (!appid.equals(app.appid())) {
            throw new WxException(Errcode.INVALID_APPID, "clear_quota for another app than the token's");
        }
        clear(ctx, app);
    }

    /**
     * {@code POST /cgi-bin/clear_quota/v2?appid=…&appsecret=…}: the same clear for a backend whose
     * token calls are used up, credentials checked as a token request checks them (IP whitelist
     * included). The URL carries them, as WeChat's example and WxJava send them.
     */
    private void clearBySecret(Context ctx) {
        String appid = ctx.queryParam("appid");
        Exchange.appid(ctx, appid);
        clear(ctx, tokens.authenticate(appid, ctx.queryParam("appsecret"), callers.of(ctx)));
    }

    /** One of the app's clears this month, shared by both forms: 48006 past ten. */
    private void clear(Context ctx, App app) {
        if (!quotas.tryConsumeThisMonth(app.appid(), Quota.CLEAR_QUOTA, CLEARS_A_MONTH)) {
            throw new WxException(Errcode.CLEAR_QUOTA_LIMIT);
        }
        quotas.clearToday(app.appid());
        minutes.restore(app.appid(), app.rateLimitPerMinute());
        Replies.json(ctx, 200, Replies.JSON_ENCODING, WireJson.ok());
    }

    private void quota(Context ctx) {
        App app = tokens.authorizeCall(ctx.queryParam("access_token"), appid -> Exchange.appid(ctx, appid));
        ObjectNode body = Bodies.wechatObject(ctx);
        String path = WireJson.text(body, "cgi_path", Errcode.DATA_FORMAT_ERROR);
        // Only an exact path names an endpoint: WeChat asks for it without the host and with its leading "/".
        Endpoint endpoint = Endpoint.ofPath(path == null ? "" : path)
                .orElseThrow(() -> new WxException(Errcode.CGI_PATH_NOT_FOUND, "no quota for cgi_path " + path));
        ObjectNode reply = switch (endpoint) {
            case TOKEN -> allowance(limits.plainDaily(), quotas.usedToday(app.appid(), Quota.TOKEN), 0);
            case STABLE_TOKEN -> allowance(limits.stableDaily(), quotas.usedToday(app.appid(), Quota.STABLE_TOKEN),
                    minutes.stableTokensPerMinute());
            case GET_UNLIMITED -> {
                requireCodes(app);
                yield allowance(0, 0, minutes.codesPerMinute(app.rateLimitPerMinute()));
            }
            case GET_CODE -> {
                requireCodes(app);
                yield allowance(codes.getCodeDaily(), quotas.usedToday(app.appid(), Quota.GET_CODE), 0);
            }
            case GENERATE_SCHEME, GENERATE_URLLINK -> {
                requireCodes(app);
                yield allowance(codes.linkDaily(), quotas.usedToday(app.appid(), Quota.JUMP_LINKS), 0);
            }
            // Its only limit is the cap of codes it shares with wxacode.get, which is not a day's.
            case CREATE_QRCODE -> {
                requireCodes(app);
                yield allowance(0, 0, 0);
            }
            // clear_quota's limit is a month's, not a day's; the openapi endpoints have none.
            // A short link's only limit is its permanent ones' cap, which is not a day's.
            case CLEAR_QUOTA, CLEAR_QUOTA_BY_SECRET, API_QUOTA, RID_INFO, QUERY_SCHEME, QUERY_URLLINK, GENERATE_SHORTLINK ->
                    allowance(0, 0, 0);
        };
        Replies.json(ctx, 200, Replies.JSON_ENCODING, reply);
    }

    private static void requireCodes(App app) {
        if (!app.type().mayCreateCodes()) {
            throw new WxException(Errcode.CGI_PATH_NO_PERMISSION, app.type().wireName() + " has no codes");
        }
    }

    /**
     * @param daily     calls a day; 0 for none, as WeChat answers for an API without one
     * @param perMinute calls a minute; 0 for none, and then no {@code rate_limit} is told
     */
    private static ObjectNode allowance(long daily, long used, int perMinute) {
        ObjectNode json = WireJson.ok();
        ObjectNode quota = json.putObject("quota");
        quota.put("daily_limit", daily);
        quota.put("used", used);
        quota.put("remain", Math.max(0, daily - used));
        if (perMinute > 0) {
            ObjectNode rate = json.putObject("rate_limit");
            rate.put("call_count", perMinute);
            rate.put("refresh_second", A_MINUTE);
        }
        return json;
    }
}
