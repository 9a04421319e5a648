package dev.wxacode.core.link;

import dev.wxacode.core.code.Appid;
import dev.wxacode.core.code.EnvVersion;
import dev.wxacode.core.code.Scene;
import java.util.Objects;

/**
 * What a getUnlimited code opens, all carried in its link: an app, a page, a build and a scene.
 *
 * @param pageId the app's number for the page; {@link #HOME_PAGE} means "the home page of the build
 *               at scan time", as an omitted {@code page} does on WeChat
 */
public record LaunchLink(Appid appid, int pageId, EnvVersion envVersion, Scene scene) implements SignedLink {
    public static final int HOME_PAGE = 0;

    public LaunchLink {
        Objects.requireNonNull(appid, "appid == null");
        Objects.requireNonNull(envVersion, "envVersion == null");
        Objects.requireNonNull(scene, "scene == null");
        if (pageId < 0) {
            throw new IllegalArgumentException("pageId " + pageId + " < 0");
        }
    }
}
