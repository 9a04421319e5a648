package dev.wxacode.server.internal.registry;

import dev.wxacode.core.code.EnvVersion;
import dev.wxacode.core.code.LineColor;
import dev.wxacode.core.link.KeyRing;
import dev.wxacode.core.link.SigningKey;
import dev.wxacode.server.registry.App;
import dev.wxacode.server.registry.DemoCredentials;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app a fresh server creates so that the README's curl pair works at once.
 *
 * <p>Its secret is derived from the server's first signing key rather than stored, so it can be
 * printed again at every start while only its hash sits in the database. After a rotation through
 * the admin API it no longer matches, and is no longer printed.
 */
public final class DemoApp {
    public static final List<String> PAGES = List.of("pages/index/index", "pages/detail/detail");
    /** WeChat green: shows {@code auto_color} at work (it gets darkened for contrast). */
    static final LineColor BRAND = LineColor.parseHex("#07C160");
    private static final Logger log = LoggerFactory.getLogger(DemoApp.class);

    private DemoApp() {
    }

    /**
     * Creates the demo app if the registry has no app at all, and tells how to reach it.
     *
     * @return empty when the registry holds other apps but no demo app
     */
    public static Optional<DemoCredentials> ensure(Registry registry, KeyRing keys) {
        SigningKey root = keys.oldest();
        Optional<App> demo = registry.list().stream().filter(App::demo).findFirst();
        if (demo.isEmpty()) {
            if (!registry.list().isEmpty()) {
                return Optional.empty();
            }
            AppSettings settings = new AppSettings(Optional.of("wxacode demo"), Optional.empty(), Optional.empty(),
                    Optional.of(Optional.of(BRAND)), Optional.empty(), Optional.of(OptionalInt.empty()));
            Registry.Created created = registry.create(new Registry.NewApp(Optional.empty(), Optional.empty(), true, settings));
            String appid = created.app().appid();
            registry.setSecret(created.app(), secretFor(root, appid));
            for (EnvVersion env : EnvVersion.values()) {
                registry.publish(appid, env, PAGES);
            }
            log.info("event=demo_app_created appid={}", appid);
            demo = registry.find(appid);
        }
        App app = demo.orElseThrow();
        String secret = secretFor(root, app.appid());
        return Optional.of(new DemoCredentials(app.appid(),
                app.secret().matches(secret) ? Optional.of(secret) : Optional.empty()));
    }

    private static String secretFor(SigningKey key, String appid) {
        return HexFormat.of().formatHex(key.demoBytes(appid, 16));
    }
}
