package dev.wxacode.server.internal.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.wxacode.core.code.CodePath;
import dev.wxacode.core.code.EnvVersion;
import dev.wxacode.core.code.JumpRequest;
import dev.wxacode.core.code.LaunchKind;
import dev.wxacode.core.code.LimitedCodeRequest;
import dev.wxacode.core.code.LineColor;
import dev.wxacode.core.code.PagePath;
import dev.wxacode.server.internal.http.WireJson;
import dev.wxacode.server.registry.App;
import dev.wxacode.server.registry.AppStyle;
import dev.wxacode.server.registry.AppType;
import dev.wxacode.server.registry.SecretHash;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.function.ObjIntConsumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** {@link RegistryStore} on the {@code apps}, {@code pages}, {@code releases} and {@code limited_codes} tables. */
public final class JdbcRegistryStore implements RegistryStore {
    private static final String APP_COLUMNS = "appid, name, app_type, secret_salt, secret_hash, secret_frozen, disabled,"
            + " demo, brand_color, ip_whitelist, rate_limit_per_minute, created_at, style";
    /** Two writers may race to number the same new page or code; the loser re-reads. */
    private static final int NUMBERING_ATTEMPTS = 5;

    private final Jdbi jdbi;

    public JdbcRegistryStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Optional<App> find(String appid) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + APP_COLUMNS + " FROM apps WHERE appid = :appid")
                .bind("appid", appid)
                .map((rs, ctx) -> app(rs))
                .findOne());
    }

    @Override
    public List<App> list() {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + APP_COLUMNS + " FROM apps ORDER BY appid")
                .map((rs, ctx) -> app(rs))
                .list());
    }

    @Override
    public boolean insert(App app) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        INSERT INTO apps (appid, name, app_type, secret_salt, secret_hash, secret_frozen, disabled, demo,
                                          brand_color, ip_whitelist, rate_limit_per_minute, created_at, updated_at)
                        SELECT :appid, :name, :type, :salt, :hash, :frozen, :disabled, :demo,
                               :brand, :whitelist, :rate, :created, :created
                        WHERE NOT EXISTS (SELECT 1 FROM apps WHERE appid = :appid)""")
                .bindMap(columns(app))
                .execute()) == 1;
    }

    @Override
    public void setSecret(String appid, SecretHash secret, long atMillis) {
        jdbi.useHandle(h -> h.createUpdate(
                        "UPDATE apps SET secret_salt = :salt, secret_hash = :hash, updated_at = :at WHERE appid = :appid")
                .bind("salt", secret.salt()).bind("hash", secret.hash()).bind("at", atMillis).bind("appid", appid)
                .execute());
    }

    @Override
    public void setDisabled(String appid, boolean disabled, long atMillis) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE apps SET disabled = :disabled, updated_at = :at WHERE appid = :appid")
                .bind("disabled", disabled).bind("at", atMillis).bind("appid", appid)
                .execute());
    }

    @Override
    public void updateSettings(String appid, AppSettings settings, long atMillis) {
        Map<String, Object> columns = new LinkedHashMap<>();
        settings.name().ifPresent(name -> columns.put("name", name));
        settings.type().ifPresent(type -> columns.put("app_type", type.wireName()));
        settings.secretFrozen().ifPresent(frozen -> columns.put("secret_frozen", frozen));
        settings.brandColor().ifPresent(color -> columns.put("brand_color", color.map(LineColor::rgb).orElse(null)));
        settings.ipWhitelist().ifPresent(list -> columns.put("ip_whitelist", String.join(",", list)));
        settings.rateLimitPerMinute().ifPresent(rate -> columns.put("rate_limit_per_minute",
                rate.isPresent() ? rate.getAsInt() : null));
        columns.put("updated_at", atMillis);
        // The column names are the literals above, never the caller's.
        String assignments = String.join(", ", columns.keySet().stream().map(c -> c + " = :" + c).toList());
        jdbi.useHandle(h -> h.createUpdate("UPDATE apps SET " + assignments + " WHERE appid = :appid")
                .bindMap(columns).bind("appid", appid)
                .execute());
    }

    @Override
    public Optional<byte[]> logo(String appid) {
        return jdbi.withHandle(h -> h.createQuery("SELECT logo FROM apps WHERE appid = :appid AND logo IS NOT NULL")
                .bind("appid", appid)
                .map((rs, ctx) -> rs.getBytes(1))
                .findOne());
    }

    @Override
    public void setLogo(String appid, byte[] logo, Optional<LineColor> brandColor, long atMillis) {
        jdbi.useHandle(h -> h.createUpdate(
                        "UPDATE apps SET logo = :logo, brand_color = :brand, updated_at = :at WHERE appid = :appid")
                .bind("logo", logo).bind("brand", brandColor.map(LineColor::rgb).orElse(null)).bind("at", atMillis)
                .bind("appid", appid)
                .execute());
    }

    @Override
    public void setStyle(String appid, Optional<AppStyle> style, long atMillis) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE apps SET style = :style, updated_at = :at WHERE appid = :appid")
                .bind("style", style.map(s -> new String(WireJson.write(StyleJson.toJson(s)), StandardCharsets.UTF_8))
                        .orElse(null))
                .bind("at", atMillis).bind("appid", appid)
                .execute());
    }

    @Override
    public Map<EnvVersion, Release> releases(String appid) {
        return jdbi.withHandle(h -> {
            Map<EnvVersion, Long> published = new LinkedHashMap<>();
            h.createQuery("SELECT env_version, published_at FROM releases WHERE appid = :appid")
                    .bind("appid", appid)
                    .map((rs, ctx) -> Map.entry(EnvVersion.fromWire(rs.getString(1)), rs.getLong(2)))
                    .forEach(e -> published.put(e.getKey(), e.getValue()));
            Map<EnvVersion, List<String>> pages = new EnumMap<>(EnvVersion.class);
            h.createQuery("""
                            SELECT r.env_version, p.path FROM release_pages r
                            JOIN pages p ON p.appid = r.appid AND p.page_id = r.page_id
                            WHERE r.appid = :appid ORDER BY r.env_version, r.ordinal""")
                    .bind("appid", appid)
                    .map((rs, ctx) -> Map.entry(EnvVersion.fromWire(rs.getString(1)), rs.getString(2)))
                    .forEach(e -> pages.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
            Map<EnvVersion, Release> releases = new EnumMap<>(EnvVersion.class);
            published.forEach((env, at) -> releases.put(env, new Release(env, pages.get(env), at)));
            return releases;
        });
    }

    @Override
    public void publish(String appid, Release release) {
        List<Integer> ids = new ArrayList<>();
        for (String path : release.pages()) {
            ids.add(pageId(appid, path, Integer.MAX_VALUE).orElseThrow());
        }
        String env = release.envVersion().wireName();
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM release_pages WHERE appid = :appid AND env_version = :env")
                    .bind("appid", appid).bind("env", env).execute();
            int updated = h.createUpdate("UPDATE releases SET published_at = :at WHERE appid = :appid AND env_version = :env")
                    .bind("appid", appid).bind("env", env).bind("at", release.publishedAtMillis()).execute();
            if (updated == 0) {
                h.createUpdate("INSERT INTO releases (appid, env_version, published_at) VALUES (:appid, :env, :at)")
                        .bind("appid", appid).bind("env", env).bind("at", release.publishedAtMillis()).execute();
            }
            for (int position = 0; position < ids.size(); position++) {
                h.createUpdate("""
                                INSERT INTO release_pages (appid, env_version, ordinal, page_id)
                                VALUES (:appid, :env, :ordinal, :page)""")
                        .bind("appid", appid).bind("env", env).bind("ordinal", position).bind("page", ids.get(position))
                        .execute();
            }
        });
    }

    @Override
    public OptionalInt pageId(String appid, String path, int maxPages) {
        return numbered(appid, maxPages, new Numbering("pages", "page_id", h -> pageOf(h, appid, path),
                (h, id) -> h.createUpdate("INSERT INTO pages (appid, page_id, path) VALUES (:appid, :id, :path)")
                        .bind("appid", appid).bind("id", id).bind("path", path)
                        .execute()));
    }

    @Override
    public OptionalInt limitedCodeId(String appid, LimitedCode code, long createdAtMillis, int maxCodes) {
        Map<String, Object> columns = Map.of("appid", appid, "kind", code.kind().storedName(),
                "env", code.envVersion().wireName(), "page", code.path().page().value(), "query", code.path().query());
        return numbered(appid, maxCodes, new Numbering("limited_codes", "code_id", h -> h.createQuery("""
                                SELECT code_id FROM limited_codes WHERE appid = :appid AND kind = :kind
                                AND env_version = :env AND page = :page AND query = :query""")
                        .bindMap(columns)
                        .mapTo(Integer.class).findOne(),
                (h, id) -> h.createUpdate("""
                                INSERT INTO limited_codes (appid, code_id, kind, env_version, page, query, created_at)
                                VALUES (:appid, :id, :kind, :env, :page, :query, :at)""")
                        .bindMap(columns).bind("id", id).bind("at", createdAtMillis)
                        .execute()));
    }

    @Override
    public Optional<LimitedCode> limitedCode(String appid, int codeId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT kind, env_version, page, query FROM limited_codes WHERE appid = :appid AND code_id = :id""")
                .bind("appid", appid).bind("id", codeId)
                .map((rs, ctx) -> new LimitedCode(LaunchKind.fromStored(LimitedCodeRequest.Kind.class, rs.getString("kind")),
                        new CodePath(new PagePath(rs.getString("page")), rs.getString("query")),
                        EnvVersion.fromWire(rs.getString("env_version"))))
                .findOne());
    }

    @Override
    public int addJumpLink(String appid, KeptJump link) {
        JumpRequest request = link.request();
        return numbered(appid, Integer.MAX_VALUE, new Numbering("jump_links", "link_id", h -> Optional.empty(),
                (h, id) -> h.createUpdate("""
                                INSERT INTO jump_links (appid, link_id, kind, env_version, page, query, created_at, expires_at,
                                                        cloud_base)
                                VALUES (:appid, :id, :kind, :env, :page, :query, :at, :expires, :cloud)""")
                        .bind("appid", appid).bind("id", id).bind("kind", request.kind().storedName())
                        .bind("env", request.envVersion().wireName()).bind("page", request.page().value())
                        .bind("query", request.query()).bind("at", link.createdAtSeconds())
                        .bind("expires", request.expiresAtSeconds()).bind("cloud", link.cloudBase().orElse(null))
                        .execute())).orElseThrow();
    }

    @Override
    public Optional<KeptJump> jumpLink(String appid, int linkId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT kind, env_version, page, query, created_at, expires_at, cloud_base FROM jump_links
                        WHERE appid = :appid AND link_id = :id""")
                .bind("appid", appid).bind("id", linkId)
                .map((rs, ctx) -> new KeptJump(new JumpRequest(LaunchKind.fromStored(JumpRequest.Kind.class, rs.getString("kind")),
                        new PagePath(rs.getString("page")), rs.getString("query"),
                        EnvVersion.fromWire(rs.getString("env_version")), rs.getLong("expires_at")),
                        rs.getLong("created_at"), Optional.ofNullable(rs.getString("cloud_base"))))
                .findOne());
    }

    /**
     * A table whose rows each app numbers 1, 2, 3…, with how to find the row sought (none, for rows
     * that are always new) and how to add it under a number.
     */
    private record Numbering(String table, String idColumn, Function<Handle, Optional<Integer>> find,
                             ObjIntConsumer<Handle> insert) {
    }

    /** The row's number, adding it under the next number unless the app already has {@code max} rows. */
    private OptionalInt numbered(String appid, int max, Numbering rows) {
        for (int attempt = 1; ; attempt++) {
            try {
                return jdbi.inTransaction(h -> findOrAdd(h, appid, max, rows));
            } catch (UnableToExecuteStatementException e) {
                if (attempt == NUMBERING_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private static OptionalInt findOrAdd(Handle h, String appid, int max, Numbering rows) {
        Optional<Integer> existing = rows.find().apply(h);
        if (existing.isPresent()) {
            return OptionalInt.of(existing.get());
        }
        // A new row: numbering is per app, so new rows of one app are numbered one at a time.
        // The app's row is the lock; on PostgreSQL, where concurrent transactions do not wait for
        // each other's inserts, retrying on the key collision alone ran out of attempts.
        h.createQuery("SELECT appid FROM apps WHERE appid = :appid FOR UPDATE").bind("appid", appid)
                .mapTo(String.class).findOne();
        existing = rows.find().apply(h);
        if (existing.isPresent()) {
            return OptionalInt.of(existing.get());
        }
        // Rows are never deleted and numbers go 1, 2, 3…, so the highest is also the count: one look
        // down the primary key, where a COUNT would read every row of an app with millions of links.
        int highest = h.createQuery("SELECT COALESCE(MAX(" + rows.idColumn() + "), 0) FROM " + rows.table()
                        + " WHERE appid = :appid")
                .bind("appid", appid)
                .mapTo(Integer.class)
                .one();
        if (highest >= max) {
            return OptionalInt.empty();
        }
        int id = highest + 1; // 0 stays free: it means "home page" in a link
        rows.insert().accept(h, id);
        return OptionalInt.of(id);
    }

    private static Optional<Integer> pageOf(Handle h, String appid, String path) {
        return h.createQuery("SELECT page_id FROM pages WHERE appid = :appid AND path = :path")
                .bind("appid", appid).bind("path", path)
                .mapTo(Integer.class).findOne();
    }

    @Override
    public Optional<String> pagePath(String appid, int pageId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT path FROM pages WHERE appid = :appid AND page_id = :id")
                .bind("appid", appid).bind("id", pageId)
                .mapTo(String.class).findOne());
    }

    private static Map<String, Object> columns(App app) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("appid", app.appid());
        c.put("name", app.name());
        c.put("type", app.type().wireName());
        c.put("salt", app.secret().salt());
        c.put("hash", app.secret().hash());
        c.put("frozen", app.secretFrozen());
        c.put("disabled", app.disabled());
        c.put("demo", app.demo());
        c.put("brand", app.brandColor().map(LineColor::rgb).orElse(null));
        c.put("whitelist", String.join(",", app.ipWhitelist()));
        c.put("rate", app.rateLimitPerMinute().isPresent() ? app.rateLimitPerMinute().getAsInt() : null);
        c.put("created", app.createdAtMillis());
        return c;
    }

    private static App app(ResultSet rs) throws SQLException {
        int brand = rs.getInt("brand_color");
        Optional<LineColor> brandColor = rs.wasNull() ? Optional.empty() : Optional.of(LineColor.ofRgb(brand));
        int rate = rs.getInt("rate_limit_per_minute");
        OptionalInt rateLimit = rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(rate);
        String whitelist = rs.getString("ip_whitelist");
        return new App(rs.getString("appid"), rs.getString("name"), AppType.fromWire(rs.getString("app_type")),
                new SecretHash(rs.getBytes("secret_salt"), rs.getBytes("secret_hash")),
                rs.getBoolean("secret_frozen"), rs.getBoolean("disabled"), rs.getBoolean("demo"), brandColor,
                whitelist.isEmpty() ? List.of() : Arrays.asList(whitelist.split(",")), rateLimit,
                rs.getLong("created_at"), Optional.ofNullable(rs.getString("style")).map(JdbcRegistryStore::style));
    }

    /** A style the admin API checked and wrote: unreadable only if the row was edited by hand. */
    private static AppStyle style(String json) {
        try {
            return StyleJson.fromJson(WireJson.MAPPER.readTree(json));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalStateException("the stored style is not one the admin API writes: " + json, e);
        }
    }
}
