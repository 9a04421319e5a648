package dev.wxacode.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Makes codes through the HTTP API of wxacode (or of WeChat: the paths are the same). Thread-safe;
 * build one per app and share it.
 *
 * <pre>{@code
 * WxaCodeClient client = WxaCodeClient.builder("http://127.0.0.1:8080", appid, secret).build();
 * CodeImage code = client.getUnlimited(UnlimitedCode.of("id=42").withPage("pages/detail/detail"));
 * }</pre>
 *
 * <p>The access token is the stable token ({@code /cgi-bin/stable_token}), fetched on first use
 * and again shortly before it expires. A call refused with 40001 or 42001 (the token was
 * force-refreshed elsewhere, or the clocks disagree) is retried once with a fresh token.
 */
public final class WxaCodeClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final Tokens tokens;
    private final String appid;
    private final String secret;

    private WxaCodeClient(Builder b) {
        String url = b.baseUrl.endsWith("/") ? b.baseUrl.substring(0, b.baseUrl.length() - 1) : b.baseUrl;
        this.base = URI.create(url);
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(b.connectTimeout)
                .build();
        this.requestTimeout = b.requestTimeout;
        this.appid = b.appid;
        this.secret = b.secret;
        this.tokens = new Tokens(this::fetchToken, b.clock, b.refreshBefore);
    }

    /**
     * @param baseUrl where the API is, e.g. {@code http://127.0.0.1:8080} (or {@code https://api.weixin.qq.com})
     */
    public static Builder builder(String baseUrl, String appid, String secret) {
        return new Builder(baseUrl, appid, secret);
    }

    /**
     * @return the image
     * @throws WxaCodeException what the server refused (after one retry with a new token for 40001/42001)
     * @throws UncheckedIOException the server could not be reached, or something between answered instead
     */
    public CodeImage getUnlimited(UnlimitedCode request) {
        return getUnlimited(body(request));
    }

    /** The same with the wire body as given, for callers that pass fields through (the cloud call). */
    CodeImage getUnlimited(ObjectNode body) {
        return withToken(token -> code("/wxa/getwxacodeunlimit", token, body));
    }

    /**
     * wxacode.get: a code for a path with its query.
     *
     * @throws WxaCodeException what the server refused: 40159 for a path missing or too long, 45029 past
     *                          the app's codes, 45009 past the day's calls (after one retry for 40001/42001)
     * @throws UncheckedIOException as {@link #getUnlimited}
     */
    public CodeImage getCode(WxaCode request) {
        ObjectNode body = JSON.createObjectNode();
        body.put("path", request.path());
        drawing(body, request.envVersion(), request.width(), request.autoColor(), request.lineColor(), request.isHyaline());
        return withToken(token -> code("/wxa/getwxacode", token, body));
    }

    /**
     * createQRCode: a plain square code, black on white, opening {@code path} (at most 128 bytes, query
     * included) in the released build. It shares {@link #getCode}'s cap of codes.
     *
     * @param width pixels; the server clamps it to 280–1280
     * @throws WxaCodeException what the server refused (after one retry for 40001/42001)
     * @throws UncheckedIOException as {@link #getUnlimited}
     */
    public CodeImage createQrcode(String path, int width) {
        ObjectNode body = JSON.createObjectNode();
        body.put("path", path);
        body.put("width", width);
        return withToken(token -> code("/cgi-bin/wxaapp/createwxaqrcode", token, body));
    }

    /**
     * The image of a code's link as the server draws it at {@code GET /L/{token}/code.{extension}}:
     * {@code jpg}, {@code png}, or for print {@code svg} and {@code pdf}, in the app's style, laid out
     * as the code at {@code width} pixels. No token is needed: whoever holds a link may have its image.
     *
     * @param link the text a code carries ({@code HTTP://host/L/TOKEN}), or its token alone
     * @param size for svg and pdf, the printed side, as {@code 30mm} or {@code 430px}; empty for the width in pixels
     * @throws WxaCodeException what the server refused: 990104 for a size it does not take, 990001/990002
     *                          for a link it did not sign or that no longer resolves
     * @throws UncheckedIOException as {@link #getUnlimited}
     */
    public CodeImage linkImage(String link, String extension, int width, Optional<String> size) {
        String token = link.substring(link.lastIndexOf('/') + 1);
        String query = "?width=" + width + size.map(s -> "&size=" + URLEncoder.encode(s, StandardCharsets.UTF_8)).orElse("");
        return image(send(HttpRequest.newBuilder(resolve("/L/" + token + "/code." + extension + query)).GET()));
    }

    /**
     * getApiQuota: this app's allowance of one endpoint.
     *
     * @param cgiPath the endpoint's path, e.g. {@code /cgi-bin/token}
     * @throws WxaCodeException what the server refused, e.g. 76021 for a path it has no quota for
     */
    public ApiQuota apiQuota(String cgiPath) {
        ObjectNode body = JSON.createObjectNode();
        body.put("cgi_path", cgiPath);
        return ApiQuota.of(openApi("/cgi-bin/openapi/quota/get", body));
    }

    /**
     * getRidInfo: the call behind the rid at the end of an errmsg, for this app's calls of the last 7 days.
     *
     * @throws WxaCodeException what the server refused: 76001 for a rid it does not have, 76003 for another app's
     */
    public RidInfo ridInfo(String rid) {
        ObjectNode body = JSON.createObjectNode();
        body.put("rid", rid);
        return RidInfo.of(openApi("/cgi-bin/openapi/rid/get", body));
    }

    /**
     * urlscheme.generate: a {@code weixin://dl/business/?t=…} that opens the page from outside WeChat.
     *
     * @throws WxaCodeException what the server refused: 40165 for a page the release lacks, 40212 for a
     *                          bad query, 85401 for an expiry past 30 days, 44993 past the day's links
     */
    public String generateScheme(LinkRequest request) {
        ObjectNode body = JSON.createObjectNode();
        linkTarget(body.putObject("jump_wxa"), request);
        linkExpiry(body, request);
        return openApi("/wxa/generatescheme", body).path("openlink").asText();
    }

    /** urllink.generate: an https link that opens the page. @throws WxaCodeException as {@link #generateScheme} */
    public String generateUrlLink(LinkRequest request) {
        ObjectNode body = JSON.createObjectNode();
        linkTarget(body, request);
        linkExpiry(body, request);
        return openApi("/wxa/generate_urllink", body).path("url_link").asText();
    }

    /** urlscheme.query: what a scheme of this app opens. @throws WxaCodeException 85403 for one it does not have */
    public LinkInfo queryScheme(String scheme) {
        ObjectNode body = JSON.createObjectNode();
        body.put("scheme", scheme);
        return LinkInfo.of(openApi("/wxa/queryscheme", body).path("scheme_info"));
    }

    /** urllink.query: what a URL link of this app opens. @throws WxaCodeException 85403 for one it does not have */
    public LinkInfo queryUrlLink(String urlLink) {
        ObjectNode body = JSON.createObjectNode();
        body.put("url_link", urlLink);
        return LinkInfo.of(openApi("/wxa/query_urllink", body).path("url_link_info"));
    }

    /**
     * shortlink.generate: {@code #小程序://…} for a page with its query, to paste inside WeChat.
     *
     * @param pageTitle null for none; at most 20 characters
     * @param permanent for good (the app has 100 000 of these); otherwise for 30 days
     * @throws WxaCodeException what the server refused: 40066 for a page_url the release lacks, 85400 past the
     *                          permanent ones
     */
    public String generateShortLink(String pageUrl, String pageTitle, boolean permanent) {
        ObjectNode body = JSON.createObjectNode();
        body.put("page_url", pageUrl);
        if (pageTitle != null) {
            body.put("page_title", pageTitle);
        }
        body.put("is_permanent", permanent);
        return openApi("/wxa/genwxashortlink", body).path("link").asText();
    }

    private static void linkTarget(ObjectNode target, LinkRequest request) {
        target.put("path", request.path());
        target.put("query", request.query());
        target.put("env_version", request.envVersion());
    }

    private static void linkExpiry(ObjectNode body, LinkRequest request) {
        request.expireTime().ifPresent(at -> {
            body.put("expire_type", 0);
            body.put("expire_time", at.getEpochSecond());
        });
        request.expireIntervalDays().ifPresent(days -> {
            body.put("expire_type", 1);
            body.put("expire_interval", days);
        });
    }

    /** A JSON call with this app's token; its reply when the errcode is 0. */
    private JsonNode openApi(String path, ObjectNode body) {
        return withToken(token -> {
            HttpResponse<byte[]> response = post(path, token, body);
            JsonNode json = read(response.body());
            if (json.path("errcode").asInt(-1) != 0) {
                throw error(response);
            }
            return json;
        });
    }

    /** A call with the current token, once more with a new one after a 40001 or 42001. */
    private <T> T withToken(Function<String, T> call) {
        String token = tokens.current();
        try {
            return call.apply(token);
        } catch (WxaCodeException e) {
            if (!e.isTokenProblem()) {
                throw e;
            }
            tokens.invalidate(token);
            return call.apply(tokens.current());
        }
    }

    /** The current access token, fetched if needed: for calls this client does not wrap. */
    public String accessToken() {
        return tokens.current();
    }

    private CodeImage code(String path, String token, ObjectNode body) {
        return image(post(path, token, body));
    }

    /** The image a reply carries, or the refusal it is. */
    private CodeImage image(HttpResponse<byte[]> response) {
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        if (isError(contentType, response.body())) {
            throw error(response);
        }
        if (response.statusCode() != 200) {
            // WeChat answers everything with 200; anything else came from something in between.
            throw transportFailure("HTTP " + response.statusCode() + " from " + base, null);
        }
        return new CodeImage(response.body(), contentType);
    }

    /**
     * Image or error? The way SDKs decide, in their order: WeChat labels errors as JSON
     * ({@code application/json}, with varying parameters), so the Content-Type decides first; a
     * proxy may relabel or strip it, so a body that starts with {@code {} is read as an error too.
     * No JPEG or PNG starts with that byte (they start with 0xFF and 0x89).
     */
    static boolean isError(String contentType, byte[] body) {
        String type = contentType.toLowerCase(Locale.ROOT);
        if (type.startsWith("application/json") || type.startsWith("text/")) {
            return true;
        }
        return body.length > 0 && body[0] == '{';
    }

    private HttpResponse<byte[]> post(String path, String token, ObjectNode body) {
        return send(HttpRequest.newBuilder(resolve(path + "?access_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(write(body))));
    }

    private TokenGrant fetchToken() {
        ObjectNode body = JSON.createObjectNode();
        body.put("grant_type", "client_credential");
        body.put("appid", appid);
        body.put("secret", secret);
        body.put("force_refresh", false);
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(resolve("/cgi-bin/stable_token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(write(body))));
        JsonNode json = read(response.body());
        if (!json.hasNonNull("access_token")) {
            throw error(response);
        }
        return new TokenGrant(json.get("access_token").asText(), Duration.ofSeconds(json.path("expires_in").asLong(7200)));
    }

    static ObjectNode body(UnlimitedCode request) {
        ObjectNode body = JSON.createObjectNode();
        body.put("scene", request.scene());
        body.put("page", request.page());
        body.put("check_path", request.checkPath());
        drawing(body, request.envVersion(), request.width(), request.autoColor(), request.lineColor(), request.isHyaline());
        return body;
    }

    /** The fields getwxacodeunlimit and getwxacode share: the build and how the code is drawn. */
    private static void drawing(ObjectNode body, String envVersion, int width, boolean autoColor, Rgb lineColor,
                                boolean isHyaline) {
        body.put("env_version", envVersion);
        body.put("width", width);
        body.put("auto_color", autoColor);
        ObjectNode color = body.putObject("line_color");
        color.put("r", lineColor.r());
        color.put("g", lineColor.g());
        color.put("b", lineColor.b());
        body.put("is_hyaline", isHyaline);
    }

    /** Closes the HTTP client's connections. */
    @Override
    public void close() {
        http.close();
    }

    private URI resolve(String pathAndQuery) {
        return URI.create(base + pathAndQuery);
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(requestTimeout).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw transportFailure("cannot reach " + base + ": " + IoReasons.of(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw transportFailure("interrupted while calling " + base, e);
        }
    }

    /**
     * The errcode of a JSON reply; a reply without one (a proxy's error page, say) is a transport
     * failure, not a WeChat refusal.
     */
    private RuntimeException error(HttpResponse<byte[]> response) {
        JsonNode json = read(response.body());
        if (!json.has("errcode")) {
            return transportFailure("HTTP " + response.statusCode() + " from " + base + " without an errcode", null);
        }
        return new WxaCodeException(json.path("errcode").asInt(), json.path("errmsg").asText(""));
    }

    /** Always with a message of its own, so that callers can report it whatever the cause. */
    private static UncheckedIOException transportFailure(String message, Exception cause) {
        return new UncheckedIOException(message, cause instanceof IOException io ? io : new IOException(message, cause));
    }

    private static JsonNode read(byte[] body) {
        try {
            JsonNode json = JSON.readTree(body);
            return json == null ? JSON.createObjectNode() : json;
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static byte[] write(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Options with sensible defaults: 5 s to connect, 30 s per request, refresh 60 s before expiry. */
    public static final class Builder {
        private final String baseUrl;
        private final String appid;
        private final String secret;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private Duration refreshBefore = Duration.ofSeconds(60);
        private Clock clock = Clock.systemUTC();

        private Builder(String baseUrl, String appid, String secret) {
            this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl == null");
            this.appid = Objects.requireNonNull(appid, "appid == null");
            this.secret = Objects.requireNonNull(secret, "secret == null");
        }

        public Builder connectTimeout(Duration value) {
            this.connectTimeout = value;
            return this;
        }

        public Builder requestTimeout(Duration value) {
            this.requestTimeout = value;
            return this;
        }

        /** How long before its expiry a token is replaced. */
        public Builder refreshBefore(Duration value) {
            this.refreshBefore = value;
            return this;
        }

        /** The clock token lifetimes are measured with. */
        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        public WxaCodeClient build() {
            return new WxaCodeClient(this);
        }
    }
}
