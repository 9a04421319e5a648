package dev.wxacode.server.fault;

import java.util.Arrays;
import java.util.Optional;

/** The WeChat endpoints a fault rule can target, by their paths. */
public enum Endpoint {
    TOKEN("/cgi-bin/token"),
    STABLE_TOKEN("/cgi-bin/stable_token"),
    GET_UNLIMITED("/wxa/getwxacodeunlimit");

    private final String path;

    Endpoint(String path) {
        this.path = path;
    }

    public String path() {
        return path;
    }

    static Optional<Endpoint> ofPath(String path) {
        return Arrays.stream(values()).filter(e -> e.path.equals(path)).findFirst();
    }
}
