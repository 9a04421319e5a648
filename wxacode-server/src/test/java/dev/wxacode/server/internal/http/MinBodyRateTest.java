package dev.wxacode.server.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxacode.server.ServerExtension;
import dev.wxacode.server.TestServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The minimum body data rate, on a raw socket: slow bodies are cut as the caller's mistake, well-behaved ones never. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MinBodyRateTest {
    @RegisterExtension
    static final ServerExtension server = ServerExtension.shared();
    final TestServer s = server.get();
    final String token = server.shopToken();

    /** Sends the head, then the body in pieces {@code pauseMillis} apart, then reads the reply. */
    RawHttpTest.Reply send(byte[] body, int pieceLength, long pauseMillis) throws IOException, InterruptedException {
        try (Socket socket = new Socket("127.0.0.1", s.server().port())) {
            socket.setSoTimeout(20_000);
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /wxa/getwxacodeunlimit?access_token=" + token + " HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            try {
                for (int at = 0; at < body.length; at += pieceLength) {
                    out.write(body, at, Math.min(pieceLength, body.length - at));
                    out.flush();
                    Thread.sleep(pauseMillis);
                }
            } catch (IOException cut) {
                // The server gave up on the body: its reply is what the test reads.
            }
            return RawHttpTest.Reply.read(socket.getInputStream());
        }
    }

    @Test
    void a_small_body_in_two_packets_a_moment_apart_makes_a_code() throws Exception {
        byte[] body = "{\"scene\":\"id=42\",\"page\":\"pages/detail/detail\"}".getBytes(StandardCharsets.UTF_8);
        // 300 ms between 24 bytes and the rest: far below 1024 B/s, over too short a time to matter.
        RawHttpTest.Reply reply = send(body, 24, 300);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.head()).contains("Content-Type: image/jpeg\r\n");
        assertThat(s.resolve(reply.bytes()).get("query").get("scene").asText()).isEqualTo("id%3D42");
    }

    @Test
    void a_trickled_body_is_cut_as_a_malformed_request_not_a_server_fault() throws Exception {
        byte[] body = "{\"scene\":\"trickle\",\"page\":\"pages/detail/detail\"}".getBytes(StandardCharsets.UTF_8);
        // 2 bytes every 200 ms: 10 B/s, which would take 5 s.
        RawHttpTest.Reply reply = send(body, 2, 200);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("errcode").asInt()).isEqualTo(990400);
        assertThat(reply.json().get("errmsg").asText()).startsWith("malformed HTTP request: 408 Request Timeout rid: ");
    }
}
