package dev.wxacode.server.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.wxacode.server.ServerExtension;
import dev.wxacode.server.TestServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * Slow bodies on a raw socket: cut as the caller's mistake in the endpoint's own terms, whether
 * they trickle or stop, logged without a stack; well-behaved bodies never cut. The server's idle
 * timeout is 30 s, past this class's timeout: a stalled body answered at all was judged by the rate.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class MinBodyRateTest {
    @RegisterExtension
    static final ServerExtension server = ServerExtension.shared();
    final TestServer s = server.get();
    final String token = server.shopToken();

    /**
     * Sends the head with {@code extraHeaders}, then the body in pieces {@code pauseMillis} apart,
     * stopping after {@code sentBytes} of it, then reads the reply.
     */
    RawHttpTest.Reply send(String path, String extraHeaders, byte[] body, int sentBytes, int pieceLength, long pauseMillis)
            throws IOException, InterruptedException {
        try (Socket socket = new Socket("127.0.0.1", s.server().port())) {
            socket.setSoTimeout(19_000);
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: x\r\n" + extraHeaders + "Content-Length: " + body.length
                    + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            try {
                for (int at = 0; at < sentBytes; at += pieceLength) {
                    out.write(body, at, Math.min(pieceLength, sentBytes - at));
                    out.flush();
                    Thread.sleep(pauseMillis);
                }
            } catch (IOException cut) {
                // The server gave up on the body: its reply is what the test reads.
            }
            return RawHttpTest.Reply.read(socket.getInputStream());
        }
    }

    RawHttpTest.Reply send(String path, byte[] body, int sentBytes, int pieceLength, long pauseMillis) throws Exception {
        return send(path, "", body, sentBytes, pieceLength, pauseMillis);
    }

    static boolean bindable(String address) {
        try (Socket socket = new Socket()) {
            socket.bind(new java.net.InetSocketAddress(address, 0));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    String code() {
        return "/wxa/getwxacodeunlimit?access_token=" + token;
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void a_small_body_in_two_packets_a_moment_apart_makes_a_code() throws Exception {
        byte[] body = utf8("{\"scene\":\"id=42\",\"page\":\"pages/detail/detail\"}");
        // 300 ms between 24 bytes and the rest: far below 1024 B/s, over too short a time to matter.
        RawHttpTest.Reply reply = send(code(), body, body.length, 24, 300);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.head()).contains("Content-Type: image/jpeg\r\n");
        assertThat(s.resolve(reply.bytes()).get("query").get("scene").asText()).isEqualTo("id%3D42");
    }

    @Test
    void a_trickled_body_on_a_wechat_endpoint_is_47001() throws Exception {
        byte[] body = utf8("{\"scene\":\"trickle\",\"page\":\"pages/detail/detail\"}");
        // 2 bytes every 200 ms: 10 B/s, which would take 5 s.
        RawHttpTest.Reply reply = send(code(), body, body.length, 2, 200);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.head()).contains("Content-Type: application/json; charset=UTF-8\r\n", "Connection: close\r\n");
        assertThat(reply.json().get("errcode").asInt()).isEqualTo(47001);
        assertThat(reply.json().get("errmsg").asText()).startsWith("data format error rid: ");
    }

    @Test
    void a_body_that_stops_is_judged_by_the_rate_not_left_to_the_idle_timeout() throws Exception {
        byte[] body = new byte[10_000];
        RawHttpTest.Reply code = send(code(), body, 1, 1, 500);
        assertThat(code.json().get("errcode").asInt()).isEqualTo(47001);

        RawHttpTest.Reply token = send("/cgi-bin/stable_token", body, 11, 11, 500);
        assertThat(token.status()).isEqualTo(200);
        assertThat(token.head()).contains("Content-Type: application/json; encoding=utf-8\r\n");
        assertThat(token.json().get("errcode").asInt()).isEqualTo(47001);
    }

    @Test
    void a_slow_upload_on_our_own_endpoint_is_990408() throws Exception {
        byte[] image = new byte[50_000];
        RawHttpTest.Reply plain = send("/wxa/scan", "Content-Type: image/jpeg\r\n", image, 100, 100, 500);
        assertThat(plain.status()).isEqualTo(408);
        assertThat(plain.json().get("errcode").asInt()).isEqualTo(990408);
        assertThat(plain.json().get("errmsg").asText())
                .startsWith("request body too slow: under 1024 bytes a second rid: ");

        byte[] form = utf8("--b\r\nContent-Disposition: form-data; name=\"image\"; filename=\"c.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n" + "x".repeat(20_000) + "\r\n--b--\r\n");
        RawHttpTest.Reply multipart = send("/wxa/scan", "Content-Type: multipart/form-data; boundary=b\r\n", form, 200,
                200, 500);
        assertThat(multipart.status()).isEqualTo(408);
        assertThat(multipart.json().get("errcode").asInt()).isEqualTo(990408);
    }

    @Test
    void a_body_that_ends_early_is_malformed_http() throws Exception {
        for (String path : List.of(code(), "/cgi-bin/stable_token", "/wxa/scan")) {
            try (Socket socket = new Socket("127.0.0.1", s.server().port())) {
                socket.setSoTimeout(19_000);
                socket.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"sce")
                        .getBytes(StandardCharsets.ISO_8859_1));
                // The client's half of the connection ends before the body does; it still reads.
                socket.shutdownOutput();
                RawHttpTest.Reply reply = RawHttpTest.Reply.read(socket.getInputStream());
                assertThat(reply.status()).as(path).isEqualTo(400);
                assertThat(reply.json().get("errcode").asInt()).as(path).isEqualTo(990400);
            }
        }
    }

    @Test
    void slow_bodies_are_logged_at_warn_once_a_minute_per_client_without_a_stack() throws Exception {
        Logger bodies = (Logger) LoggerFactory.getLogger(Bodies.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        bodies.addAppender(lines);
        try {
            // 127.0.0.2 is loopback too on Linux, and a client of its own, seen by no other test.
            assumeTrue(bindable("127.0.0.2"), "127.0.0.2 is not an address of this machine");
            for (int i = 0; i < 2; i++) {
                try (Socket socket = new Socket()) {
                    socket.bind(new java.net.InetSocketAddress("127.0.0.2", 0));
                    socket.connect(new java.net.InetSocketAddress("127.0.0.1", s.server().port()));
                    socket.setSoTimeout(19_000);
                    socket.getOutputStream().write(("POST " + code() + " HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{")
                            .getBytes(StandardCharsets.ISO_8859_1));
                    assertThat(RawHttpTest.Reply.read(socket.getInputStream()).json().get("errcode").asInt()).isEqualTo(47001);
                }
            }
        } finally {
            bodies.detachAppender(lines);
        }
        List<ILoggingEvent> fromClient = lines.list.stream()
                .filter(line -> line.getFormattedMessage().contains("client=127.xx.0.2 ")).toList();
        assertThat(fromClient).hasSize(1);
        assertThat(fromClient.getFirst().getLevel()).isEqualTo(Level.WARN);
        assertThat(fromClient.getFirst().getFormattedMessage())
                .startsWith("event=slow_body client=127.xx.0.2 detail=\"under 1024 bytes a second\"");
        assertThat(fromClient.getFirst().getThrowableProxy()).isNull();
    }
}
