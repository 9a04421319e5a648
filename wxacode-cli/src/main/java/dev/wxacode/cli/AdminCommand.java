package dev.wxacode.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wxacode.client.IoReasons;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code wxacode admin}: the admin API from the shell. Every command prints the server's JSON reply;
 * a refusal prints its errcode and message on standard error and exits 3.
 */
@Command(name = "admin", mixinStandardHelpOptions = true,
        description = "Manage apps, releases and signing keys through the admin API (needs WXACODE_ADMIN_KEY).",
        subcommands = {AdminCommand.Apps.class, AdminCommand.Releases.class, AdminCommand.Keys.class,
                CommandLine.HelpCommand.class})
final class AdminCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    AdminApi api;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The settings options shared by {@code apps create} and {@code apps set}. */
    static final class Settings {
        @Option(names = "--name", description = "Display name.")
        String name;

        @Option(names = "--type", description = "miniprogram, minigame or official_account.")
        String type;

        @Option(names = "--brand-color", paramLabel = "#RRGGBB|none", description = "What auto_color starts from.")
        String brandColor;

        @Option(names = "--ip-whitelist", split = ",", paramLabel = "IP", description = "Addresses allowed to take tokens (none: anyone).")
        List<String> ipWhitelist;

        @Option(names = "--rate-limit", paramLabel = "N|none", description = "Codes per minute for this app (0: no limit; none: the server's).")
        String rateLimit;

        @Option(names = "--secret-frozen", paramLabel = "true|false", description = "Freeze the secret (token calls get 40243).")
        Boolean secretFrozen;

        ObjectNode json() {
            ObjectNode body = AdminApi.JSON.createObjectNode();
            if (name != null) {
                body.put("name", name);
            }
            if (type != null) {
                body.put("type", type);
            }
            putOrNull(body, "brand_color", brandColor);
            if (ipWhitelist != null) {
                ArrayNode list = body.putArray("ip_whitelist");
                ipWhitelist.stream().filter(ip -> !ip.equals("none")).forEach(list::add);
            }
            if (rateLimit != null) {
                if (rateLimit.equals("none")) {
                    body.putNull("rate_limit_per_minute");
                } else {
                    body.put("rate_limit_per_minute", Integer.parseInt(rateLimit));
                }
            }
            if (secretFrozen != null) {
                body.put("secret_frozen", secretFrozen);
            }
            return body;
        }
    }

    @Command(name = "apps", mixinStandardHelpOptions = true, description = "Apps: list, show, create, set, disable, enable, rotate-secret, logo, style.")
    static final class Apps {
        @ParentCommand
        AdminCommand admin;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Command(name = "list", mixinStandardHelpOptions = true, description = "List every app.")
        int list() {
            return admin.api.call(spec, "GET", "/admin/apps", AdminApi.none());
        }

        @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one app.")
        int show(@Parameters(paramLabel = "APPID") String appid) {
            return admin.api.call(spec, "GET", "/admin/apps/" + appid, AdminApi.none());
        }

        @Command(name = "create", mixinStandardHelpOptions = true,
                description = "Create an app; the reply holds its secret, shown this once.")
        int create(@Option(names = "--appid", paramLabel = "APPID", description = "wx + 16 hex digits (default: generated).")
                   String appid,
                   @Option(names = "--secret", paramLabel = "SECRET", description = "32 hex digits (default: generated).")
                   String secret,
                   @Mixin Settings settings) {
            ObjectNode body = settings.json();
            if (appid != null) {
                body.put("appid", appid);
            }
            if (secret != null) {
                body.put("secret", secret);
            }
            return admin.api.call(spec, "POST", "/admin/apps", AdminApi.json(body));
        }

        @Command(name = "set", mixinStandardHelpOptions = true, description = "Change an app's settings; the others stay.")
        int set(@Parameters(paramLabel = "APPID") String appid, @Mixin Settings settings) {
            return admin.api.call(spec, "PATCH", "/admin/apps/" + appid, AdminApi.json(settings.json()));
        }

        @Command(name = "disable", mixinStandardHelpOptions = true, description = "Disable an app: tokens refused, codes stop resolving.")
        int disable(@Parameters(paramLabel = "APPID") String appid) {
            return admin.api.call(spec, "POST", "/admin/apps/" + appid + "/disable", AdminApi.none());
        }

        @Command(name = "enable", mixinStandardHelpOptions = true, description = "Enable a disabled app.")
        int enable(@Parameters(paramLabel = "APPID") String appid) {
            return admin.api.call(spec, "POST", "/admin/apps/" + appid + "/enable", AdminApi.none());
        }

        @Command(name = "rotate-secret", mixinStandardHelpOptions = true, description = "Replace the secret; the old one stops at once.")
        int rotateSecret(@Parameters(paramLabel = "APPID") String appid) {
            return admin.api.call(spec, "POST", "/admin/apps/" + appid + "/secret", AdminApi.none());
        }

        @Command(name = "logo", mixinStandardHelpOptions = true, description = "Upload a logo (PNG or JPEG); its colour becomes the brand colour.")
        int logo(@Parameters(paramLabel = "APPID") String appid, @Parameters(paramLabel = "FILE") Path file) {
            byte[] image;
            try {
                image = Files.readAllBytes(file);
            } catch (IOException e) {
                spec.commandLine().getErr().println("wxacode admin apps logo: cannot read " + file + ": " + IoReasons.of(e));
                return ExitCode.FAILED;
            }
            return admin.api.call(spec, "PUT", "/admin/apps/" + appid + "/logo", HttpRequest.BodyPublishers.ofByteArray(image));
        }

        @Command(name = "style", mixinStandardHelpOptions = true,
                description = "Show how an app's codes look, or change the parts given; the server draws the new style "
                        + "at 280, 430 and 1280 px and refuses it, saying why, if a code would not read.")
        int style(@Parameters(paramLabel = "APPID") String appid, @Mixin StyleOptions options) {
            String path = "/admin/apps/" + appid + "/style";
            if (options.clear) {
                return admin.api.call(spec, "DELETE", path, AdminApi.none());
            }
            if (options.isEmpty()) {
                return admin.api.call(spec, "GET", path, AdminApi.none());
            }
            JsonNode current;
            try {
                current = admin.api.send(spec, "GET", path, AdminApi.none()).path("style");
            } catch (AdminApi.Failed failed) {
                return failed.exitCode;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ExitCode.FAILED;
            }
            ObjectNode style = current.isObject() ? (ObjectNode) current.deepCopy() : AdminApi.JSON.createObjectNode();
            options.applyTo(style);
            return admin.api.call(spec, "PUT", path, AdminApi.json(style));
        }
    }

    /** The parts of a style to change (docs/styles.md); those not given stay. */
    static final class StyleOptions {
        @Option(names = "--modules", paramLabel = "square|dot", description = "The data modules' shape.")
        String modules;

        @Option(names = "--finders", paramLabel = "square|rounded|circle", description = "The finder patterns' shape.")
        String finders;

        @Option(names = "--frame", paramLabel = "none|round", description = "A ring around the code, as WeChat's round codes.")
        String frame;

        @Option(names = "--logo", negatable = true, description = "Put the app's logo (admin apps logo) in the middle.")
        Boolean logo;

        @Option(names = "--logo-size", paramLabel = "0.1-0.3", description = "The logo's share of the code's side.")
        Double logoSize;

        @Option(names = "--finder-color", paramLabel = "#RRGGBB|none", description = "The finder patterns' colour (none: the modules').")
        String finderColor;

        @Option(names = "--frame-color", paramLabel = "#RRGGBB|none", description = "The frame's colour (none: the modules').")
        String frameColor;

        @Option(names = "--clear", description = "Back to plain codes.")
        boolean clear;

        boolean isEmpty() {
            return modules == null && finders == null && frame == null && logo == null && logoSize == null
                    && finderColor == null && frameColor == null;
        }

        void applyTo(ObjectNode style) {
            if (modules != null) {
                style.put("modules", modules);
            }
            if (finders != null) {
                style.put("finders", finders);
            }
            if (frame != null) {
                style.put("frame", frame);
            }
            if (logo != null) {
                style.put("logo", logo);
            }
            if (logoSize != null) {
                style.put("logo_size", logoSize);
            }
            putOrNull(style, "finder_color", finderColor);
            putOrNull(style, "frame_color", frameColor);
        }
    }

    /** A colour option: nothing when not given, null for "none", else the text. */
    private static void putOrNull(ObjectNode body, String key, String value) {
        if (value == null) {
            return;
        }
        if (value.equals("none")) {
            body.putNull(key);
        } else {
            body.put(key, value);
        }
    }

    @Command(name = "releases", mixinStandardHelpOptions = true, description = "Releases: list, publish.")
    static final class Releases {
        @ParentCommand
        AdminCommand admin;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Command(name = "list", mixinStandardHelpOptions = true, description = "An app's releases per env version.")
        int list(@Parameters(paramLabel = "APPID") String appid) {
            return admin.api.call(spec, "GET", "/admin/apps/" + appid + "/releases", AdminApi.none());
        }

        @Command(name = "publish", mixinStandardHelpOptions = true, description = "Publish a build: its pages, the first being the home page.")
        int publish(@Parameters(index = "0", paramLabel = "APPID") String appid,
                    @Parameters(index = "1", paramLabel = "ENV", description = "release, trial or develop") String env,
                    @Parameters(index = "2..*", arity = "1..*", paramLabel = "PAGE") List<String> pages) {
            ObjectNode body = AdminApi.JSON.createObjectNode();
            ArrayNode list = body.putArray("pages");
            pages.forEach(list::add);
            return admin.api.call(spec, "PUT", "/admin/apps/" + appid + "/releases/" + env, AdminApi.json(body));
        }
    }

    @Command(name = "keys", mixinStandardHelpOptions = true, description = "Signing keys: list, rotate.")
    static final class Keys {
        @ParentCommand
        AdminCommand admin;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Command(name = "list", mixinStandardHelpOptions = true, description = "Key ids and which one signs.")
        int list() {
            return admin.api.call(spec, "GET", "/admin/keys", AdminApi.none());
        }

        @Command(name = "rotate", mixinStandardHelpOptions = true, description = "Add a key that signs from now on; old codes keep resolving.")
        int rotate() {
            return admin.api.call(spec, "POST", "/admin/keys/rotate", AdminApi.none());
        }
    }
}
