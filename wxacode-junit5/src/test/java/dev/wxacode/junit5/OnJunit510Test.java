package dev.wxacode.junit5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wxacode.client.CodeImage;
import dev.wxacode.client.UnlimitedCode;
import dev.wxacode.client.WxaCodeClient;
import dev.wxacode.client.WxaCodeException;
import dev.wxacode.junit.Fault;
import dev.wxacode.junit.SeededApp;
import dev.wxacode.junit.WxacodeExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.commons.util.ClassLoaderUtils;

/** The extension where the project's JUnit is 5.10: it starts, serves, answers fault rules and stops. */
class OnJunit510Test {
    @RegisterExtension
    static final WxacodeExtension wx = WxacodeExtension.withSeed("wxacode-seed.json");

    @Test
    void the_extension_brings_no_junit_of_its_own() throws Exception {
        // A JUnit at compile scope would land beside the project's and mix two versions on its class path.
        String pom = java.nio.file.Files.readString(java.nio.file.Path.of("..", "wxacode-junit", "pom.xml"));
        assertTrue(java.util.regex.Pattern.compile(
                "<artifactId>junit-jupiter-api</artifactId>\\s*<scope>provided</scope>").matcher(pom).find(), pom);
        assertEquals(1, java.util.Collections.list(getClass().getClassLoader()
                .getResources("org/junit/jupiter/api/Test.class")).size());
    }

    @Test
    void every_junit_on_the_class_path_is_the_projects_own() {
        String version = Test.class.getPackage().getImplementationVersion();
        assertTrue(version.startsWith("5.10."), "JUnit Jupiter " + version);
        assertTrue(ClassLoaderUtils.class.getPackage().getImplementationVersion().startsWith("1.10."));
        // Every JUnit jar, the ones the build adds too: none of another version may sit beside them.
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            String jar = java.nio.file.Path.of(entry).getFileName().toString();
            if (jar.startsWith("junit-jupiter") || jar.startsWith("junit-platform")) {
                assertTrue(jar.matches("junit-(jupiter[a-z-]*-5\\.10|platform[a-z-]*-1\\.10)\\.\\d+\\.jar"), jar);
            }
        }
    }

    /** What the server reads in an image ({@code POST /wxa/scan}). */
    static JsonNode scan(byte[] image) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<byte[]> reply = http.send(HttpRequest.newBuilder(URI.create(wx.baseUrl() + "/wxa/scan"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(image)).build(), HttpResponse.BodyHandlers.ofByteArray());
            return new ObjectMapper().readTree(reply.body());
        }
    }

    @Test
    void a_code_is_made_and_a_fault_rule_answers_the_next_call() throws Exception {
        SeededApp app = wx.apps().get(0);
        try (WxaCodeClient client = WxaCodeClient.builder(wx.baseUrl(), app.appid(), app.secret()).build()) {
            CodeImage code = client.getUnlimited(UnlimitedCode.of("id=42").withPage("pages/detail/detail"));
            assertEquals("image/jpeg", code.contentType());
            JsonNode opened = scan(code.bytes());
            assertEquals(app.appid(), opened.get("appid").asText());
            assertEquals("pages/detail/detail", opened.get("page").asText());
            assertEquals("id%3D42", opened.get("query").get("scene").asText());
            wx.addFault(app.appid(), Fault.errcode(45009).withTimes(1));
            WxaCodeException refused = assertThrows(WxaCodeException.class, () -> client.getUnlimited(UnlimitedCode.of("id=43")));
            assertEquals(45009, refused.errcode());
        }
    }
}
