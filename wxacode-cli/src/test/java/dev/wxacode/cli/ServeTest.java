package dev.wxacode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wxacode.client.CodeImage;
import dev.wxacode.client.UnlimitedCode;
import dev.wxacode.client.WxaCodeClient;
import dev.wxacode.server.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wxacode serve} in a process of its own, used through what its banner prints, then stopped. */
class ServeTest {
    private static final Pattern LISTENING = Pattern.compile("wxacode is listening on (http://\\S+)");
    private static final Pattern APPID = Pattern.compile("appid +(wx[0-9a-f]{16})");
    private static final Pattern SECRET = Pattern.compile("secret +([0-9a-f]{32})");

    @Test
    void serve_prints_a_demo_app_that_makes_codes_and_stops_on_sigterm(@TempDir Path dir) throws Exception {
        Process serve = Subprocess.start(dir, "serve", "--port", "0", "--data-dir", dir.resolve("data").toString());
        try {
            String banner = awaitBanner(dir.resolve("out.log"), serve);
            String url = find(LISTENING, banner);
            try (WxaCodeClient client = WxaCodeClient.builder(url, find(APPID, banner), find(SECRET, banner)).build()) {
                CodeImage code = client.getUnlimited(UnlimitedCode.of("serve=1").withPage("pages/detail/detail"));
                assertThat(code.contentType()).isEqualTo("image/jpeg");
                Path file = dir.resolve("code.jpg");
                Files.write(file, code.bytes());
                Cli scan = Cli.run("scan", "--url", url, file.toString());
                assertThat(scan.exit).as(scan.toString()).isZero();
                JsonNode launch = TestServer.JSON.readTree(scan.out.toString().lines().findFirst().orElseThrow());
                assertThat(launch.get("appid").asText()).isEqualTo(find(APPID, banner));
                assertThat(launch.get("page").asText()).isEqualTo("pages/detail/detail");
                assertThat(launch.get("decoded_scene").asText()).isEqualTo("serve=1");
            }
            serve.destroy();
            assertThat(serve.waitFor(30, TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();
            assertThat(Files.readString(dir.resolve("err.log"))).doesNotContain("Exception");
        } finally {
            serve.destroyForcibly();
        }
    }

    private static String awaitBanner(Path out, Process serve) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String text = Files.exists(out) ? Files.readString(out) : "";
            if (text.contains("Point an SDK here")) {
                return text;
            }
            assertThat(serve.isAlive()).as("serve exited: %s", Files.readString(out.resolveSibling("err.log"))).isTrue();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        throw new AssertionError("no banner within 60 s");
    }

    private static String find(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        assertThat(matcher.find()).as("%s in %s", pattern, text).isTrue();
        return matcher.group(1);
    }
}
