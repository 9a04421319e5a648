package dev.wxacode.server.internal.registry;

import static dev.wxacode.server.internal.admin.AdminJson.body;
import static dev.wxacode.server.internal.admin.AdminJson.invalid;
import static dev.wxacode.server.internal.admin.AdminJson.refuseUnknown;
import static dev.wxacode.server.internal.admin.AdminJson.reply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wxacode.core.code.EnvVersion;
import dev.wxacode.core.code.LineColor;
import dev.wxacode.core.wire.Errcode;
import dev.wxacode.core.wire.WxException;
import dev.wxacode.server.internal.http.Bodies;
import dev.wxacode.server.internal.http.Routes;
import dev.wxacode.server.internal.http.WireJson;
import dev.wxacode.server.internal.ratelimit.CpuSlots;
import dev.wxacode.server.registry.App;
import dev.wxacode.server.registry.AppStyle;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The admin API of the registry: apps, secrets, logos, styles and releases. */
public final class RegistryAdminRoutes {
    private static final Set<String> CREATE_KEYS = Stream.concat(AppSettings.KEYS.stream(), Stream.of("appid", "secret"))
            .collect(Collectors.toUnmodifiableSet());

    private final Registry registry;
    private final CpuSlots cpu;

    public RegistryAdminRoutes(Registry registry, CpuSlots cpu) {
        this.registry = registry;
        this.cpu = cpu;
    }

    public void register(Routes routes) {
        Routes admin = routes.guarded();
        admin.get("/admin/apps", this::list);
        admin.post("/admin/apps", this::create);
        admin.get("/admin/apps/{appid}", ctx -> reply(ctx, 200, view(registry.require(ctx.pathParam("appid")))));
        admin.patch("/admin/apps/{appid}", this::update);
        admin.post("/admin/apps/{appid}/disable", ctx -> reply(ctx, 200, view(registry.setDisabled(ctx.pathParam("appid"), true))));
        admin.post("/admin/apps/{appid}/enable", ctx -> reply(ctx, 200, view(registry.setDisabled(ctx.pathParam("appid"), false))));
        admin.post("/admin/apps/{appid}/secret", this::rotateSecret);
        admin.put("/admin/apps/{appid}/logo", this::setLogo);
        admin.get("/admin/apps/{appid}/style", ctx -> reply(ctx, 200, styleView(registry.require(ctx.pathParam("appid")))));
        admin.put("/admin/apps/{appid}/style", this::setStyle);
        admin.delete("/admin/apps/{appid}/style", ctx -> reply(ctx, 200, styleView(registry.clearStyle(ctx.pathParam("appid")))));
        admin.get("/admin/apps/{appid}/releases", this::releases);
        admin.put("/admin/apps/{appid}/releases/{env_version}", this::publish);
    }

    private void list(Context ctx) {
        ObjectNode json = WireJson.object();
        ArrayNode apps = json.putArray("apps");
        registry.list().forEach(app -> apps.add(view(app)));
        reply(ctx, 200, json);
    }

    private void create(Context ctx) {
        ObjectNode body = body(ctx, true);
        refuseUnknown(body, CREATE_KEYS);
        Registry.Created created = registry.create(new Registry.NewApp(
                Optional.ofNullable(WireJson.text(body, "appid", Errcode.INVALID_ARGUMENT)),
                Optional.ofNullable(WireJson.text(body, "secret", Errcode.INVALID_ARGUMENT)), false, settings(body)));
        ObjectNode json = view(created.app());
        json.put("secret", created.secret());
        reply(ctx, 201, json);
    }

    private void update(Context ctx) {
        ObjectNode body = body(ctx, false);
        refuseUnknown(body, AppSettings.KEYS);
        reply(ctx, 200, view(registry.update(ctx.pathParam("appid"), settings(body))));
    }

    private void rotateSecret(Context ctx) {
        String appid = ctx.pathParam("appid");
        String secret = registry.rotateSecret(appid);
        ObjectNode json = WireJson.object();
        json.put("appid", appid);
        json.put("secret", secret);
        reply(ctx, 200, json);
    }

    /** The raw image as body (PNG or JPEG); its dominant colour becomes the brand colour. */
    private void setLogo(Context ctx) {
        byte[] image = Bodies.upload(ctx).bytes();
        reply(ctx, 200, view(cpu.run(() -> registry.setLogo(ctx.pathParam("appid"), image))));
    }

    /**
     * Body: the style ({@link StyleJson}). Drawn and read back at three widths before it is stored,
     * so it takes a CPU slot like any drawing.
     */
    private void setStyle(Context ctx) {
        ObjectNode body = body(ctx, false);
        AppStyle style;
        try {
            style = StyleJson.fromJson(body);
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
        reply(ctx, 200, styleView(cpu.run(() -> registry.setStyle(ctx.pathParam("appid"), style))));
    }

    private static ObjectNode styleView(App app) {
        ObjectNode json = WireJson.object();
        json.put("appid", app.appid());
        json.set("style", style(app));
        return json;
    }

    /** The app's style, or null for plain codes. */
    private static JsonNode style(App app) {
        return app.style().<JsonNode>map(StyleJson::toJson).orElse(NullNode.getInstance());
    }

    private void releases(Context ctx) {
        ObjectNode json = WireJson.object();
        json.put("appid", ctx.pathParam("appid"));
        ObjectNode releases = json.putObject("releases");
        for (Map.Entry<EnvVersion, Release> entry : registry.releases(ctx.pathParam("appid")).entrySet()) {
            releases.set(entry.getKey().wireName(), view(entry.getValue()));
        }
        reply(ctx, 200, json);
    }

    /** Body {@code {"pages":["pages/index/index", …]}}, first page = home page. */
    private void publish(Context ctx) {
        EnvVersion env;
        try {
            env = EnvVersion.fromWire(ctx.pathParam("env_version"));
        } catch (WxException e) {
            throw invalid("env_version must be release, trial or develop");
        }
        ObjectNode body = body(ctx, false);
        refuseUnknown(body, Set.of("pages"));
        JsonNode pages = body.get("pages");
        if (pages == null || !pages.isArray()) {
            throw invalid("pages must be a list of page paths");
        }
        List<String> paths = new ArrayList<>();
        for (JsonNode page : pages) {
            if (!page.isTextual()) {
                throw invalid("pages must be a list of page paths");
            }
            paths.add(page.textValue());
        }
        reply(ctx, 200, view(registry.publish(ctx.pathParam("appid"), env, paths)));
    }

    private static AppSettings settings(ObjectNode body) {
        try {
            return AppSettings.fromJson(body);
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
    }

    static ObjectNode view(App app) {
        ObjectNode json = WireJson.object();
        json.put("appid", app.appid());
        json.put("name", app.name());
        json.put("type", app.type().wireName());
        json.put("disabled", app.disabled());
        json.put("secret_frozen", app.secretFrozen());
        json.put("demo", app.demo());
        json.put("brand_color", app.brandColor().map(LineColor::hex).orElse(null));
        ArrayNode whitelist = json.putArray("ip_whitelist");
        app.ipWhitelist().forEach(whitelist::add);
        if (app.rateLimitPerMinute().isPresent()) {
            json.put("rate_limit_per_minute", app.rateLimitPerMinute().getAsInt());
        } else {
            json.putNull("rate_limit_per_minute");
        }
        json.put("created_at", Instant.ofEpochMilli(app.createdAtMillis()).toString());
        json.set("style", style(app));
        return json;
    }

    private static ObjectNode view(Release release) {
        ObjectNode json = WireJson.object();
        json.put("env_version", release.envVersion().wireName());
        json.put("home_page", release.homePage());
        ArrayNode pages = json.putArray("pages");
        release.pages().forEach(pages::add);
        json.put("published_at", Instant.ofEpochMilli(release.publishedAtMillis()).toString());
        return json;
    }
}
