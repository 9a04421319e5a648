package dev.wxacode.server.registry;

import dev.wxacode.core.code.EnvVersion;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** Apps, their releases and their numbered pages. */
public interface RegistryStore {

    Optional<App> find(String appid);

    /** Every app, by appid. */
    List<App> list();

    /** @return false if the appid is taken */
    boolean insert(App app);

    /** Replaces every stored field of the app with {@code app}'s. */
    void update(App app, long atMillis);

    Optional<byte[]> logo(String appid);

    void setLogo(String appid, byte[] logo);

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
}
