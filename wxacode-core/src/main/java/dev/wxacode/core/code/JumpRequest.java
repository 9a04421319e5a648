package dev.wxacode.core.code;

import dev.wxacode.core.wire.Endpoint;
import dev.wxacode.core.wire.Errcode;
import dev.wxacode.core.wire.WxException;
import java.time.Duration;
import java.util.Objects;

/**
 * One valid request for a URL Scheme, a URL Link or a Short Link: the page, the query it receives,
 * the build, and when the link stops opening (since WeChat's 2022 rules every scheme and URL link
 * expires, within 30 days; a short link lasts 30 days or for good).
 *
 * @param query            as the page receives it in {@code onLoad(query)}, without {@code ?}; empty for none
 * @param expiresAtSeconds Unix seconds; {@link #NEVER} for a permanent short link
 */
public record JumpRequest(Kind kind, PagePath page, String query, EnvVersion envVersion, long expiresAtSeconds) {
    public static final int MAX_QUERY_LENGTH = 1024;
    public static final Duration LONGEST = Duration.ofDays(30);
    public static final long NEVER = Long.MAX_VALUE;
    public static final int MAX_PAGE_URL_LENGTH = 1024;
    public static final int MAX_PAGE_TITLE_LENGTH = 20;
    /** Sooner than this is no link anyone could use. */
    public static final Duration SHORTEST = Duration.ofMinutes(1);
    private static final String QUERY_PUNCTUATION = "!#$&'()*+,/:;=?@-._~%";

    /** Which API made the link: how it is written and how its opening is told. */
    public enum Kind implements LaunchKind {
        /** urlscheme.generate: {@code weixin://dl/business/?t=…}, opened from outside WeChat (launch scene 1065). */
        SCHEME("scheme", Endpoint.GENERATE_SCHEME, 1065),
        /** urllink.generate: an https link, opened from a browser or inside WeChat (launch scene 1194). */
        URL_LINK("urllink", Endpoint.GENERATE_URLLINK, 1194),
        /**
         * shortlink.generate: {@code #小程序://…}, opened inside WeChat only. WeChat publishes no launch
         * scene for it; 1000 is its "other".
         */
        SHORT_LINK("shortlink", Endpoint.GENERATE_SHORTLINK, 1000);

        private final String storedName;
        private final Endpoint endpoint;
        private final int launchScene;

        Kind(String storedName, Endpoint endpoint, int launchScene) {
            this.storedName = storedName;
            this.endpoint = endpoint;
            this.launchScene = launchScene;
        }

        /** The WeChat endpoint that makes such links. */
        public Endpoint endpoint() {
            return endpoint;
        }

        @Override
        public String storedName() {
            return storedName;
        }

        @Override
        public int launchScene() {
            return launchScene;
        }
    }

    public JumpRequest {
        Objects.requireNonNull(kind, "kind == null");
        Objects.requireNonNull(page, "page == null");
        Objects.requireNonNull(query, "query == null");
        Objects.requireNonNull(envVersion, "envVersion == null");
    }

    /**
     * A request from the values a body gives, checked in this order: the path (40165), the query
     * (40212), env_version (85402), the expiry (85401).
     *
     * @param path           null or {@code ""} is the home page; a page only, no {@code ?}
     * @param expireType     null is 0: at {@code expireTime}; 1: after {@code expireInterval} days
     * @param expireTime     Unix seconds; null with type 0 is the longest, 30 days from now
     * @param expireInterval days, 1 to 30
     * @param nowSeconds     the server's clock, Unix seconds
     */
    public static JumpRequest checked(Kind kind, String path, String query, String envVersion, Integer expireType,
                                      Long expireTime, Integer expireInterval, long nowSeconds) {
        PagePath page = page(path);
        String validQuery = query(query);
        EnvVersion env = envVersion(envVersion);
        return new JumpRequest(kind, page, validQuery, env, expiresAt(expireType, expireTime, expireInterval, nowSeconds));
    }

    /**
     * A short link's request: {@code page_url} (page and query, 40066), {@code page_title} (40225),
     * for the released build, for good or for 30 days.
     *
     * @param pageTitle null for none
     */
    public static JumpRequest shortLink(String pageUrl, String pageTitle, boolean permanent, long nowSeconds) {
        if (pageUrl == null || pageUrl.isEmpty() || pageUrl.length() > MAX_PAGE_URL_LENGTH) {
            throw new WxException(Errcode.INVALID_URL, "page_url missing or over " + MAX_PAGE_URL_LENGTH);
        }
        CodePath path;
        try {
            path = CodePath.parse(pageUrl, Integer.MAX_VALUE);
        } catch (WxException e) {
            throw new WxException(Errcode.INVALID_URL, e.getMessage());
        }
        if (pageTitle != null && pageTitle.codePointCount(0, pageTitle.length()) > MAX_PAGE_TITLE_LENGTH) {
            throw new WxException(Errcode.INVALID_PAGE_TITLE, "page_title over " + MAX_PAGE_TITLE_LENGTH);
        }
        return new JumpRequest(Kind.SHORT_LINK, path.page(), path.query(), EnvVersion.RELEASE,
                permanent ? NEVER : nowSeconds + LONGEST.toSeconds());
    }

    private static PagePath page(String path) {
        try {
            return new PagePath(path);
        } catch (WxException e) {
            throw new WxException(Errcode.INVALID_WEAPP_PAGEPATH, e.getMessage());
        }
    }

    private static String query(String query) {
        if (query == null) {
            return "";
        }
        if (query.length() > MAX_QUERY_LENGTH) {
            throw new WxException(Errcode.INVALID_QUERY, "query over " + MAX_QUERY_LENGTH + " characters");
        }
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            boolean allowed = c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z'
                    || QUERY_PUNCTUATION.indexOf(c) >= 0;
            if (!allowed) {
                throw new WxException(Errcode.INVALID_QUERY, "query character at " + i + " not allowed");
            }
        }
        return query;
    }

    private static EnvVersion envVersion(String wire) {
        if (wire == null) {
            return EnvVersion.RELEASE;
        }
        try {
            return EnvVersion.fromWire(wire);
        } catch (WxException e) {
            throw new WxException(Errcode.INVALID_LINK_ENV_VERSION, e.getMessage());
        }
    }

    private static long expiresAt(Integer expireType, Long expireTime, Integer expireInterval, long now) {
        int type = expireType == null ? 0 : expireType;
        long latest = now + LONGEST.toSeconds();
        if (type == 0) {
            long at = expireTime == null ? latest : expireTime;
            if (at < now + SHORTEST.toSeconds() || at > latest) {
                throw new WxException(Errcode.INVALID_EXPIRY, "expire_time " + at + " at now " + now);
            }
            return at;
        }
        if (type == 1) {
            if (expireInterval == null || expireInterval < 1 || expireInterval > LONGEST.toDays()) {
                throw new WxException(Errcode.INVALID_EXPIRY, "expire_interval " + expireInterval);
            }
            return now + Duration.ofDays(expireInterval).toSeconds();
        }
        throw new WxException(Errcode.DATA_FORMAT_ERROR, "expire_type " + type);
    }
}
