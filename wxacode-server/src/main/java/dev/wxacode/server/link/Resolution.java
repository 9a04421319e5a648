package dev.wxacode.server.link;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wxacode.core.code.EnvVersion;
import dev.wxacode.core.code.Scene;

/**
 * What scanning a code does: which app and build open, on which page, and what the page receives.
 *
 * @param page          the page path; for a code made without one, the home page of that build now
 * @param scancodeTime  Unix seconds of the scan, added to the query as WeChat does for scans
 */
public record Resolution(String appid, EnvVersion envVersion, String page, Scene scene, long scancodeTime) {
    /** WeChat's scene value for "opened by scanning a mini-program code". */
    public static final int SCAN_SCENE = 1047;

    /**
     * <pre>
     * {"errcode":0,"errmsg":"ok","appid":"wx…","env_version":"release","page":"pages/index/index",
     *  "query":{"scene":"id%3D42","scancode_time":"1764028800"},"scene":1047,"decoded_scene":"id=42"}
     * </pre>
     * {@code query} is exactly {@code onLoad(query)}: the scene URI-encoded, values as strings.
     */
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("errcode", 0);
        json.put("errmsg", "ok");
        json.put("appid", appid);
        json.put("env_version", envVersion.wireName());
        json.put("page", page);
        ObjectNode query = json.putObject("query");
        query.put("scene", scene.uriEncoded());
        query.put("scancode_time", Long.toString(scancodeTime));
        json.put("scene", SCAN_SCENE);
        json.put("decoded_scene", scene.value());
        return json;
    }
}
