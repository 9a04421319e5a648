package dev.wxacode.server.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wxacode.server.ServerExtension;
import dev.wxacode.server.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Clients that write their whole body before they read anything (Python's urllib and requests
 * do), on a raw socket: a body over its cap still gets its errcode, and the connection ends with
 * the server's FIN after it, not a reset that would lose the answer.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LingeringCloseTest {
    @RegisterExtension
    static final ServerExtension server = ServerExtension.shared();
    final TestServer s = server.get();
    final String token = server.shopToken();

    /** Writes the request head and the whole body, then reads the reply and what follows it. */
    Ending writeAllThenRead(String head, byte[] body) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", s.server().port())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            RawHttpTest.Reply reply = RawHttpTest.Reply.read(in);
            return new Ending(reply, in.read());
        }
    }

    /** @param next what the socket gave after the reply: -1 for the server's orderly close */
    record Ending(RawHttpTest.Reply reply, int next) {
    }

    static byte[] spaces(int length) {
        byte[] body = new byte[length];
        Arrays.fill(body, (byte) ' ');
        return body;
    }

    @ParameterizedTest
    @ValueSource(ints = {5_000_000, 20_000_000})
    void a_declared_body_over_the_cap_written_in_full_gets_47001(int length) throws IOException {
        Ending ending = writeAllThenRead("POST /wxa/getwxacodeunlimit?access_token=" + token + " HTTP/1.1\r\nHost: x\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + length + "\r\n\r\n", spaces(length));
        assertThat(ending.reply().status()).isEqualTo(200);
        assertThat(ending.reply().head()).contains("Content-Type: application/json; charset=UTF-8\r\n", "Connection: close\r\n");
        assertThat(ending.reply().json().get("errcode").asInt()).isEqualTo(47001);
        assertThat(ending.next()).isEqualTo(-1);
    }

    @Test
    void a_chunked_body_over_the_cap_written_in_full_gets_47001() throws IOException {
        ByteArrayOutputStream chunks = new ByteArrayOutputStream();
        byte[] chunk = spaces(65536);
        for (int i = 0; i < 20_000_000 / chunk.length; i++) {
            chunks.writeBytes((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            chunks.writeBytes(chunk);
            chunks.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        chunks.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        Ending ending = writeAllThenRead("POST /wxa/getwxacodeunlimit?access_token=" + token + " HTTP/1.1\r\nHost: x\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n", chunks.toByteArray());
        assertThat(ending.reply().json().get("errcode").asInt()).isEqualTo(47001);
        assertThat(ending.next()).isEqualTo(-1);
    }

    /** An upload over its cap, and a call refused for its token before its body mattered. */
    @ParameterizedTest
    @CsvSource({
            "/wxa/scan, image/jpeg, 413, 990005",
            "/wxa/getwxacodeunlimit?access_token=wrong, application/json, 200, 40001"})
    void a_refused_body_written_in_full_gets_its_errcode(String target, String type, int status, int errcode)
            throws IOException {
        int length = 20_000_000;
        Ending ending = writeAllThenRead("POST " + target + " HTTP/1.1\r\nHost: x\r\nContent-Type: " + type + "\r\n"
                + "Content-Length: " + length + "\r\n\r\n", spaces(length));
        assertThat(ending.reply().status()).isEqualTo(status);
        assertThat(ending.reply().json().get("errcode").asInt()).isEqualTo(errcode);
        assertThat(ending.next()).isEqualTo(-1);
    }

    @Test
    void a_body_declared_over_the_lingering_bound_is_not_read() throws IOException {
        int length = Math.toIntExact(LingeringClose.MAX_BYTES + 1);
        try (Socket socket = new Socket("127.0.0.1", s.server().port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /wxa/getwxacodeunlimit?access_token=" + token + " HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Length: " + length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            assertThatThrownBy(() -> out.write(spaces(length))).isInstanceOf(IOException.class);
        }
    }

    @Test
    void a_body_still_arriving_after_the_lingering_time_is_cut() throws IOException, InterruptedException {
        long declared = 10_000_000;
        try (Socket socket = new Socket("127.0.0.1", s.server().port())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /wxa/getwxacodeunlimit?access_token=" + token + " HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Length: " + declared + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            RawHttpTest.Reply reply = RawHttpTest.Reply.read(socket.getInputStream());
            assertThat(reply.json().get("errcode").asInt()).isEqualTo(47001);
            // 20 KB every 100 ms keeps well above the minimum data rate and would take 50 s in all.
            byte[] piece = spaces(20_000);
            long sent = 0;
            try {
                while (sent < declared) {
                    out.write(piece);
                    sent += piece.length;
                    Thread.sleep(100);
                }
            } catch (IOException cut) {
                // The server closed the connection: what this test waits for.
            }
            assertThat(sent).isLessThan(declared);
        }
    }
}
