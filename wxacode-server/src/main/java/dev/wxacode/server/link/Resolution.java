package dev.wxacode.server.link;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wxacode.core.code.EnvVersion;
import dev.wxacode.core.code.Scene;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What scanning a code does: which app and build open, on which page, and what the page receives.
 *
 * @param page          the page path; for a code made without one, the home page of that build now
 * @param parameters    the code's own part of {@code onLoad(query)}: {@code scene}, URI-encoded, for a
 *                      getUnlimited code; the path's query for a wxacode.get or createQRCode one
 * @param scene         the scene of a getUnlimited code, as it was asked for; empty for the others
 * @param launchScene   WeChat's scene value of the launch: 1047 a mini-program code, 1011 a QR code
 * @param scancodeTime  Unix seconds of the scan, added to the query as WeChat does for scans
 */
public record Resolution(String appid, EnvVersion envVersion, String page, Map<String, String> parameters,
                         Optional<Scene> scene, int launchScene, long scancodeTime) {
    /** WeChat's scene value for "opened by scanning a mini-program code". */
    public static final int SCAN_SCENE = 1047;

    public Resolution {
        // In the order the path wrote them, for people reading the JSON.
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        Objects.requireNonNull(scene, "scene == null");
    }

    /** A getUnlimited code's: its scene is all the page receives. */
    public static Resolution ofScene(String appid, EnvVersion envVersion, String page, Scene scene, long scancodeTime) {
        return new Resolution(appid, envVersion, page, Map.of("scene", scene.uriEncoded()), Optional.of(scene),
                SCAN_SCENE, scancodeTime);
    }

    /**
     * <pre>
     * {"errcode":0,"errmsg":"ok","appid":"wx…","env_version":"release","page":"pages/index/index",
     *  "query":{"scene":"id%3D42","scancode_time":"1764028800"},"scene":1047,"decoded_scene":"id=42"}
     * </pre>
     * {@code query} is exactly {@code onLoad(query)}, values as strings: the scene URI-encoded, or
     * the path's query as written. {@code decoded_scene} is there for a getUnlimited code only.
     */
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("errcode", 0);
        json.put("errmsg", "ok");
        json.put("appid", appid);
        json.put("env_version", envVersion.wireName());
        json.put("page", page);
        ObjectNode query = json.putObject("query");
        parameters.forEach(query::put);
        query.put("scancode_time", Long.toString(scancodeTime));
        json.put("scene", launchScene);
        scene.ifPresent(s -> json.put("decoded_scene", s.value()));
        return json;
    }
}
