package dev.wxacode.server.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.wxacode.server.ServerExtension;
import dev.wxacode.server.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * Headers that never end and framing HTTP/1.0 does not have, on a raw socket. The header timeout
 * is 2 s here, the idle timeout 30 s: a dribbling client answered at all was cut by the deadline.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class SlowHeadersTest {
    @RegisterExtension
    static final ServerExtension server = ServerExtension.shared("WXACODE_HEADER_TIMEOUT", "2s");
    final TestServer s = server.get();

    Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", s.server().port());
        socket.setSoTimeout(15_000);
        socket.setTcpNoDelay(true);
        return socket;
    }

    static void send(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Test
    void headers_sent_a_byte_at_a_time_are_cut_at_the_deadline_with_408() throws Exception {
        Logger headers = (Logger) LoggerFactory.getLogger(HeaderDeadline.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        headers.addAppender(lines);
        String before = s.scrape();
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            send(out, "GET /healthz HTTP/1.1\r\nHost: x\r\n");
            try {
                // A header byte every 100 ms, each restarting the idle timeout: 12 s of them at most.
                for (int i = 0; i < 120; i++) {
                    send(out, "X");
                    Thread.sleep(100);
                }
            } catch (IOException cut) {
                // The server closed the connection: its answer is what the test reads.
            }
            RawHttpTest.Reply reply = RawHttpTest.Reply.read(socket.getInputStream());
            assertThat(reply.status()).isEqualTo(408);
            assertThat(reply.head()).contains("Content-Type: application/json; charset=UTF-8\r\n", "Connection: close\r\n");
            assertThat(reply.json().get("errcode").asInt()).isEqualTo(990400);
            assertThat(reply.json().get("errmsg").asText()).startsWith("malformed HTTP request: 408 Request Timeout rid: ");
            assertThat(socket.getInputStream().read()).as("closed after the answer").isEqualTo(-1);
        } finally {
            headers.detachAppender(lines);
        }
        assertThat(lines.list).singleElement().satisfies(line -> {
            assertThat(line.getLevel()).isEqualTo(Level.WARN);
            assertThat(line.getFormattedMessage()).startsWith("event=slow_headers client=127.xx.0.1 ");
        });
        assertThat(timeouts(s.scrapeWhen(scrape -> timeouts(scrape) > timeouts(before)))).isEqualTo(timeouts(before) + 1);
    }

    static double timeouts(String scrape) {
        return scrape.lines().filter(line -> line.startsWith("wxacode_header_timeouts_total "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.indexOf(' ') + 1))).findFirst().orElse(-1);
    }

    @Test
    void each_request_has_its_own_deadline_from_its_first_byte() throws Exception {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            send(out, "GET /healthz HTTP/1.1\r\nHost: x\r\n");
            Thread.sleep(300);
            send(out, "\r\n");
            assertThat(RawHttpTest.Reply.read(in).status()).isEqualTo(200);
            // Idle between requests for longer than the header timeout, as a pooled connection is.
            Thread.sleep(2500);
            // The next request's headers take 1.2 s: well within its own 2 s, long past 2 s from the
            // connection's start or the first request's.
            send(out, "GET /healthz HTTP/1.1\r\n");
            Thread.sleep(1200);
            send(out, "Host: x\r\nConnection: close\r\n\r\n");
            assertThat(RawHttpTest.Reply.read(in).status()).isEqualTo(200);
        }
    }

    @Test
    void http_1_0_with_transfer_encoding_is_refused_with_400() throws Exception {
        try (Socket socket = connect()) {
            // Keep-alive asked for: the connection is closed because the framing was refused.
            send(socket.getOutputStream(), "POST /cgi-bin/stable_token HTTP/1.0\r\nHost: x\r\nConnection: keep-alive\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n");
            RawHttpTest.Reply reply = RawHttpTest.Reply.read(socket.getInputStream());
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.json().get("errcode").asInt()).isEqualTo(990400);
            assertThat(reply.json().get("errmsg").asText()).startsWith("malformed HTTP request: 400 Bad Request rid: ");
            assertThat(socket.getInputStream().read()).as("closed after the answer").isEqualTo(-1);
        }
        try (Socket socket = connect()) {
            // The same body declared by its length is HTTP/1.0 as it should be: the token endpoint reads it.
            send(socket.getOutputStream(), "POST /cgi-bin/stable_token HTTP/1.0\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}");
            RawHttpTest.Reply reply = RawHttpTest.Reply.read(socket.getInputStream());
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.json().get("errcode").asInt()).isNotEqualTo(990400);
        }
    }
}
