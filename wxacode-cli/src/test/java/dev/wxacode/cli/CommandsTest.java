package dev.wxacode.cli;

import static dev.wxacode.server.TestServer.SHOP;
import static dev.wxacode.server.TestServer.SHOP_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wxacode.server.ServerExtension;
import dev.wxacode.server.TestServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** gen, scan and admin against a real server on loopback. */
class CommandsTest {
    @RegisterExtension
    final ServerExtension server = ServerExtension.fresh();
    final TestServer s = server.get();

    String[] api(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--url", s.url(""), "--appid", SHOP, "--secret", SHOP_SECRET));
        return all.toArray(String[]::new);
    }

    @Test
    void gen_writes_a_code_that_opens_the_requested_page(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("detail.png");
        Cli cli = Cli.run(api("gen", "--scene", "id=42", "--page", "pages/detail/detail", "--width", "500", "--hyaline",
                "--line-color", "#1565C0", "-o", file.toString()));
        assertThat(cli.exit).as(cli.toString()).isZero();
        assertThat(cli.err.toString()).contains("wrote " + file, "image/png");
        byte[] image = Files.readAllBytes(file);
        assertThat(ImageIO.read(new ByteArrayInputStream(image)).getWidth()).isEqualTo(500);
        JsonNode launch = s.resolve(image);
        assertThat(launch.get("page").asText()).isEqualTo("pages/detail/detail");
        assertThat(launch.get("decoded_scene").asText()).isEqualTo("id=42");
    }

    @Test
    void gen_writes_a_code_for_print_as_svg_or_pdf_at_the_size_asked(@TempDir Path dir) throws IOException {
        Cli svg = Cli.run(api("gen", "--scene", "print=1", "--format", "svg", "--size", "30mm", "-o", dir.resolve("c.svg").toString()));
        assertThat(svg.exit).as(svg.toString()).isZero();
        assertThat(svg.err.toString()).contains("image/svg+xml");
        assertThat(Files.readString(dir.resolve("c.svg"))).startsWith("<?xml").contains("width=\"30mm\" height=\"30mm\"");

        Cli pdf = Cli.run(api("gen", "--scene", "print=2", "--format", "pdf", "-o", dir.resolve("c.pdf").toString()));
        assertThat(pdf.exit).as(pdf.toString()).isZero();
        try (PDDocument document = Loader.loadPDF(Files.readAllBytes(dir.resolve("c.pdf")))) {
            assertThat(document.getPage(0).getMediaBox().getWidth()).as("430 px, in points").isEqualTo(322.5f);
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(new PDFRenderer(document).renderImage(0, 2), "png", png);
            assertThat(s.resolve(png.toByteArray()).get("decoded_scene").asText()).isEqualTo("print=2");
        }

        Cli sizeAlone = Cli.run(api("gen", "--scene", "x", "--size", "30mm"));
        assertThat(sizeAlone.exit).isEqualTo(2);
        assertThat(sizeAlone.err.toString()).contains("--size is for --format svg or pdf");
        Cli raster = Cli.run(api("gen", "--scene", "x", "--format", "png"));
        assertThat(raster.exit).isEqualTo(2);
        assertThat(raster.err.toString()).contains("--format is svg or pdf");
    }

    @Test
    void standard_output_carries_only_what_the_command_prints_logs_go_to_standard_error(@TempDir Path dir) throws Exception {
        Process gen = Subprocess.start(dir, api("gen", "--scene", "pipe=1", "-o", "-"));
        assertThat(gen.waitFor()).isZero();
        byte[] image = Files.readAllBytes(dir.resolve("out.log"));
        assertThat(image).startsWith(0xFF, 0xD8, 0xFF);
        assertThat(s.resolve(image).get("decoded_scene").asText()).isEqualTo("pipe=1");

        Path code = dir.resolve("code.jpg");
        Files.write(code, image);
        s.close();
        Process scan = Subprocess.start(dir, "scan", "--offline", "--data-dir", s.dataDir.toString(), code.toString());
        assertThat(scan.waitFor()).isZero();
        List<String> lines = Files.readAllLines(dir.resolve("out.log"));
        assertThat(lines).hasSize(1);
        assertThat(TestServer.JSON.readTree(lines.getFirst()).get("decoded_scene").asText()).isEqualTo("pipe=1");
        assertThat(Files.readString(dir.resolve("err.log"))).contains("level=");
        s.restart();
    }

    @Test
    void gen_reports_a_refusal_with_exit_code_3() {
        Cli cli = Cli.run(api("gen", "--scene", "a b", "-o", "never.jpg"));
        assertThat(cli.exit).isEqualTo(3);
        assertThat(cli.err.toString()).contains("refused: 40129 invalid scene rid: ");
        assertThat(Path.of("never.jpg")).doesNotExist();
    }

    @Test
    void gen_without_credentials_is_a_usage_error() {
        Cli cli = Cli.run("gen", "--scene", "a", "--url", s.url(""));
        assertThat(cli.exit).isEqualTo(2);
        assertThat(cli.err.toString()).contains("WXACODE_APPID");
    }

    @Test
    void scan_prints_what_each_file_opens_one_json_line_each(@TempDir Path dir) throws IOException {
        Path code = dir.resolve("a.jpg");
        Files.write(code, s.code(s.token(SHOP, SHOP_SECRET), "{\"scene\":\"x=1\",\"page\":\"pages/detail/detail\"}").body());
        Path noise = dir.resolve("b.png");
        ImageIO.write(new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB), "png", noise.toFile());
        Cli cli = Cli.run("scan", "--url", s.url(""), code.toString(), noise.toString());
        assertThat(cli.exit).isEqualTo(3);
        List<String> lines = cli.out.toString().lines().toList();
        assertThat(lines).hasSize(2);
        JsonNode first = TestServer.JSON.readTree(lines.get(0));
        assertThat(first.get("file").asText()).isEqualTo(code.toString());
        assertThat(first.get("appid").asText()).isEqualTo(SHOP);
        assertThat(first.get("query").get("scene").asText()).isEqualTo("x%3D1");
        assertThat(TestServer.JSON.readTree(lines.get(1)).get("errcode").asInt()).isEqualTo(990003);
    }

    @Test
    void scan_reads_standard_input_for_a_dash() {
        byte[] code = s.code(s.token(SHOP, SHOP_SECRET), "{\"scene\":\"piped=1\"}").body();
        java.io.InputStream stdin = System.in;
        System.setIn(new java.io.ByteArrayInputStream(code));
        Cli cli;
        try {
            cli = Cli.run("scan", "--url", s.url(""), "-");
        } finally {
            System.setIn(stdin);
        }
        assertThat(cli.exit).as(cli.toString()).isZero();
        assertThat(cli.out.toString()).contains("\"file\":\"-\"", "\"decoded_scene\":\"piped=1\"");
    }

    @Test
    void scan_goes_past_a_file_it_cannot_read_and_exits_1(@TempDir Path dir) throws IOException {
        Path code = dir.resolve("a.jpg");
        Files.write(code, s.code(s.token(SHOP, SHOP_SECRET), "{\"scene\":\"after=1\"}").body());
        Path missing = dir.resolve("missing.jpg");
        Cli cli = Cli.run("scan", "--url", s.url(""), missing.toString(), code.toString());
        assertThat(cli.exit).isEqualTo(1);
        assertThat(cli.err.toString()).contains("cannot read " + missing + ": no such file\n");
        List<String> lines = cli.out.toString().lines().toList();
        assertThat(lines).hasSize(1);
        assertThat(TestServer.JSON.readTree(lines.getFirst()).get("decoded_scene").asText()).isEqualTo("after=1");
    }

    @Test
    void scan_offline_uses_the_data_directory_once_the_server_is_stopped(@TempDir Path dir) throws IOException {
        Path code = dir.resolve("a.jpg");
        Files.write(code, s.code(s.token(SHOP, SHOP_SECRET), "{\"scene\":\"off=1\"}").body());
        s.close();
        Cli cli = Cli.run("scan", "--offline", "--data-dir", s.dataDir.toString(), code.toString());
        assertThat(cli.exit).as(cli.toString()).isZero();
        JsonNode launch = TestServer.JSON.readTree(cli.out.toString().lines().findFirst().orElseThrow());
        assertThat(launch.get("decoded_scene").asText()).isEqualTo("off=1");
        assertThat(launch.get("page").asText()).isEqualTo("pages/index/index");
        s.restart();
    }

    @Test
    void admin_manages_apps_releases_and_keys(@TempDir Path dir) throws IOException {
        String[] key = {"--url", s.url(""), "--admin-key", TestServer.ADMIN_KEY};
        Cli created = Cli.run(concat(new String[] {"admin", "apps", "create", "--name", "From the shell", "--brand-color", "#AD1457"}, key));
        assertThat(created.exit).as(created.toString()).isZero();
        JsonNode app = TestServer.JSON.readTree(created.out.toString());
        String appid = app.get("appid").asText();
        String secret = app.get("secret").asText();
        assertThat(app.get("brand_color").asText()).isEqualTo("#ad1457");

        assertThat(Cli.run(concat(new String[] {"admin", "releases", "publish", appid, "release", "pages/a/a", "pages/b/b"}, key)).exit).isZero();
        Cli releases = Cli.run(concat(new String[] {"admin", "releases", "list", appid}, key));
        assertThat(TestServer.JSON.readTree(releases.out.toString()).get("releases").get("release").get("home_page").asText())
                .isEqualTo("pages/a/a");
        Cli set = Cli.run(concat(new String[] {"admin", "apps", "set", appid, "--rate-limit", "9", "--ip-whitelist", "10.0.0.1,10.0.0.2"}, key));
        assertThat(TestServer.JSON.readTree(set.out.toString()).get("rate_limit_per_minute").asInt()).isEqualTo(9);
        assertThat(TestServer.JSON.readTree(set.out.toString()).get("ip_whitelist")).hasSize(2);
        assertThat(Cli.run(concat(new String[] {"admin", "apps", "set", appid, "--ip-whitelist", "none"}, key)).exit).isZero();

        Path gen = dir.resolve("b.jpg");
        assertThat(Cli.run("gen", "--url", s.url(""), "--appid", appid, "--secret", secret, "--scene", "s", "--page", "pages/b/b",
                "-o", gen.toString()).exit).isZero();
        assertThat(s.resolve(Files.readAllBytes(gen)).get("page").asText()).isEqualTo("pages/b/b");

        Cli rotated = Cli.run(concat(new String[] {"admin", "apps", "rotate-secret", appid}, key));
        assertThat(TestServer.JSON.readTree(rotated.out.toString()).get("secret").asText()).isNotEqualTo(secret);
        assertThat(Cli.run("gen", "--url", s.url(""), "--appid", appid, "--secret", secret, "--scene", "s", "-o",
                dir.resolve("c.jpg").toString()).exit).isEqualTo(3);
        assertThat(TestServer.JSON.readTree(Cli.run(concat(new String[] {"admin", "apps", "disable", appid}, key)).out.toString())
                .get("disabled").asBoolean()).isTrue();
        assertThat(TestServer.JSON.readTree(Cli.run(concat(new String[] {"admin", "apps", "list"}, key)).out.toString())
                .get("apps").findValuesAsText("appid")).contains(appid, SHOP);
        Cli keys = Cli.run(concat(new String[] {"admin", "keys", "rotate"}, key));
        assertThat(TestServer.JSON.readTree(keys.out.toString()).get("active_kid").asInt()).isEqualTo(2);
    }

    @Test
    void admin_changes_a_style_part_by_part_shows_the_servers_refusal_and_clears_it() throws IOException {
        String[] key = {"--url", s.url(""), "--admin-key", TestServer.ADMIN_KEY};
        Cli created = Cli.run(concat(new String[] {"admin", "apps", "create", "--name", "Styled"}, key));
        String appid = TestServer.JSON.readTree(created.out.toString()).get("appid").asText();

        Cli dots = Cli.run(concat(new String[] {"admin", "apps", "style", appid, "--modules", "dot", "--frame", "round",
            "--frame-color", "#07C160"}, key));
        assertThat(dots.exit).as(dots.toString()).isZero();
        Cli circles = Cli.run(concat(new String[] {"admin", "apps", "style", appid, "--finders", "circle", "--frame-color", "none"}, key));
        JsonNode style = TestServer.JSON.readTree(circles.out.toString()).get("style");
        assertThat(style.get("modules").asText()).as("kept from before").isEqualTo("dot");
        assertThat(style.get("frame").asText()).isEqualTo("round");
        assertThat(style.get("finders").asText()).isEqualTo("circle");
        assertThat(style.get("frame_color").isNull()).isTrue();
        assertThat(TestServer.JSON.readTree(Cli.run(concat(new String[] {"admin", "apps", "style", appid}, key)).out.toString())
                .get("style")).isEqualTo(style);

        Cli logo = Cli.run(concat(new String[] {"admin", "apps", "style", appid, "--logo"}, key));
        assertThat(logo.exit).isEqualTo(3);
        assertThat(logo.err.toString()).startsWith("wxacode admin: refused: 990104").contains("upload one first");

        Cli cleared = Cli.run(concat(new String[] {"admin", "apps", "style", appid, "--clear"}, key));
        assertThat(TestServer.JSON.readTree(cleared.out.toString()).get("style").isNull()).isTrue();
    }

    @Test
    void faults_make_the_next_calls_fail_and_end_tokens(@TempDir Path dir) throws IOException {
        String[] key = {"--url", s.url(""), "--admin-key", TestServer.ADMIN_KEY};
        String token = s.token(SHOP, SHOP_SECRET);
        Cli added = Cli.run(concat(new String[] {"faults", "add", SHOP, "--endpoint", "/wxa/getwxacodeunlimit", "--errcode", "45009",
            "--times", "1"}, key));
        assertThat(added.exit).as(added.toString()).isZero();
        JsonNode rule = TestServer.JSON.readTree(added.out.toString());
        assertThat(rule.get("errcode").asInt()).isEqualTo(45009);
        assertThat(rule.get("times_left").asInt()).isEqualTo(1);
        Cli gen = Cli.run(api("gen", "--scene", "x", "-o", dir.resolve("x.jpg").toString()));
        assertThat(gen.exit).isEqualTo(3);
        assertThat(gen.err.toString()).contains("refused: 45009 reach max api daily quota limit rid: ");
        assertThat(Cli.run(api("gen", "--scene", "x", "-o", dir.resolve("x.jpg").toString())).exit).isZero();

        Cli delay = Cli.run(concat(new String[] {"faults", "add", SHOP, "--delay", "100ms-200ms", "--seed", "3", "--percent", "50"}, key));
        String id = TestServer.JSON.readTree(delay.out.toString()).get("id").asText();
        JsonNode listed = TestServer.JSON.readTree(Cli.run(concat(new String[] {"faults", "list", SHOP}, key)).out.toString());
        assertThat(listed.get("faults")).extracting(r -> r.get("id").asText()).containsExactly(id);
        assertThat(listed.get("faults").get(0).get("delay").asText()).isEqualTo("100ms-200ms");
        assertThat(TestServer.JSON.readTree(Cli.run(concat(new String[] {"faults", "rm", SHOP, id}, key)).out.toString())
                .get("faults")).isEmpty();

        assertThat(Cli.run(concat(new String[] {"faults", "expire-tokens", SHOP}, key)).exit).isZero();
        assertThat(TestServer.json(s.code(token, "{\"scene\":\"y\"}")).get("errcode").asInt()).isEqualTo(42001);

        Cli twoActions = Cli.run(concat(new String[] {"faults", "add", SHOP, "--errcode", "-1", "--drop"}, key));
        assertThat(twoActions.exit).isEqualTo(2);
        assertThat(twoActions.err.toString()).contains("mutually exclusive");
        Cli refused = Cli.run(concat(new String[] {"faults", "add", SHOP, "--errcode", "990001"}, key));
        assertThat(refused.exit).isEqualTo(3);
        assertThat(refused.err.toString()).startsWith("wxacode faults: refused: 990104");
    }

    @Test
    void logs_show_the_calls_with_their_warnings() throws IOException {
        String[] key = {"--url", s.url(""), "--admin-key", TestServer.ADMIN_KEY};
        String token = s.token(SHOP, SHOP_SECRET);
        s.code(token, "{\"scene\":\"id=1\",\"page\":\"/pages/index/index\"}");

        Cli logs = Cli.run(concat(new String[] {"logs", SHOP}, key));
        assertThat(logs.exit).as(logs.toString()).isZero();
        List<String> lines = logs.out.toString().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).contains(" GET /cgi-bin/token 200 errcode=0 ").contains(" secret=[redacted]")
                .doesNotContain(SHOP_SECRET);
        assertThat(lines.get(1)).contains(" POST /wxa/getwxacodeunlimit 200 errcode=41030 ")
                .contains(" access_token=[redacted] scene=id=1 page=/pages/index/index").doesNotContain(token);
        assertThat(lines.get(2)).startsWith("  ! page_leading_slash: page starts with '/'");

        Cli json = Cli.run(concat(new String[] {"logs", SHOP, "--json", "-n", "1"}, key));
        assertThat(json.out.toString().lines().toList()).singleElement()
                .satisfies(line -> assertThat(TestServer.JSON.readTree(line).get("errcode").asInt()).isEqualTo(41030));

        Cli unknown = Cli.run(concat(new String[] {"logs", "wx0000000000000fff"}, key));
        assertThat(unknown.exit).isEqualTo(3);
        assertThat(unknown.err.toString()).startsWith("wxacode logs: refused: 990102");
    }

    @Test
    void logs_follow_prints_new_calls_as_they_come() throws Exception {
        Cli follower = new Cli();
        Thread following = Thread.ofVirtual().start(() -> follower.execute("logs", SHOP, "--follow", "--interval", "20ms",
                "--url", s.url(""), "--admin-key", TestServer.ADMIN_KEY));
        s.token(SHOP, SHOP_SECRET);
        follower.out.await(" GET /cgi-bin/token 200 errcode=0 ", Duration.ofSeconds(10));
        String token = s.token(SHOP, SHOP_SECRET);
        s.code(token, "{\"scene\":\"id%3D1\"}");
        follower.out.await("  ! scene_url_encoded: ", Duration.ofSeconds(10));
        following.interrupt();
        following.join(Duration.ofSeconds(10));
        assertThat(following.isAlive()).isFalse();
        assertThat(follower.exit).isZero();
        assertThat(follower.out.toString().lines().filter(line -> line.contains(" GET /cgi-bin/token ")).count())
                .as("each call printed once").isEqualTo(2);
    }

    @Test
    void admin_reports_refusals_and_a_missing_key() {
        Cli wrong = Cli.run("admin", "apps", "list", "--url", s.url(""), "--admin-key", "wrong");
        assertThat(wrong.exit).isEqualTo(3);
        assertThat(wrong.err.toString()).startsWith("wxacode admin: refused: 990101");
        Cli missing = Cli.run("admin", "apps", "show", "wx0000000000000bad", "--url", s.url(""), "--admin-key", TestServer.ADMIN_KEY);
        assertThat(missing.exit).isEqualTo(3);
        assertThat(missing.err.toString()).contains("990102");
    }

    @Test
    void errors_name_what_went_wrong_in_words_without_a_stack(@TempDir Path dir) throws IOException {
        Path image = Files.write(dir.resolve("any.jpg"), new byte[] {1, 2, 3});
        Cli scan = Cli.run("scan", "--url", "http://127.0.0.1:1", image.toString());
        assertThat(scan.exit).isEqualTo(1);
        assertThat(scan.err.toString()).isEqualTo("wxacode scan: cannot reach http://127.0.0.1:1: connection refused\n");
        Cli down = Cli.run("gen", "--scene", "a", "--url", "http://127.0.0.1:1", "--appid", SHOP, "--secret", SHOP_SECRET,
                "-o", dir.resolve("b.jpg").toString());
        assertThat(down.exit).isEqualTo(1);
        assertThat(down.err.toString()).isEqualTo("wxacode gen: cannot reach http://127.0.0.1:1: connection refused\n");
        Cli unknown = Cli.run("gen", "--scene", "a", "--url", "http://nosuch.invalid", "--appid", SHOP, "--secret", SHOP_SECRET,
                "-o", dir.resolve("c.jpg").toString());
        assertThat(unknown.err.toString()).isEqualTo("wxacode gen: cannot reach http://nosuch.invalid: unknown host\n");
        Cli admin = Cli.run("admin", "apps", "list", "--url", "http://127.0.0.1:1", "--admin-key", TestServer.ADMIN_KEY);
        assertThat(admin.exit).isEqualTo(1);
        assertThat(admin.err.toString()).isEqualTo("wxacode admin: cannot reach http://127.0.0.1:1: connection refused\n");
        Cli logo = Cli.run("admin", "apps", "logo", SHOP, dir.resolve("nosuch.png").toString(), "--url", s.url(""),
                "--admin-key", TestServer.ADMIN_KEY);
        assertThat(logo.exit).isEqualTo(1);
        assertThat(logo.err.toString()).isEqualTo("wxacode admin apps logo: cannot read " + dir.resolve("nosuch.png")
                + ": no such file\n");
    }

    @Test
    void gen_refuses_a_width_or_build_its_help_does_not_offer_before_calling_and_prints_its_version(@TempDir Path dir)
            throws IOException {
        // Port 1: a call would fail as "cannot reach", not as the usage error expected.
        Cli wide = Cli.run("gen", "--scene", "a", "--width", "99999", "--url", "http://127.0.0.1:1", "--appid", SHOP,
                "--secret", SHOP_SECRET);
        assertThat(wide.exit).isEqualTo(2);
        assertThat(wide.err.toString()).isEqualTo("wxacode gen: --width takes 280 to 1280 pixels, not 99999\n");
        Cli prod = Cli.run("gen", "--scene", "a", "--env", "prod", "--url", "http://127.0.0.1:1", "--appid", SHOP,
                "--secret", SHOP_SECRET);
        assertThat(prod.exit).isEqualTo(2);
        assertThat(prod.err.toString()).isEqualTo("wxacode gen: --env takes release, trial or develop, not prod\n");
        Path rows = Files.writeString(dir.resolve("rows.csv"), "scene\na=1\n");
        Cli batch = Cli.run("batch", "-i", rows.toString(), "-o", dir.resolve("never.zip").toString(), "--width", "100",
                "--url", "http://127.0.0.1:1",
                "--appid", SHOP, "--secret", SHOP_SECRET);
        assertThat(batch.exit).isEqualTo(2);
        assertThat(batch.err.toString()).isEqualTo("wxacode batch: --width takes 280 to 1280 pixels, not 100\n");
        for (String[] command : List.of(new String[] {"gen", "-V"}, new String[] {"scan", "--version"},
                new String[] {"admin", "apps", "create", "-V"})) {
            Cli version = Cli.run(command);
            assertThat(version.exit).isZero();
            assertThat(version.out.toString()).as(String.join(" ", command)).startsWith("wxacode ");
        }
    }

    static String[] concat(String[] a, String[] b) {
        String[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
