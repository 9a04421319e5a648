package dev.wxacode.cli;

import static dev.wxacode.server.TestServer.OFFICIAL;
import static dev.wxacode.server.TestServer.SHOP;
import static dev.wxacode.server.TestServer.SHOP_SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wxacode.server.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchTest {
    static final String PUBLIC_URL = "https://wxa.example.com";

    /** A server whose codes point to {@link #PUBLIC_URL}, so that offline codes from its data directory match. */
    static TestServer server(Path dir, String... settings) {
        List<String> all = new ArrayList<>(List.of("WXACODE_PUBLIC_URL", PUBLIC_URL));
        all.addAll(List.of(settings));
        return TestServer.start(dir, all.toArray(String[]::new));
    }

    static Path config(Path dir) throws IOException {
        Path file = dir.resolve("wxacode.yaml");
        Files.writeString(file, "http:\n  public_url: " + PUBLIC_URL + "\n");
        return file;
    }

    static Path csv(Path dir, String content) throws IOException {
        Path file = dir.resolve("rows.csv");
        Files.writeString(file, content);
        return file;
    }

    /** The manifest's entries by line: file and sha256. */
    static Map<Long, String[]> manifest(Path file) throws IOException {
        Map<Long, String[]> entries = new HashMap<>();
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.getFirst()).isEqualTo("line,row_hash,scene,file,sha256,bytes");
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            assertThat(entries.put(Long.parseLong(cells[0]), new String[] {cells[cells.length - 3], cells[cells.length - 2]}))
                    .as("line %s recorded once", cells[0]).isNull();
        }
        return entries;
    }

    static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void through_the_api_every_valid_row_is_made_and_invalid_ones_are_reported_by_line(@TempDir Path dir) throws Exception {
        try (TestServer s = server(dir.resolve("server"))) {
            StringBuilder rows = new StringBuilder("scene,page,width,hyaline,filename\n");
            for (int i = 1; i <= 8; i++) {
                rows.append("id=").append(i).append(",pages/detail/detail,300,").append(i % 2 == 0).append(",\n");
            }
            rows.append("\"a,b=1\",,,,named.jpg\n");              // line 10: quoted comma, own file name
            rows.append("bad width,,wide,,\n");                   // line 11
            rows.append("a b,,,,\n");                             // line 12: 40129
            rows.append("x,pages/nowhere,,,\n");                  // line 13: 41030
            rows.append("y,,,,../escape.jpg\n");                  // line 14
            rows.append(",pages/index/index,,,\n");               // line 15: no scene
            Path out = dir.resolve("codes");
            Cli cli = Cli.run("batch", "-i", csv(dir, rows.toString()).toString(), "-o", out.toString(), "--progress", "none",
                    "--url", s.url(""), "--appid", SHOP, "--secret", SHOP_SECRET);
            assertThat(cli.exit).as(cli.toString()).isEqualTo(4);
            assertThat(cli.err.toString()).contains("14 rows: 9 made, 0 done before, 3 invalid, 2 refused");

            List<String> errors = Files.readAllLines(out.resolve("errors.csv"));
            assertThat(errors.getFirst()).isEqualTo("line,scene,errcode,errmsg");
            assertThat(String.join("\n", errors))
                    .contains("11,", "width 'wide' is not a whole number")
                    .contains("12,\"a b\",40129,\"invalid scene rid: ")
                    .contains("13,\"x\",41030,")
                    .contains("14,", "not a plain file name")
                    .contains("15,", "no scene");

            Map<Long, String[]> manifest = manifest(out.resolve("manifest.csv"));
            assertThat(manifest).hasSize(9);
            for (Map.Entry<Long, String[]> entry : manifest.entrySet()) {
                byte[] image = Files.readAllBytes(out.resolve(entry.getValue()[0]));
                assertThat(sha256(image)).isEqualTo(entry.getValue()[1]);
                JsonNode launch = s.resolve(image);
                long line = entry.getKey();
                if (line == 10) {
                    assertThat(entry.getValue()[0]).isEqualTo("named.jpg");
                    assertThat(launch.get("decoded_scene").asText()).isEqualTo("a,b=1");
                } else {
                    assertThat(entry.getValue()[0]).isEqualTo(String.format("%07d.%s", line, line % 2 == 1 ? "png" : "jpg"));
                    assertThat(launch.get("decoded_scene").asText()).isEqualTo("id=" + (line - 1));
                    assertThat(launch.get("page").asText()).isEqualTo("pages/detail/detail");
                }
            }

            Cli rerun = Cli.run("batch", "-i", dir.resolve("rows.csv").toString(), "-o", out.toString(), "--progress", "none",
                    "--url", s.url(""), "--appid", SHOP, "--secret", SHOP_SECRET);
            assertThat(rerun.exit).isEqualTo(4);
            assertThat(rerun.err.toString()).as("refused rows are tried again, made ones are not")
                    .contains("14 rows: 0 made, 9 done before, 3 invalid, 2 refused");
        }
    }

    @Test
    void the_minute_limit_is_waited_out(@TempDir Path dir) throws Exception {
        try (TestServer s = server(dir.resolve("server"), "WXACODE_RATE_LIMIT_PER_MINUTE", "3")) {
            StringBuilder rows = new StringBuilder();
            for (int i = 0; i < 8; i++) {
                rows.append("limit=").append(i).append('\n');
            }
            // The server's clock moves a minute on only after the batch has been refused, so that
            // every allowance is spent and the batch must wait.
            String refused = "wxacode_requests_total{errcode=\"45009\",method=\"POST\",route=\"/wxa/getwxacodeunlimit\"}";
            double[] seen = {0};
            ScheduledExecutorService minutes = Executors.newSingleThreadScheduledExecutor();
            minutes.scheduleWithFixedDelay(() -> {
                double now = TestServer.text(s.get("/metrics")).lines().filter(l -> l.startsWith(refused + " "))
                        .mapToDouble(l -> Double.parseDouble(l.substring(refused.length() + 1))).findFirst().orElse(0);
                if (now > seen[0]) {
                    seen[0] = now;
                    s.clock.advance(Duration.ofMinutes(1));
                }
            }, 20, 20, TimeUnit.MILLISECONDS);
            Cli cli;
            try {
                cli = Cli.run("batch", "-i", csv(dir, rows.toString()).toString(), "-o", dir.resolve("out").toString(),
                        "--progress", "none", "--backoff", "20ms", "--parallel", "2",
                        "--url", s.url(""), "--appid", SHOP, "--secret", SHOP_SECRET);
            } finally {
                minutes.shutdownNow();
            }
            assertThat(cli.exit).as(cli.toString()).isZero();
            assertThat(manifest(dir.resolve("out/manifest.csv"))).hasSize(8);
            assertThat(seen[0]).as("times the batch met 45009").isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void offline_into_a_zip_and_a_rerun_has_nothing_left_to_do(@TempDir Path dir) throws Exception {
        TestServer s = server(dir.resolve("server"));
        s.close();
        StringBuilder rows = new StringBuilder("scene,page\n");
        for (int i = 0; i < 20; i++) {
            rows.append("zip=").append(i).append(",pages/detail/detail\n");
        }
        rows.append("bad,pages/detail/detail,wide\n");
        Path zip = dir.resolve("codes.zip");
        String[] args = {"batch", "--offline", "--config", config(dir).toString(), "--data-dir", s.dataDir.toString(),
                "--appid", SHOP, "-i", csv(dir, rows.toString()).toString(), "-o", zip.toString(), "--progress", "none"};
        Cli cli = Cli.run(args);
        assertThat(cli.exit).as(cli.toString()).isEqualTo(4);
        assertThat(dir.resolve("codes.zip.parts")).doesNotExist();
        s.restart();
        try (ZipFile archive = new ZipFile(zip.toFile())) {
            List<String> names = archive.stream().map(ZipEntry::getName).toList();
            assertThat(names).hasSize(22).contains("manifest.csv", "errors.csv", "0000002.jpg", "0000021.jpg");
            for (String name : names.subList(0, 20)) {
                byte[] image = archive.getInputStream(archive.getEntry(name)).readAllBytes();
                long line = Long.parseLong(name.substring(0, 7));
                assertThat(s.resolve(image).get("decoded_scene").asText()).isEqualTo("zip=" + (line - 2));
            }
            assertThat(new String(archive.getInputStream(archive.getEntry("errors.csv")).readAllBytes(), StandardCharsets.UTF_8))
                    .contains("22,\"bad,pages/detail/detail,wide\",,\"3 columns, at most 2 expected\"");
        }
        s.close();
        Cli again = Cli.run(args);
        assertThat(again.exit).as("the same invalid row, the same exit code").isEqualTo(4);
        assertThat(again.err.toString()).contains("complete for this input already", "21 rows: 0 made, 20 done before, 1 invalid");
    }

    @Test
    void offline_codes_for_print_are_pdfs_named_after_their_line(@TempDir Path dir) throws Exception {
        TestServer s = server(dir.resolve("server"));
        s.close();
        Path out = dir.resolve("out");
        Cli cli = Cli.run("batch", "--offline", "--config", config(dir).toString(), "--data-dir", s.dataDir.toString(),
                "--appid", SHOP, "-i", csv(dir, "p=1\np=2\n").toString(), "-o", out.toString(), "--progress", "none",
                "--format", "pdf", "--size", "40mm");
        assertThat(cli.exit).as(cli.toString()).isZero();
        s.restart();
        for (int line = 1; line <= 2; line++) {
            try (PDDocument document = Loader.loadPDF(Files.readAllBytes(out.resolve("000000" + line + ".pdf")))) {
                assertThat((double) document.getPage(0).getMediaBox().getWidth()).isCloseTo(40 * 72 / 25.4, within(0.01));
                ByteArrayOutputStream png = new ByteArrayOutputStream();
                ImageIO.write(new PDFRenderer(document).renderImage(0, 4), "png", png);
                assertThat(s.resolve(png.toByteArray()).get("decoded_scene").asText()).isEqualTo("p=" + line);
            }
        }
    }

    @Test
    void offline_an_official_account_is_refused_48001_as_the_api_refuses_it(@TempDir Path dir) throws Exception {
        TestServer s = server(dir.resolve("server"));
        s.close();
        Path out = dir.resolve("out");
        Cli cli = Cli.run("batch", "--offline", "--config", config(dir).toString(), "--data-dir", s.dataDir.toString(),
                "--appid", OFFICIAL, "-i", csv(dir, "a=1\nb=2\n").toString(), "-o", out.toString(), "--progress", "none");
        assertThat(cli.exit).as(cli.toString()).isEqualTo(4);
        assertThat(cli.err.toString()).contains("2 rows: 0 made, 0 done before, 0 invalid, 2 refused");
        assertThat(String.join("\n", Files.readAllLines(out.resolve("errors.csv"))))
                .contains("1,\"a=1\",48001,", "2,\"b=2\",48001,");
    }

    @Test
    void shards_split_the_rows_without_overlap_and_their_outputs_merge_into_one_complete_batch(@TempDir Path dir)
            throws Exception {
        TestServer s = server(dir.resolve("server"));
        s.close();
        StringBuilder rows = new StringBuilder("scene,page\n");
        for (int i = 0; i < 15; i++) {
            rows.append("s=").append(i).append(",pages/detail/detail\n");
        }
        Path input = csv(dir, rows.toString());
        Path merged = dir.resolve("merged");
        Files.createDirectories(merged);
        List<String> joined = new ArrayList<>(List.of("line,row_hash,scene,file,sha256,bytes"));
        Map<Long, String[]> all = new HashMap<>();
        for (int shard = 1; shard <= 3; shard++) {
            Path out = dir.resolve("shard" + shard);
            Cli cli = Cli.run("batch", "--offline", "--config", config(dir).toString(), "--data-dir", s.dataDir.toString(),
                    "--appid", SHOP, "-i", input.toString(), "-o", out.toString(), "--progress", "none", "--shard", shard + "/3");
            assertThat(cli.exit).as(cli.toString()).isZero();
            assertThat(cli.err.toString()).contains("5 rows: 5 made");
            Map<Long, String[]> entries = manifest(out.resolve("manifest.csv"));
            long remainder = shard - 1;
            assertThat(entries.keySet()).hasSize(5).allMatch(line -> (line - 1) % 3 == remainder);
            for (Map.Entry<Long, String[]> entry : entries.entrySet()) {
                assertThat(all.put(entry.getKey(), entry.getValue())).as("line %s made once", entry.getKey()).isNull();
                Files.copy(out.resolve(entry.getValue()[0]), merged.resolve(entry.getValue()[0]));
            }
            List<String> lines = Files.readAllLines(out.resolve("manifest.csv"));
            joined.addAll(lines.subList(1, lines.size()));
        }
        assertThat(all.keySet()).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(2, 16).boxed().toList());
        Files.write(merged.resolve("manifest.csv"), joined);

        Cli whole = Cli.run("batch", "--offline", "--config", config(dir).toString(), "--data-dir", s.dataDir.toString(),
                "--appid", SHOP, "-i", input.toString(), "-o", merged.toString(), "--progress", "none", "--verify");
        assertThat(whole.exit).as(whole.toString()).isZero();
        assertThat(whole.err.toString()).contains("15 rows: 0 made, 15 done before");
        s.restart();
        for (long line : List.of(2L, 9L, 16L)) {
            byte[] image = Files.readAllBytes(merged.resolve(all.get(line)[0]));
            assertThat(sha256(image)).isEqualTo(all.get(line)[1]);
            assertThat(s.resolve(image).get("decoded_scene").asText()).isEqualTo("s=" + (line - 2));
        }
        s.close();

        Cli wrong = Cli.run("batch", "-i", input.toString(), "-o", dir.resolve("x").toString(), "--shard", "4/3");
        assertThat(wrong.exit).isEqualTo(2);
        assertThat(wrong.err.toString()).contains("1 <= i <= n, got 4/3");
    }

    @Test
    void a_spreadsheet_export_with_a_byte_order_mark_and_crlf_lines_is_read_as_written(@TempDir Path dir) throws Exception {
        try (TestServer s = server(dir.resolve("server"))) {
            Path input = csv(dir, "\uFEFFscene,page\r\nbom=1,pages/detail/detail\r\nbom=2,\r\n");
            Path out = dir.resolve("out");
            Cli cli = Cli.run("batch", "-i", input.toString(), "-o", out.toString(), "--progress", "none",
                    "--url", s.url(""), "--appid", SHOP, "--secret", SHOP_SECRET);
            assertThat(cli.exit).as(cli.toString()).isZero();
            assertThat(cli.err.toString()).contains("2 rows: 2 made");
            JsonNode first = s.resolve(Files.readAllBytes(out.resolve("0000002.jpg")));
            assertThat(first.get("decoded_scene").asText()).isEqualTo("bom=1");
            assertThat(first.get("page").asText()).isEqualTo("pages/detail/detail");
            assertThat(s.resolve(Files.readAllBytes(out.resolve("0000003.jpg"))).get("page").asText()).isEqualTo("pages/index/index");
        }
    }

    @Test
    void a_rerun_makes_only_new_or_changed_rows(@TempDir Path dir) throws Exception {
        try (TestServer s = server(dir.resolve("server"))) {
            Path input = csv(dir, "one\ntwo\nthree\n");
            Path out = dir.resolve("out");
            String[] args = {"batch", "-i", input.toString(), "-o", out.toString(), "--progress", "none",
                    "--url", s.url(""), "--appid", SHOP, "--secret", SHOP_SECRET};
            assertThat(Cli.run(args).exit).isZero();
            Files.writeString(input, "one\nTWO\nthree\nfour\n");
            Cli rerun = Cli.run(args);
            assertThat(rerun.err.toString()).contains("4 rows: 2 made, 2 done before");
            assertThat(s.resolve(Files.readAllBytes(out.resolve("0000002.jpg"))).get("decoded_scene").asText()).isEqualTo("TWO");
        }
    }

    @Test
    void file_names_a_row_may_not_take_make_that_row_invalid(@TempDir Path dir) throws Exception {
        try (TestServer s = server(dir.resolve("server"))) {
            String rows = """
                    scene,filename
                    n=1,shop.jpg
                    n=2,SHOP.jpg
                    n=3,0000009.jpg
                    n=4,manifest.csv
                    n=5,.hidden.jpg
                    n=6,dir/file.jpg
                    n=7,
                    n=8,other.png
                    """;
            Path out = dir.resolve("out");
            Cli cli = Cli.run("batch", "-i", csv(dir, rows).toString(), "-o", out.toString(), "--progress", "none",
                    "--url", s.url(""), "--appid", SHOP, "--secret", SHOP_SECRET);
            assertThat(cli.exit).as(cli.toString()).isEqualTo(4);
            assertThat(cli.err.toString()).contains("8 rows: 3 made, 0 done before, 5 invalid, 0 refused");
            assertThat(String.join("\n", Files.readAllLines(out.resolve("errors.csv"))))
                    .contains("3,\"n=2,SHOP.jpg\",,\"filename 'SHOP.jpg' is line 2's already\"")
                    .contains("4,\"n=3,0000009.jpg\",,\"filename '0000009.jpg' looks like a line's own name")
                    .contains("5,\"n=4,manifest.csv\",,\"filename 'manifest.csv' is not a plain file name\"")
                    .contains("6,\"n=5,.hidden.jpg\",,\"filename '.hidden.jpg' is not a plain file name\"")
                    .contains("7,\"n=6,dir/file.jpg\",,\"filename 'dir/file.jpg' is not a plain file name\"");
            assertThat(s.resolve(Files.readAllBytes(out.resolve("shop.jpg"))).get("decoded_scene").asText()).isEqualTo("n=1");
            assertThat(s.resolve(Files.readAllBytes(out.resolve("0000008.jpg"))).get("decoded_scene").asText()).isEqualTo("n=7");
            assertThat(s.resolve(Files.readAllBytes(out.resolve("other.png"))).get("decoded_scene").asText()).isEqualTo("n=8");
        }
    }

    @Test
    void a_headerless_file_may_start_with_a_scene_that_begins_with_the_word_scene(@TempDir Path dir) throws Exception {
        try (TestServer s = server(dir.resolve("server"))) {
            Path out = dir.resolve("out");
            Cli cli = Cli.run("batch", "-i", csv(dir, "scene=1\nscenery\n").toString(), "-o", out.toString(),
                    "--progress", "none", "--url", s.url(""), "--appid", SHOP, "--secret", SHOP_SECRET);
            assertThat(cli.exit).as(cli.toString()).isZero();
            assertThat(s.resolve(Files.readAllBytes(out.resolve("0000001.jpg"))).get("decoded_scene").asText()).isEqualTo("scene=1");
            assertThat(s.resolve(Files.readAllBytes(out.resolve("0000002.jpg"))).get("decoded_scene").asText()).isEqualTo("scenery");
        }
    }

    @Test
    void bytes_that_are_not_utf8_make_their_row_invalid_and_an_unknown_column_stops_before_any_work(@TempDir Path dir)
            throws Exception {
        try (TestServer s = server(dir.resolve("server"))) {
            Path input = dir.resolve("gbk.csv");
            byte[] gbk = {(byte) 0xC9, (byte) 0xCC, (byte) 0xB5, (byte) 0xEA};
            try (var file = Files.newOutputStream(input)) {
                file.write("ok=1\nname=".getBytes(StandardCharsets.US_ASCII));
                file.write(gbk);
                file.write("\nok=3\n".getBytes(StandardCharsets.US_ASCII));
            }
            Path out = dir.resolve("out");
            String[] api = {"--progress", "none", "--url", s.url(""), "--appid", SHOP, "--secret", SHOP_SECRET};
            Cli cli = Cli.run(concat(new String[] {"batch", "-i", input.toString(), "-o", out.toString()}, api));
            assertThat(cli.exit).as(cli.toString()).isEqualTo(4);
            assertThat(cli.err.toString()).contains("batch: line 2: not UTF-8 text", "3 rows: 2 made, 0 done before, 1 invalid");
            assertThat(out.resolve("0000003.jpg")).exists();

            Cli unknown = Cli.run(concat(new String[] {"batch", "-i", csv(dir, "scene,colour\na,red\n").toString(),
                    "-o", dir.resolve("never").toString()}, api));
            assertThat(unknown.exit).isEqualTo(2);
            assertThat(unknown.err.toString()).contains("line 1: unknown column 'colour'");
            assertThat(dir.resolve("never/manifest.csv")).doesNotExist();
        }
    }

    @Test
    void a_refusal_of_the_app_itself_stops_the_batch_with_exit_code_3(@TempDir Path dir) throws Exception {
        try (TestServer s = server(dir.resolve("server"))) {
            StringBuilder rows = new StringBuilder();
            for (int i = 0; i < 50; i++) {
                rows.append("r=").append(i).append('\n');
            }
            Cli cli = Cli.run("batch", "-i", csv(dir, rows.toString()).toString(), "-o", dir.resolve("out").toString(),
                    "--progress", "none", "--parallel", "1", "--url", s.url(""), "--appid", SHOP, "--secret", "not-the-secret");
            assertThat(cli.exit).as(cli.toString()).isEqualTo(3);
            assertThat(cli.err.toString()).contains("the server refused the app: 40125");
            String tokenRefusals = "wxacode_requests_total{errcode=\"40125\",method=\"POST\",route=\"/cgi-bin/stable_token\"} 1.0";
            assertThat(s.scrapeShowing(tokenRefusals)).as("one refusal, not one per row").contains(tokenRefusals);
        }
    }

    @Test
    void a_zip_is_extended_by_a_rerun_after_rows_are_added_and_redone_when_an_option_changes(@TempDir Path dir) throws Exception {
        TestServer s = server(dir.resolve("server"));
        s.close();
        Path input = csv(dir, "grow=1\ngrow=2\n");
        Path zip = dir.resolve("codes.zip");
        String[] args = {"batch", "--offline", "--config", config(dir).toString(), "--data-dir", s.dataDir.toString(),
                "--appid", SHOP, "-i", input.toString(), "-o", zip.toString(), "--progress", "none"};
        assertThat(Cli.run(args).exit).isZero();
        Files.writeString(input, "grow=3\n", java.nio.file.StandardOpenOption.APPEND);
        Cli grown = Cli.run(args);
        assertThat(grown.exit).as(grown.toString()).isZero();
        assertThat(grown.err.toString()).contains("3 rows: 1 made, 2 done before");
        assertThat(zipNames(zip)).containsExactlyInAnyOrder("0000001.jpg", "0000002.jpg", "0000003.jpg", "manifest.csv", "errors.csv");

        Cli clear = Cli.run(concat(args, new String[] {"--hyaline"}));
        assertThat(clear.exit).as(clear.toString()).isZero();
        assertThat(clear.err.toString()).contains("3 rows: 3 made, 0 done before");
        assertThat(zipNames(zip)).containsExactlyInAnyOrder("0000001.png", "0000002.png", "0000003.png", "manifest.csv", "errors.csv");
        assertThat(dir.resolve("codes.zip.parts")).doesNotExist();
        s.restart();
        try (ZipFile archive = new ZipFile(zip.toFile())) {
            byte[] third = archive.getInputStream(archive.getEntry("0000003.png")).readAllBytes();
            assertThat(s.resolve(third).get("decoded_scene").asText()).isEqualTo("grow=3");
        }
        s.close();
    }

    static List<String> zipNames(Path zip) throws IOException {
        try (ZipFile archive = new ZipFile(zip.toFile())) {
            return archive.stream().map(ZipEntry::getName).toList();
        }
    }

    static String[] concat(String[] first, String[] second) {
        return Stream.concat(Arrays.stream(first), Arrays.stream(second)).toArray(String[]::new);
    }

    /**
     * The real interruption: a batch in its own process, killed with SIGKILL mid-run, then run again
     * here. Every row ends up made exactly once, every file whole and decodable.
     */
    @Test
    void a_batch_killed_mid_run_finishes_on_rerun_with_every_file_whole(@TempDir Path dir) throws Exception {
        TestServer s = server(dir.resolve("server"));
        int count = 1500;
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < count; i++) {
            rows.append("k=").append(i).append('\n');
        }
        Path input = csv(dir, rows.toString());
        Path out = dir.resolve("out");
        String[] args = {"batch", "--offline", "--config", config(dir).toString(), "--data-dir", s.dataDir.toString(),
                "--appid", SHOP, "-i", input.toString(), "-o", out.toString(), "--progress", "none", "--width", "280"};

        // While the server holds the data directory, another process is refused with a clear message.
        Process busy = Subprocess.start(dir, args);
        assertThat(busy.waitFor()).isEqualTo(2);
        assertThat(Files.readString(dir.resolve("err.log"))).contains("in use by a running server");

        s.close();
        Process first = Subprocess.start(dir, args);
        Path manifest = out.resolve("manifest.csv");
        awaitRunningWithRows(first, manifest, 200, dir);
        first.destroyForcibly().waitFor();
        long before = lines(manifest);
        assertThat(before).isBetween(200L, (long) count);

        Cli rerun = Cli.run(args);
        assertThat(rerun.exit).as(rerun.toString()).isZero();
        assertThat(rerun.err.toString()).contains("resuming");

        Map<Long, String[]> entries = manifest(manifest);
        assertThat(entries).hasSize(count);
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".part"))).isEmpty();
        }
        Set<String> scenes = new HashSet<>();
        for (Map.Entry<Long, String[]> entry : entries.entrySet()) {
            byte[] image = Files.readAllBytes(out.resolve(entry.getValue()[0]));
            assertThat(sha256(image)).as("line %d", entry.getKey()).isEqualTo(entry.getValue()[1]);
            scenes.add(TestServer.decode(image));
        }
        assertThat(scenes).as("one distinct code per row").hasSize(count);
        s.restart();
        assertThat(s.resolve(Files.readAllBytes(out.resolve("0000001.jpg"))).get("decoded_scene").asText()).isEqualTo("k=0");
        assertThat(s.resolve(Files.readAllBytes(out.resolve(String.format("%07d.jpg", count)))).get("decoded_scene").asText())
                .isEqualTo("k=" + (count - 1));
        s.close();
    }

    /**
     * Ctrl-C: SIGINT to a batch in its own process. It stops taking rows, prints its summary and
     * exits 130; the rerun finishes from the manifest.
     */
    @Test
    void ctrl_c_prints_the_summary_exits_130_and_the_rerun_finishes(@TempDir Path dir) throws Exception {
        TestServer s = server(dir.resolve("server"));
        s.close();
        int count = 800;
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < count; i++) {
            rows.append("int=").append(i).append('\n');
        }
        Path out = dir.resolve("out");
        String[] args = {"batch", "--offline", "--config", config(dir).toString(), "--data-dir", s.dataDir.toString(),
                "--appid", SHOP, "-i", csv(dir, rows.toString()).toString(), "-o", out.toString(), "--progress", "none"};
        Process batch = Subprocess.start(dir, args);
        Path manifest = out.resolve("manifest.csv");
        awaitRunningWithRows(batch, manifest, 100, dir);
        assertThat(new ProcessBuilder("kill", "-INT", Long.toString(batch.pid())).start().waitFor()).isZero();
        assertThat(batch.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(batch.exitValue()).isEqualTo(130);
        assertThat(Files.readString(dir.resolve("err.log"))).containsPattern(
                "batch: 800 rows: \\d+ made, 0 done before, 0 invalid, 0 refused \\(stopped: rerun to finish\\)");
        long before = lines(manifest);
        assertThat(before).isBetween(100L, (long) count - 1);

        Cli rerun = Cli.run(args);
        assertThat(rerun.exit).as(rerun.toString()).isZero();
        assertThat(rerun.err.toString()).contains("resuming, " + before + " rows done before",
                count + " rows: " + (count - before) + " made, " + before + " done before");
        assertThat(manifest(manifest)).hasSize(count);
    }

    /** Waits until the batch's manifest holds {@code rows} entries, and checks the batch is still at work. */
    private static void awaitRunningWithRows(Process batch, Path manifest, long rows, Path dir) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (lines(manifest) < rows && batch.isAlive() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        assertThat(batch.isAlive()).as("still running with %d rows made: %s", rows, Files.readString(dir.resolve("err.log")))
                .isTrue();
    }

    private static long lines(Path file) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count() - 1;
        }
    }
}
