package dev.wxacode.core.code;

import dev.wxacode.core.wire.Errcode;
import dev.wxacode.core.wire.WxException;

/** Which build of the mini program a code opens. */
public enum EnvVersion {
    RELEASE("release"),
    TRIAL("trial"),
    DEVELOP("develop");

    private final String wireName;

    EnvVersion(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /**
     * @param wireName {@code release}, {@code trial} or {@code develop}, exactly
     * @throws WxException 40097 for anything else, {@code ""} included (a common SDK default)
     */
    public static EnvVersion fromWire(String wireName) {
        for (EnvVersion env : values()) {
            if (env.wireName.equals(wireName)) {
                return env;
            }
        }
        throw new WxException(Errcode.INVALID_ENV_VERSION, "env_version not release/trial/develop");
    }

    @Override
    public String toString() {
        return wireName;
    }
}
