package dev.wxacode.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherExecutionRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * When servers start and stop. Each case runs a small test class of its own through the JUnit
 * Platform (as the IDE or Maven would), then looks at what its tests saw and at the ports they
 * used once the run is over. The inner classes are not run on their own: Surefire skips nested
 * classes.
 */
class LifecycleTest {
    static final String SHOP = WxJavaTest.SHOP;
    static final String SECRET = "0123456789abcdef0123456789abcdef";

    /** What the tests of the class under run saw, in the order they ran. */
    static final List<Seen> seen = new CopyOnWriteArrayList<>();
    /** The token the first test of the class under run got, for the later ones to try. */
    static volatile String firstToken;
    static volatile int fixedPort;

    /** @param errcode what a code call with the first test's token got: 0 for an image */
    record Seen(String test, int port, int errcode) {
    }

    @Test
    void a_static_field_keeps_one_server_for_the_class_and_its_nested_classes_then_stops_it() {
        run(Shared.class);

        int port = seen.getFirst().port();
        assertThat(seen).containsExactly(new Seen("first", port, 0), new Seen("second", port, 0),
                new Seen("nested", port, 0));
        assertThat(refused(port)).as("stopped after the class").isTrue();
    }

    @Test
    void an_instance_field_gives_each_test_a_fresh_server_stopped_after_it() {
        run(PerTest.class);

        assertThat(seen).hasSize(2);
        assertThat(seen.get(1).errcode()).as("the first test's token is unknown to the second's server").isEqualTo(40001);
        assertThat(seen.get(0).port()).isNotEqualTo(seen.get(1).port());
        assertThat(refused(seen.get(0).port())).isTrue();
        assertThat(refused(seen.get(1).port())).isTrue();
    }

    @Test
    void settings_and_a_fixed_port_reach_the_server() throws IOException {
        try (ServerSocket free = new ServerSocket(0)) {
            fixedPort = free.getLocalPort();
        }
        run(Configured.class);

        assertThat(seen).containsExactly(new Seen("first", fixedPort, 0), new Seen("second", fixedPort, 45009));
    }

    @Test
    void accessors_outside_a_test_say_the_server_is_not_running() {
        assertThatThrownBy(() -> WxacodeExtension.create().baseUrl())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the wxacode server is not running: it runs from before the first test to after the last"
                        + " (static field) or around each test (instance field)");
    }

    /** Two tests in order: the first takes a token; each records what a code call with that token gets. */
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    abstract static class TwoTests {
        abstract WxacodeExtension wx();

        @Test
        @Order(1)
        void first() throws Exception {
            firstToken = token(wx());
            see("first", wx());
        }

        @Test
        @Order(2)
        void second() throws Exception {
            see("second", wx());
        }
    }

    static class Shared extends TwoTests {
        @RegisterExtension
        static final WxacodeExtension wx = WxacodeExtension.withSeed("wxacode-seed.json");

        @Override
        WxacodeExtension wx() {
            return wx;
        }

        @Nested
        class Inner {
            @Test
            void nested() throws Exception {
                see("nested", wx);
            }
        }
    }

    static class PerTest extends TwoTests {
        @RegisterExtension
        final WxacodeExtension wx = WxacodeExtension.withSeed("wxacode-seed.json");

        @Override
        WxacodeExtension wx() {
            return wx;
        }
    }

    static class Configured extends TwoTests {
        @RegisterExtension
        static final WxacodeExtension wx = WxacodeExtension.withSeed("wxacode-seed.json")
                .withSetting("WXACODE_RATE_LIMIT_PER_MINUTE", "1").withPort(fixedPort);

        @Override
        WxacodeExtension wx() {
            return wx;
        }
    }

    /** Runs the tests of the class; a failure of one of them fails the caller. */
    private static void run(Class<?> testClass) {
        seen.clear();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(LauncherExecutionRequestBuilder.request(
                LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass)).build()).listeners(listener).build());
        listener.getSummary().getFailures().forEach(failure -> {
            throw new AssertionError(failure.getTestIdentifier().getDisplayName(), failure.getException());
        });
    }

    /** A code call with the first test's token, as this test's server answers it. */
    private static void see(String test, WxacodeExtension wx) throws IOException, InterruptedException {
        HttpResponse<byte[]> reply = send(HttpRequest.newBuilder(URI.create(wx.baseUrl()
                + "/wxa/getwxacodeunlimit?access_token=" + firstToken)).POST(HttpRequest.BodyPublishers.ofString("{\"scene\":\"a\"}")));
        boolean image = reply.headers().firstValue("Content-Type").orElse("").startsWith("image/");
        seen.add(new Seen(test, wx.port(), image ? 0 : json(reply).get("errcode").asInt()));
    }

    private static String token(WxacodeExtension wx) throws IOException, InterruptedException {
        return json(send(HttpRequest.newBuilder(URI.create(wx.baseUrl() + "/cgi-bin/token?grant_type=client_credential&appid="
                + SHOP + "&secret=" + SECRET)))).get("access_token").asText();
    }

    private static HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        }
    }

    private static JsonNode json(HttpResponse<byte[]> reply) throws IOException {
        return new ObjectMapper().readTree(reply.body());
    }

    /** Whether nothing listens on the port any more. */
    private static boolean refused(int port) {
        try {
            new Socket("127.0.0.1", port).close();
            return false;
        } catch (ConnectException e) {
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
