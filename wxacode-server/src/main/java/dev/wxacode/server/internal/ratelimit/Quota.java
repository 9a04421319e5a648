package dev.wxacode.server.internal.ratelimit;

import java.util.List;

/** Allowances counted per app: daily ones (wire spec §7) and the monthly clears of them. */
public enum Quota {
    /** {@code /cgi-bin/token}: 2000 a day by default. */
    TOKEN("token"),
    /** {@code /cgi-bin/stable_token}: 500 000 a day. */
    STABLE_TOKEN("stable_token"),
    /** {@code stable_token} with {@code force_refresh}: 20 a day. */
    FORCE_REFRESH("force_refresh"),
    /** {@code /wxa/getwxacode}: 10 000 a day. */
    GET_CODE("getwxacode"),
    /** {@code /wxa/generatescheme} and {@code /wxa/generate_urllink} together: 500 000 a day. */
    JUMP_LINKS("jump_links"),
    /** Openings of an app's URL Schemes and URL Links: 6 000 000 a day. */
    LINK_VISITS("link_visits"),
    /** {@code /wxa/genwxashortlink} with {@code is_permanent}: 100 000 in an app's life, never reset. */
    PERMANENT_SHORT_LINKS("permanent_short_links"),
    /** {@code /cgi-bin/clear_quota}: 10 a month, counted per calendar month, not per day. */
    CLEAR_QUOTA("clear_quota");

    /** The quotas counted per day, which {@code clear_quota} resets. */
    public static final List<Quota> DAILY = List.of(TOKEN, STABLE_TOKEN, FORCE_REFRESH, GET_CODE, JUMP_LINKS, LINK_VISITS);

    private final String storedName;

    Quota(String storedName) {
        this.storedName = storedName;
    }

    public String storedName() {
        return storedName;
    }
}
