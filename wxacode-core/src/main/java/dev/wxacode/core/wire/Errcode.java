package dev.wxacode.core.wire;

/**
 * Every error code wxacode answers with, and its exact message text.
 *
 * <p>The WeChat codes and texts come verbatim from the wire spec; SDKs match on them, so never
 * reword one. The text is what comes before {@code " rid: …"} in {@code errmsg}: a text that
 * WeChat writes with a trailing comma ({@code "appsecret missing, rid: …"}) keeps that comma here.
 * A text with {@code %s} takes the arguments of the {@link WxException}.
 *
 * <p>Codes from 990000 up are wxacode's own, for endpoints WeChat does not have (links, scans,
 * admin). They carry a real HTTP status; WeChat's codes always travel with HTTP 200.
 */
public enum Errcode {
    SYSTEM_ERROR(-1, "system error"),

    INVALID_CREDENTIAL(40001, "invalid credential, access_token is invalid or not latest, could get access_token by"
            + " getStableAccessToken, more details at https://mmbizurl.cn/s/JtxxFh33r", Kind.CREDENTIAL),
    INVALID_GRANT_TYPE(40002, "invalid grant_type", Kind.CREDENTIAL),
    INVALID_APPID(40013, "invalid appid", Kind.CREDENTIAL),
    INVALID_ENV_VERSION(40097, "invalid args"),
    INVALID_APPSECRET(40125, "invalid appsecret", Kind.CREDENTIAL),
    /** Short Link: a {@code page_url} missing, over 1024 characters, or not a page of the published release. */
    INVALID_URL(40066, "invalid url"),
    INVALID_SCENE(40129, "invalid scene"),
    /** wxacode.get and createQRCode: a path missing, empty or over its byte limit (as seen on WeChat, comma and all). */
    INVALID_PATH_LENGTH(40159, "invalid length for path, or the data is not json string"),
    IP_NOT_IN_WHITELIST(40164, "invalid ip %s ipv6 %s, not in whitelist", Kind.CREDENTIAL),
    /** URL Scheme and URL Link: a page the published release does not have, or not a page at all. */
    INVALID_WEAPP_PAGEPATH(40165, "invalid weapp pagepath"),
    INVALID_SCENE_LENGTH(40169, "invalid length for scene, or the data is not json string"),
    /** wxacode.get and createQRCode: a width that is no size at all (zero or less). */
    INVALID_WIDTH(40189, "invalid width"),
    /** URL Scheme and URL Link: a query over 1024 characters or with a character they do not take. */
    INVALID_QUERY(40212, "invalid query"),
    /** Short Link: a {@code page_title} over 20 characters. */
    INVALID_PAGE_TITLE(40225, "invalid page title"),
    APPSECRET_FROZEN(40243, "appsecret frozen", Kind.CREDENTIAL),
    ACCESS_TOKEN_MISSING(41001, "access_token missing", Kind.CREDENTIAL),
    APPID_MISSING(41002, "appid missing", Kind.CREDENTIAL),
    APPSECRET_MISSING(41004, "appsecret missing,", Kind.CREDENTIAL),
    INVALID_PAGE(41030, "invalid page"),
    ACCESS_TOKEN_EXPIRED(42001, "access_token expired", Kind.CREDENTIAL),
    REQUIRE_GET_METHOD(43001, "require GET method"),
    REQUIRE_POST_METHOD(43002, "require POST method"),
    EMPTY_POST_DATA(44002, "empty post data"),
    /** URL Scheme and URL Link together past the app's links a day. */
    LINK_DAILY_LIMIT(44993, "reach max api day frequence limit"),
    API_QUOTA_REACHED(45009, "reach max api daily quota limit"),
    /** The 45009 text of {@code /cgi-bin/token}, which points callers at the stable token. */
    TOKEN_QUOTA_REACHED(45009, "reach max api daily quota limit, could get access_token by getStableAccessToken,"
            + " more details at https://mmbizurl.cn/s/JtxxFh33r", Kind.CREDENTIAL),
    /** wxacode.get and createQRCode together past the app's cap of stored codes (100 000 on WeChat). */
    CODE_COUNT_LIMIT(45029, "qrcode count out of limit"),
    DATA_FORMAT_ERROR(47001, "data format error"),
    API_UNAUTHORIZED(48001, "api unauthorized", Kind.CREDENTIAL),
    /** {@code /cgi-bin/clear_quota} beyond its 10 clears a month (WeChat's clear_quota page). */
    CLEAR_QUOTA_LIMIT(48006, "forbid to clear quota because of reaching the limit"),
    /** {@code /cgi-bin/openapi/rid/get}: no call with that rid, or none in the last 7 days. */
    RID_NOT_FOUND(76001, "rid not found"),
    /** {@code /cgi-bin/openapi/rid/get}: the rid is empty or not shaped as one. */
    RID_MALFORMED(76002, "rid is error"),
    /** {@code /cgi-bin/openapi/rid/get}: the rid is another app's call. */
    RID_OTHER_APP(76003, "could not query this rid,no permission"),
    /** {@code /cgi-bin/openapi/quota/get} for a path it has no quota for. */
    CGI_PATH_NOT_FOUND(76021, "cgi_path not found, please check"),
    /** {@code /cgi-bin/openapi/quota/get} for an API the token's account type does not have. */
    CGI_PATH_NO_PERMISSION(76022, "could not use this cgi_path,no permission"),
    /** URL Scheme and URL Link for an app without a published release. */
    NO_ONLINE_RELEASE(85079, "miniprogram has no online release"),
    SCANCODE_TIME_NOT_ALLOWED(85096, "not allow include scancode_time field"),

    /** URL Scheme and URL Link: an expiry sooner than a minute or later than 30 days. */
    /** Short Link: past the app's permanent links (100 000 on WeChat). */
    PERMANENT_LINK_LIMIT(85400, "reach max long time quota limit"),
    INVALID_EXPIRY(85401, "time limit between 1min and 30days"),
    /** URL Scheme and URL Link: an {@code env_version} that is not release, trial or develop. */
    INVALID_LINK_ENV_VERSION(85402, "invalid env_version"),
    /** queryscheme and query_urllink: no such link of the token's app. */
    LINK_NOT_FOUND(85403, "not found"),
    /** A URL Scheme or URL Link opened more times today than the app's links may be. */
    DAILY_VISIT_LIMIT(85406, "daily visit limit"),
    INVALID_LINK(990001, "invalid link: not a wxacode launch link, or its signature does not verify", 400),
    UNKNOWN_SIGNING_KEY(990002, "invalid link: signed with a key this server does not know", 400),
    NO_CODE_IN_IMAGE(990003, "no QR code could be read from the image", 422),
    UNREADABLE_IMAGE(990004, "not a readable JPEG or PNG image", 415),
    IMAGE_TOO_LARGE(990005, "image too large: at most %s", 413),
    APP_UNAVAILABLE(990006, "the app of this code is disabled", 410),
    LINK_EXPIRED(990007, "this link has expired", 410),
    MALFORMED_HTTP(990400, "malformed HTTP request: %s", 400),
    /** wxacode's own endpoints: a body that stalled or came too slowly (WeChat's endpoints answer 47001). */
    BODY_TOO_SLOW(990408, "request body too slow: %s", 408),
    NOT_FOUND(990404, "no such endpoint", 404),
    METHOD_NOT_ALLOWED(990405, "method not allowed", 405),
    BODY_TOO_LARGE(990413, "request body too large: at most %s bytes", 413),
    ADMIN_DISABLED(990100, "admin API is closed: set WXACODE_ADMIN_KEY to open it", 403),
    ADMIN_UNAUTHORIZED(990101, "missing or wrong admin key (Authorization: Bearer <key>)", 401),
    APP_NOT_FOUND(990102, "no app with appid %s", 404),
    APP_EXISTS(990103, "app %s already exists", 409),
    INVALID_ARGUMENT(990104, "invalid argument: %s", 400),
    KEYS_FROM_CONFIG(990105, "signing keys come from configuration; rotate them there", 409),
    CSRF_TOKEN_INVALID(990106, "missing or wrong X-CSRF-Token header for this console session", 403);

    /** How a code's error reply is labelled; see {@code ErrorMapper}. */
    public enum Kind {
        /** A problem with the caller's credentials: WeChat labels these {@code encoding=utf-8}. */
        CREDENTIAL,
        /** Anything else WeChat answers. */
        PARAMETER,
        /** A wxacode-only code with its own HTTP status. */
        EXTENSION
    }

    private final int code;
    private final String text;
    private final Kind kind;
    private final int httpStatus;

    Errcode(int code, String text) {
        this(code, text, Kind.PARAMETER);
    }

    Errcode(int code, String text, Kind kind) {
        this.code = code;
        this.text = text;
        this.kind = kind;
        this.httpStatus = 200;
    }

    Errcode(int code, String text, int httpStatus) {
        this.code = code;
        this.text = text;
        this.kind = Kind.EXTENSION;
        this.httpStatus = httpStatus;
    }

    public int code() {
        return code;
    }

    /** The message text before {@code " rid: …"}, with {@code args} filled into its {@code %s} places. */
    public String text(Object... args) {
        return args.length == 0 ? text : String.format(text, args);
    }

    public Kind kind() {
        return kind;
    }

    /** 200 for every WeChat code: WeChat reports errors in the body, never in the status. */
    public int httpStatus() {
        return httpStatus;
    }
}
