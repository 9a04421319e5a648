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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wxacode serve} in a process of its own, used through what its banner prints, then stopped. */
class ServeTest {

    @Test
    void serve_prints_a_demo_app_that_makes_codes_and_stops_on_sigterm(@TempDir Path dir) throws Exception {
        Process serve = Subprocess.start(dir, "serve", "--port", "0", "--data-dir", dir.resolve("data").toString());
        try {
            String banner = Subprocess.awaitBanner(dir, serve);
            String url = Subprocess.find(Subprocess.LISTENING, banner);
            assertThat(banner).contains("The console: " + url + "/console (set WXACODE_ADMIN_KEY to open it)");
            String appid = Subprocess.find(Subprocess.APPID, banner);
            try (WxaCodeClient client = WxaCodeClient.builder(url, appid, Subprocess.find(Subprocess.SECRET, banner)).build()) {
                CodeImage code = client.getUnlimited(UnlimitedCode.of("serve=1").withPage("pages/detail/detail"));
                assertThat(code.contentType()).isEqualTo("image/jpeg");
                Path file = dir.resolve("code.jpg");
                Files.write(file, code.bytes());
                Cli scan = Cli.run("scan", "--url", url, file.toString());
                assertThat(scan.exit).as(scan.toString()).isZero();
                JsonNode launch = TestServer.JSON.readTree(scan.out.toString().lines().findFirst().orElseThrow());
                assertThat(launch.get("appid").asText()).isEqualTo(appid);
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
}
