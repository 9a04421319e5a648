package dev.wxacode.server.registry;

import java.util.Locale;

/** The kind of WeChat account an app stands for; only mini programs and games may make codes. */
public enum AppType {
    MINIPROGRAM,
    MINIGAME,
    /** Has tokens but no mini program: its calls to the code API answer 48001. */
    OFFICIAL_ACCOUNT;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the accepted values */
    public static AppType fromWire(String name) {
        for (AppType type : values()) {
            if (type.wireName().equals(name)) {
                return type;
            }
        }
        throw new IllegalArgumentException("type must be miniprogram, minigame or official_account");
    }

    public boolean mayCreateCodes() {
        return this != OFFICIAL_ACCOUNT;
    }
}
