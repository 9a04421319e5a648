package dev.wxacode.client;

import static dev.wxacode.server.TestServer.SHOP;
import static dev.wxacode.server.TestServer.SHOP_SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wxacode.server.ServerExtension;
import dev.wxacode.server.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class WxCloudTest {
    static final String PERMITTED = "{\"permissions\":{\"openapi\":[\"wxacode.getUnlimited\"]}}";

    @RegisterExtension
    static final ServerExtension server = ServerExtension.shared();
    final TestServer s = server.get();

    Map<String, String> env() {
        return Map.of("WXACODE_URL", s.url(""), "WXACODE_APPID", SHOP, "WXACODE_SECRET", SHOP_SECRET);
    }

    WxCloud.Wxacode wxacode(String config) {
        return WxCloud.of(config, env()).openapi().wxacode();
    }

    @Test
    void a_permitted_call_resolves_to_the_cloud_result_shape() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("scene", "id=7");
        params.put("page", "pages/detail/detail");
        params.put("checkPath", true);
        params.put("envVersion", "trial");
        params.put("width", 300);
        params.put("autoColor", false);
        params.put("lineColor", Map.of("r", "0", "g", "0", "b", "120"));
        params.put("isHyaline", false);
        CloudResult result = wxacode(PERMITTED).getUnlimited(params);
        assertThat(result.errCode()).isZero();
        assertThat(result.errMsg()).isEqualTo("openapi.wxacode.getUnlimited:ok");
        assertThat(result.contentType()).isEqualTo("image/jpeg");
        JsonNode launch = s.resolve(result.buffer());
        assertThat(launch.get("page").asText()).isEqualTo("pages/detail/detail");
        assertThat(launch.get("env_version").asText()).isEqualTo("trial");
        assertThat(launch.get("decoded_scene").asText()).isEqualTo("id=7");
    }

    @Test
    void snake_case_names_are_accepted_too() {
        CloudResult result = wxacode(PERMITTED).getUnlimited(Map.of("scene", "s", "is_hyaline", true, "check_path", false,
                "page", "pages/not/released"));
        assertThat(result.contentType()).isEqualTo("image/png");
        assertThat(s.resolve(result.buffer()).get("page").asText()).isEqualTo("pages/not/released");
    }

    @Test
    void a_refusal_is_thrown_in_the_cloud_error_shape() {
        assertThatThrownBy(() -> wxacode(PERMITTED).getUnlimited(Map.of("scene", "")))
                .isInstanceOfSatisfying(CloudCallException.class, e -> {
                    assertThat(e.errCode()).isEqualTo(40169);
                    assertThat(e.errMsg()).startsWith("openapi.wxacode.getUnlimited:fail invalid length for scene, or the data is"
                            + " not json string rid: ");
                });
        assertThatThrownBy(() -> wxacode(PERMITTED).getUnlimited(Map.of("scene", "a", "isHyaline", 1)))
                .isInstanceOfSatisfying(CloudCallException.class, e -> {
                    assertThat(e.errCode()).isEqualTo(47001);
                    assertThat(e.errMsg()).startsWith("openapi.wxacode.getUnlimited:fail data format error rid: ");
                });
    }

    @Test
    void without_the_permission_the_call_fails_with_604101() {
        for (String config : new String[] {"{}", "{\"permissions\":{\"openapi\":[\"wxacode.get\"]}}"}) {
            assertThatThrownBy(() -> wxacode(config).getUnlimited(Map.of("scene", "a")))
                    .isInstanceOfSatisfying(CloudCallException.class, e -> {
                        assertThat(e.errCode()).isEqualTo(-604101);
                        assertThat(e.errMsg()).isEqualTo("system error: error code: -604101");
                        assertThat(e.getMessage()).isEqualTo("errCode: -604101 function has no permission to call this API"
                                + " | errMsg: system error: error code: -604101");
                    });
        }
    }

    @Test
    void a_function_folder_gives_the_permissions(@TempDir Path function) throws IOException {
        Files.writeString(function.resolve("config.json"), PERMITTED);
        assertThatThrownBy(() -> WxCloud.fromFunctionDir(function.resolve("missing")))
                .hasMessageContaining("config.json");
        assertThat(WxCloud.of(Files.readString(function.resolve("config.json")), env()).openapi().wxacode()
                .getUnlimited(Map.of("scene", "dir")).errCode()).isZero();
    }

    @Test
    void missing_credentials_are_the_deployments_mistake() {
        assertThatThrownBy(() -> WxCloud.of(PERMITTED, Map.of("WXACODE_APPID", SHOP)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("WXACODE_SECRET");
    }

    @Test
    void a_field_named_twice_or_an_unreachable_server_fails_the_call_with_minus_1() {
        assertThatThrownBy(() -> wxacode(PERMITTED).getUnlimited(Map.of("scene", "a", "checkPath", true, "check_path", false)))
                .isInstanceOfSatisfying(CloudCallException.class, e -> {
                    assertThat(e.errCode()).isEqualTo(-1);
                    assertThat(e.errMsg()).startsWith("openapi.wxacode.getUnlimited:fail ").contains("given twice");
                });
        Map<String, String> nowhere = Map.of("WXACODE_URL", "http://127.0.0.1:1", "WXACODE_APPID", SHOP,
                "WXACODE_SECRET", SHOP_SECRET);
        try (WxCloud cloud = WxCloud.of(PERMITTED, nowhere)) {
            assertThatThrownBy(() -> cloud.openapi().wxacode().getUnlimited(Map.of("scene", "a")))
                    .isInstanceOfSatisfying(CloudCallException.class, e -> {
                        assertThat(e.errCode()).isEqualTo(-1);
                        assertThat(e.errMsg()).startsWith("openapi.wxacode.getUnlimited:fail cannot reach http://127.0.0.1:1");
                    });
        }
    }

    @Test
    void the_typed_request_works_as_the_map_does() {
        CloudResult result = wxacode(PERMITTED).getUnlimited(UnlimitedCode.of("typed=1").withPage("pages/detail/detail"));
        assertThat(result.errMsg()).isEqualTo("openapi.wxacode.getUnlimited:ok");
        JsonNode launch = s.resolve(result.buffer());
        assertThat(launch.get("decoded_scene").asText()).isEqualTo("typed=1");
        assertThat(launch.get("page").asText()).isEqualTo("pages/detail/detail");
        assertThatThrownBy(() -> wxacode("{}").getUnlimited(UnlimitedCode.of("a")))
                .isInstanceOfSatisfying(CloudCallException.class, e -> assertThat(e.errCode()).isEqualTo(-604101));
    }
}
