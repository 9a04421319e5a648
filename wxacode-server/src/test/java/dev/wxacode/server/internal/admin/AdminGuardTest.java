package dev.wxacode.server.internal.admin;

import static dev.wxacode.server.WireAssert.CHARSET;
import static dev.wxacode.server.WireAssert.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wxacode.core.wire.Errcode;
import dev.wxacode.server.ServerExtension;
import dev.wxacode.server.TestServer;
import dev.wxacode.server.internal.http.Routes;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Every admin route the server registers refuses a caller without the key, whatever the route. */
class AdminGuardTest {
    @RegisterExtension
    static final ServerExtension server = ServerExtension.shared();
    final TestServer s = server.get();

    /** The guarded routes, their path parameters filled with an app that exists. */
    static List<Routes.Route> guarded(TestServer server) {
        return server.routes().stream().filter(Routes.Route::guarded).toList();
    }

    static HttpResponse<byte[]> call(TestServer server, Routes.Route route, UnaryOperator<HttpRequest.Builder> credentials) {
        String path = route.path().replace("{appid}", TestServer.SHOP).replace("{env_version}", "release")
                .replaceAll("\\{[a-z_]+}", "1");
        HttpRequest.BodyPublisher body = route.method().name().equals("GET") ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString("{}");
        return server.send(credentials.apply(HttpRequest.newBuilder(URI.create(server.url(path)))
                .header("Content-Type", "application/json").method(route.method().name(), body)));
    }

    @Test
    void every_admin_route_is_guarded() {
        List<Routes.Route> admin = s.routes().stream().filter(route -> route.path().startsWith(Routes.ADMIN)).toList();
        assertThat(admin).hasSizeGreaterThanOrEqualTo(21).allMatch(Routes.Route::guarded);
    }

    @Test
    void without_the_key_or_a_session_every_guarded_route_answers_990101() {
        for (Routes.Route route : guarded(s)) {
            assertError(call(s, route, request -> request), Errcode.ADMIN_UNAUTHORIZED, CHARSET, s);
            assertError(call(s, route, request -> request.header("Authorization", "Bearer " + TestServer.ADMIN_KEY + "x")),
                    Errcode.ADMIN_UNAUTHORIZED, CHARSET, s);
            assertError(call(s, route, request -> request.header("Cookie", AdminAuth.COOKIE + "=forged")),
                    Errcode.ADMIN_UNAUTHORIZED, CHARSET, s);
        }
    }

    @Test
    void with_no_key_configured_every_guarded_route_answers_990100(@TempDir Path dir) {
        try (TestServer closed = TestServer.bare(dir, Map.of())) {
            List<Routes.Route> routes = guarded(closed);
            assertThat(routes).hasSameSizeAs(guarded(s));
            for (Routes.Route route : routes) {
                assertError(call(closed, route, request -> request.header("Authorization", "Bearer anything")),
                        Errcode.ADMIN_DISABLED, CHARSET, closed);
            }
        }
    }
}
