package dev.wxacode.server.internal.token;

import static dev.wxacode.server.TestServer.GUARDED;
import static dev.wxacode.server.TestServer.GUARDED_SECRET;
import static dev.wxacode.server.WireAssert.ENCODING;
import static dev.wxacode.server.WireAssert.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wxacode.core.wire.Errcode;
import dev.wxacode.server.ServerExtension;
import dev.wxacode.server.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * IP whitelists behind a load balancer: the test client on 127.0.0.1 plays the balancer, and the
 * guarded app allows only 10.1.2.3.
 */
class TrustedProxiesTest {
    private static final String PATH = "/cgi-bin/token?grant_type=client_credential&appid=" + GUARDED + "&secret=" + GUARDED_SECRET;

    @RegisterExtension
    static final ServerExtension behindProxy = ServerExtension.shared("WXACODE_TRUSTED_PROXIES", "192.168.0.0/16, 127.0.0.1");
    @RegisterExtension
    static final ServerExtension direct = ServerExtension.shared();

    @Test
    void from_a_trusted_proxy_the_caller_is_the_nearest_untrusted_forwarded_address() {
        TestServer s = behindProxy.get();
        assertThat(TestServer.json(tokenFor(s, "10.1.2.3")).has("access_token")).isTrue();
        // A caller's own header value lies to the left of what the proxies appended: never reached.
        assertThat(TestServer.json(tokenFor(s, "6.6.6.6, 10.1.2.3")).has("access_token")).isTrue();
        // Through two trusted proxies.
        assertThat(TestServer.json(tokenFor(s, "10.1.2.3, 192.168.7.7")).has("access_token")).isTrue();
        assertError(tokenFor(s, "10.1.2.3, 6.6.6.6"), Errcode.IP_NOT_IN_WHITELIST,
                "invalid ip 6.6.6.6 ipv6 ::ffff:6.6.6.6, not in whitelist", ENCODING, s);
        // Not an address: the caller is taken to be the last trusted hop.
        assertError(tokenFor(s, "10.1.2.3, not-an-ip"), Errcode.IP_NOT_IN_WHITELIST,
                "invalid ip 127.0.0.1 ipv6 ::ffff:127.0.0.1, not in whitelist", ENCODING, s);
        assertError(s.get(PATH), Errcode.IP_NOT_IN_WHITELIST,
                "invalid ip 127.0.0.1 ipv6 ::ffff:127.0.0.1, not in whitelist", ENCODING, s);
    }

    @Test
    void without_trusted_proxies_the_header_is_ignored() {
        TestServer s = direct.get();
        assertError(tokenFor(s, "10.1.2.3"), Errcode.IP_NOT_IN_WHITELIST,
                "invalid ip 127.0.0.1 ipv6 ::ffff:127.0.0.1, not in whitelist", ENCODING, s);
    }

    private static HttpResponse<byte[]> tokenFor(TestServer s, String forwardedFor) {
        return s.send(HttpRequest.newBuilder(URI.create(s.url(PATH))).header("X-Forwarded-For", forwardedFor));
    }
}
