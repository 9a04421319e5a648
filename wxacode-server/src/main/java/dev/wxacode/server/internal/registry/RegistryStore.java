package dev.wxacode.server.internal.registry;

import dev.wxacode.core.code.EnvVersion;
import dev.wxacode.core.code.LineColor;
import dev.wxacode.server.registry.App;
import dev.wxacode.server.registry.AppStyle;
import dev.wxacode.server.registry.SecretHash;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** Apps, their releases, and their numbered pages, limited codes and jump links. */
public interface RegistryStore {

    Optional<App> find(String appid);

    /** Every app, by appid. */
    List<App> list();

    /** @return false if the appid is taken */
    boolean insert(App app);

    /*
     * Changes touch only their own columns, each in one statement, so that two admin calls at once
     * (a secret rotation and a rename, say) can never undo each other.
     */

    void setSecret(String appid, SecretHash secret, long atMillis);

    void setDisabled(String appid, boolean disabled, long atMillis);

    /** Writes the settings present in {@code settings}; absent ones keep their value. */
    void updateSettings(String appid, AppSettings settings, long atMillis);

    Optional<byte[]> logo(String appid);

    /** Stores a logo together with the brand colour taken from it. */
    void setLogo(String appid, byte[] logo, Optional<LineColor> brandColor, long atMillis);

    /** Stores the app's style; empty for plain codes. */
    void setStyle(String appid, Optional<AppStyle> style, long atMillis);

    Map<EnvVersion, Release> releases(String appid);

    /** Replaces the app's release for {@code env} in one transaction, numbering new pages. */
    void publish(String appid, Release release);

    /**
     * The number of {@code path} in the app's page table, adding it if new.
     *
     * @return empty if the path is new and the app already has {@code maxPages} pages
     */
    OptionalInt pageId(String appid, String path, int maxPages);

    Optional<String> pagePath(String appid, int pageId);

    /**
     * The number of {@code code} among the app's limited codes, adding it if new.
     *
     * @return empty if the code is new and the app already has {@code maxCodes} codes
     */
    OptionalInt limitedCodeId(String appid, LimitedCode code, long createdAtMillis, int maxCodes);

    Optional<LimitedCode> limitedCode(String appid, int codeId);

    /** Keeps a new URL Scheme or URL Link under the app's next number, and returns the number. */
    int addJumpLink(String appid, KeptJump link);

    Optional<KeptJump> jumpLink(String appid, int linkId);
}
