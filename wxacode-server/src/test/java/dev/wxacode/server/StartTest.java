package dev.wxacode.server;

import static dev.wxacode.server.TestServer.SHOP;
import static dev.wxacode.server.TestServer.SHOP_SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wxacode.server.config.ConfigLoader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartTest {

    @Test
    void a_port_in_use_stops_the_start_naming_the_address_before_the_data_directory_is_opened(@TempDir Path dir)
            throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> WxacodeServer.start(ConfigLoader.load(Optional.empty(), Map.of(
                    "WXACODE_PORT", Integer.toString(port), "WXACODE_DATA_DIR", dir.resolve("data").toString()))))
                    .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("cannot listen on 127.0.0.1:" + port + ": ");
        }
        // Nothing held on to the data directory: a server starts on it at once.
        try (TestServer s = TestServer.start(dir)) {
            assertThat(s.get("/healthz").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void a_stopped_server_frees_its_port_for_the_next_one(@TempDir Path dir) {
        int port = Ports.free();
        for (int run = 0; run < 2; run++) {
            try (TestServer s = TestServer.start(dir, "WXACODE_PORT", Integer.toString(port))) {
                assertThat(s.server().port()).isEqualTo(port);
                assertThat(s.get("/healthz").statusCode()).isEqualTo(200);
            }
        }
    }

    @Test
    void on_a_free_port_the_links_name_the_port_the_server_got(@TempDir Path dir) {
        try (TestServer s = TestServer.start(dir)) {
            String link = TestServer.decode(s.code(s.token(SHOP, SHOP_SECRET), "{\"scene\":\"first\"}").body());
            assertThat(link).startsWithIgnoringCase(s.url("/L/"));
            assertThat(s.server().port()).isPositive();
            assertThat(s.server().publicUrl()).isEqualTo("http://127.0.0.1:" + s.server().port());
        }
    }
}
