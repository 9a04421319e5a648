package dev.wxacode.core.wire;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The WeChat endpoints wxacode serves, each with its one method and path: the table beside
 * {@link Errcode} that routes, fault rules and the request log all read. Any other method on such a
 * path is WeChat's {@link #wrongMethod()} error, never an HTTP 405.
 */
public enum Endpoint {
    TOKEN(Method.GET, "/cgi-bin/token"),
    STABLE_TOKEN(Method.POST, "/cgi-bin/stable_token"),
    GET_UNLIMITED(Method.POST, "/wxa/getwxacodeunlimit"),
    GET_CODE(Method.POST, "/wxa/getwxacode"),
    CREATE_QRCODE(Method.POST, "/cgi-bin/wxaapp/createwxaqrcode"),
    GENERATE_SCHEME(Method.POST, "/wxa/generatescheme"),
    QUERY_SCHEME(Method.POST, "/wxa/queryscheme"),
    GENERATE_URLLINK(Method.POST, "/wxa/generate_urllink"),
    QUERY_URLLINK(Method.POST, "/wxa/query_urllink"),
    GENERATE_SHORTLINK(Method.POST, "/wxa/genwxashortlink"),
    CLEAR_QUOTA(Method.POST, "/cgi-bin/clear_quota"),
    CLEAR_QUOTA_BY_SECRET(Method.POST, "/cgi-bin/clear_quota/v2"),
    API_QUOTA(Method.POST, "/cgi-bin/openapi/quota/get"),
    RID_INFO(Method.POST, "/cgi-bin/openapi/rid/get");

    /** The HTTP methods WeChat's endpoints use. */
    public enum Method { GET, POST }

    private static final Map<String, Endpoint> BY_PATH = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(Endpoint::path, endpoint -> endpoint));

    private final Method method;
    private final String path;

    Endpoint(Method method, String path) {
        this.method = method;
        this.path = path;
    }

    public Method method() {
        return method;
    }

    public String path() {
        return path;
    }

    /** The last segment of the path, e.g. {@code getwxacode}: how the console's playground names it. */
    public String lastSegment() {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** 43001 "require GET method" or 43002 "require POST method". */
    public Errcode wrongMethod() {
        return method == Method.GET ? Errcode.REQUIRE_GET_METHOD : Errcode.REQUIRE_POST_METHOD;
    }

    /** The endpoint at a route template or path, if it is one of WeChat's. */
    public static Optional<Endpoint> ofPath(String path) {
        // Asked for every call the request log keeps: a lookup, not a search.
        return Optional.ofNullable(BY_PATH.get(path));
    }
}
