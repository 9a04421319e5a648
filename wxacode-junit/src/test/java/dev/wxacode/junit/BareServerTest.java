package dev.wxacode.junit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code create()}: a server with no seed has no app at all, where {@code wxacode serve} would make a demo app. */
class BareServerTest {
    static final String ADMIN_KEY = "bare-server-admin-key-0123456789";

    @RegisterExtension
    static final WxacodeExtension wx = WxacodeExtension.create().withSetting("WXACODE_ADMIN_KEY", ADMIN_KEY);

    @Test
    void a_server_without_a_seed_has_no_app_not_even_the_demo() throws Exception {
        assertThat(wx.apps()).isEmpty();
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<byte[]> apps = http.send(HttpRequest.newBuilder(URI.create(wx.baseUrl() + "/admin/apps"))
                    .header("Authorization", "Bearer " + ADMIN_KEY).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(apps.statusCode()).isEqualTo(200);
            assertThat(new ObjectMapper().readTree(apps.body()).get("apps")).isEmpty();
        }
    }
}
