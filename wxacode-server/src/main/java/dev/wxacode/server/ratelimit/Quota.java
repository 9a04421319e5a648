package dev.wxacode.server.ratelimit;

/** Daily allowances counted per app (wire spec §7). */
public enum Quota {
    /** {@code /cgi-bin/token}: 2000 a day by default. */
    TOKEN("token"),
    /** {@code /cgi-bin/stable_token}: 500 000 a day. */
    STABLE_TOKEN("stable_token"),
    /** {@code stable_token} with {@code force_refresh}: 20 a day. */
    FORCE_REFRESH("force_refresh");

    private final String storedName;

    Quota(String storedName) {
        this.storedName = storedName;
    }

    public String storedName() {
        return storedName;
    }
}
