package dev.wxacode.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The cloud-call form, as a cloud function's code sees it:
 *
 * <pre>{@code
 * WxCloud cloud = WxCloud.fromFunctionDir(Path.of("cloudfunctions/makeCode"));
 * CloudResult code = cloud.openapi().wxacode().getUnlimited(Map.of("scene", "id=42", "checkPath", false));
 * }</pre>
 *
 * <p>Like the real runtime, it checks the function's {@code config.json} for the permission
 * ({@code {"permissions":{"openapi":["wxacode.getUnlimited"]}}}) and handles the access token out of
 * sight. The credentials come from the environment, as a runtime provides them:
 * {@code WXACODE_URL} (default {@code http://127.0.0.1:8080}), {@code WXACODE_APPID} (or
 * {@code WX_APPID}) and {@code WXACODE_SECRET}.
 */
public final class WxCloud implements AutoCloseable {
    static final String API = "wxacode.getUnlimited";
    private static final String PREFIX = "openapi." + API + ":";
    private static final int NO_PERMISSION = -604101;
    /** WeChat's "system error": what a call that never got a WeChat answer is reported as. */
    private static final int SYSTEM_ERROR = -1;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The cloud call's camelCase names and their HTTP twins; both are accepted (wire spec §6). */
    private static final Map<String, String> WIRE_NAMES = Map.of(
            "checkPath", "check_path", "envVersion", "env_version", "autoColor", "auto_color",
            "lineColor", "line_color", "isHyaline", "is_hyaline");

    private final Set<String> permissions;
    private final WxaCodeClient client;

    private WxCloud(Set<String> permissions, WxaCodeClient client) {
        this.permissions = permissions;
        this.client = client;
    }

    /**
     * @param functionDir the cloud function's folder, holding {@code config.json}
     * @throws IllegalStateException if the environment lacks the appid or secret
     */
    public static WxCloud fromFunctionDir(Path functionDir) {
        try {
            return of(Files.readString(functionDir.resolve("config.json")), System.getenv());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + functionDir.resolve("config.json"), e);
        }
    }

    /** From a {@code config.json} text and an environment. */
    public static WxCloud of(String configJson, Map<String, String> env) {
        String appid = env.getOrDefault("WXACODE_APPID", env.get("WX_APPID"));
        String secret = env.get("WXACODE_SECRET");
        if (appid == null || secret == null) {
            throw new IllegalStateException("the environment must give WXACODE_APPID (or WX_APPID) and WXACODE_SECRET");
        }
        String url = env.getOrDefault("WXACODE_URL", "http://127.0.0.1:8080");
        return new WxCloud(permissions(configJson), WxaCodeClient.builder(url, appid, secret).build());
    }

    public OpenApi openapi() {
        return new OpenApi();
    }

    /** {@code cloud.openapi()}. */
    public final class OpenApi {
        private OpenApi() {
        }

        public Wxacode wxacode() {
            return new Wxacode();
        }
    }

    /** {@code cloud.openapi().wxacode}. */
    public final class Wxacode {
        private Wxacode() {
        }

        /**
         * @param params {@code scene, page, checkPath, envVersion, width, autoColor, lineColor, isHyaline}
         *               (or their snake_case forms), values as a cloud function would pass them
         * @throws CloudCallException for every failure, as the runtime rejects the call: a refusal
         *         carries the server's errcode; a call that never got an answer, or named a field in
         *         both forms, carries -1
         */
        public CloudResult getUnlimited(Map<String, ?> params) {
            checkPermission();
            ObjectNode body;
            try {
                body = wireBody(params);
            } catch (IllegalArgumentException e) {
                throw failure(SYSTEM_ERROR, e.getMessage());
            }
            return call(body);
        }

        /** The same with the typed request of {@link WxaCodeClient}. */
        public CloudResult getUnlimited(UnlimitedCode request) {
            checkPermission();
            return call(WxaCodeClient.body(request));
        }
    }

    private void checkPermission() {
        if (!permissions.contains(API)) {
            String errMsg = "system error: error code: " + NO_PERMISSION;
            throw new CloudCallException(NO_PERMISSION, errMsg,
                    "errCode: " + NO_PERMISSION + " function has no permission to call this API | errMsg: " + errMsg);
        }
    }

    private CloudResult call(ObjectNode body) {
        try {
            CodeImage image = client.getUnlimited(body);
            return new CloudResult(0, PREFIX + "ok", image.contentType(), image.bytes());
        } catch (WxaCodeException e) {
            throw failure(e.errcode(), e.errmsg());
        } catch (UncheckedIOException e) {
            throw failure(SYSTEM_ERROR, e.getMessage());
        }
    }

    private static CloudCallException failure(int errCode, String reason) {
        String errMsg = PREFIX + "fail " + reason;
        return new CloudCallException(errCode, errMsg, "errCode: " + errCode + " | errMsg: " + errMsg);
    }

    /** Closes the underlying HTTP client's connections. */
    @Override
    public void close() {
        client.close();
    }

    /** camelCase keys renamed to the HTTP API's; values passed as they are, for the server to judge. */
    static ObjectNode wireBody(Map<String, ?> params) {
        ObjectNode body = JSON.createObjectNode();
        for (Map.Entry<String, ?> entry : params.entrySet()) {
            String name = WIRE_NAMES.getOrDefault(entry.getKey(), entry.getKey());
            if (body.has(name)) {
                throw new IllegalArgumentException(entry.getKey() + " given twice, in camelCase and snake_case");
            }
            body.set(name, JSON.valueToTree(entry.getValue()));
        }
        return body;
    }

    private static Set<String> permissions(String configJson) {
        JsonNode config;
        try {
            config = JSON.readTree(configJson);
        } catch (IOException e) {
            throw new IllegalArgumentException("config.json is not JSON: " + e.getMessage(), e);
        }
        Set<String> granted = new HashSet<>();
        config.path("permissions").path("openapi").forEach(api -> granted.add(api.asText()));
        return Set.copyOf(granted);
    }
}
