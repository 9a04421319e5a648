package dev.wxacode.server.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wxacode.server.ServerExtension;
import dev.wxacode.server.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Requests a well-behaved client cannot send, over a raw socket: still errcode JSON, never HTML or a trace. */
class RawHttpTest {
    @RegisterExtension
    static final ServerExtension server = ServerExtension.shared("WXACODE_MAX_BODY_BYTES", "4096");
    final TestServer s = server.get();
    final String token = server.shopToken();

    /** Sends bytes as they are and reads one response (the server closes or the body ends). */
    Reply exchange(byte[] request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", s.server().port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            return Reply.read(socket.getInputStream());
        }
    }

    Reply exchange(String request) throws IOException {
        return exchange(request.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** @param bytes the body as it came, for images; {@code body} is its text */
    record Reply(int status, String head, String body, byte[] bytes) {
        static Reply read(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int state = 0;
            while (state < 4) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("closed before the end of the headers: " + head);
                }
                head.write(b);
                state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
            }
            String headText = head.toString(StandardCharsets.ISO_8859_1);
            int length = 0;
            for (String line : headText.split("\r\n")) {
                if (line.toLowerCase().startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(15).trim());
                }
            }
            byte[] body = in.readNBytes(length);
            return new Reply(Integer.parseInt(headText.substring(9, 12)), headText, new String(body, StandardCharsets.UTF_8), body);
        }

        JsonNode json() throws IOException {
            return TestServer.JSON.readTree(body);
        }
    }

    @Test
    void a_malformed_request_line_gets_errcode_json() throws IOException {
        Reply reply = exchange("GARBAGE\r\n\r\n");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.head()).containsIgnoringCase("Content-Type: application/json; charset=UTF-8");
        assertThat(reply.json().get("errcode").asInt()).isEqualTo(990400);
        assertThat(reply.body()).doesNotContain("<html", "Exception", "jetty");
    }

    @Test
    void oversized_headers_get_errcode_json() throws IOException {
        Reply reply = exchange("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n");
        assertThat(reply.status()).isEqualTo(431);
        assertThat(reply.json().get("errcode").asInt()).isEqualTo(990400);
        assertThat(reply.json().get("errmsg").asText()).startsWith("malformed HTTP request: 431 ");
    }

    @Test
    void a_malformed_query_string_is_a_caller_mistake_not_a_server_fault() throws IOException {
        Reply reply = exchange("POST /wxa/getwxacodeunlimit?access_token=%zz HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n"
                + "Connection: close\r\n\r\n{}");
        // An undecodable parameter is as good as a missing one.
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("errcode").asInt()).isEqualTo(41001);
    }

    @Test
    void a_declared_body_over_the_cap_is_refused_before_it_is_sent() throws IOException {
        Reply reply = exchange("POST /wxa/getwxacodeunlimit?access_token=" + token + " HTTP/1.1\r\nHost: x\r\n"
                + "Content-Length: 10000000\r\n\r\n{\"scene\":");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("errcode").asInt()).isEqualTo(47001);
    }

    @Test
    void a_chunked_body_over_the_cap_is_refused() throws IOException {
        String chunk = "{\"scene\":\"a\",\"page\":\"" + "p".repeat(5000) + "\"}";
        Reply reply = exchange("POST /wxa/getwxacodeunlimit?access_token=" + token + " HTTP/1.1\r\nHost: x\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n" + Integer.toHexString(chunk.length()) + "\r\n"
                + chunk + "\r\n0\r\n\r\n");
        assertThat(reply.json().get("errcode").asInt()).isEqualTo(47001);
    }

    @Test
    void a_chunked_body_within_the_cap_makes_a_code() throws IOException {
        String chunk = "{\"scene\":\"chunked\"}";
        Reply reply = exchange("POST /wxa/getwxacodeunlimit?access_token=" + token + " HTTP/1.1\r\nHost: x\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n" + Integer.toHexString(chunk.length()) + "\r\n"
                + chunk + "\r\n0\r\n\r\n");
        assertThat(reply.head()).contains("Content-Type: image/jpeg\r\n");
    }

    @Test
    void broken_chunk_framing_is_malformed_http_not_a_server_fault() throws IOException {
        Reply reply = exchange("POST /wxa/getwxacodeunlimit?access_token=" + token + " HTTP/1.1\r\nHost: x\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nZZ\r\nab\r\n0\r\n\r\n");
        assertThat(reply.json().get("errcode").asInt()).isEqualTo(990400);
        assertThat(reply.status()).isEqualTo(400);
    }

    @Test
    void a_method_override_header_is_ignored() throws IOException {
        String body = "{\"scene\":\"o\"}";
        Reply reply = exchange("GET /wxa/getwxacodeunlimit?access_token=" + token + " HTTP/1.1\r\nHost: x\r\n"
                + "X-HTTP-Method-Override: POST\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body);
        assertThat(reply.json().get("errcode").asInt()).isEqualTo(43002);
    }

    @Test
    void head_runs_the_same_checks_as_get() throws IOException {
        Reply admin = exchange("HEAD /admin/apps HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(admin.status()).isEqualTo(401);
        Reply link = exchange("HEAD /L/AAAA HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(link.status()).isEqualTo(400);
    }

    @Test
    void an_unknown_path_gets_404_errcode_json() throws IOException {
        Reply reply = exchange("GET /no/such/thing HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.json().get("errcode").asInt()).isEqualTo(990404);
    }

    @Test
    void a_wrong_method_on_our_own_routes_gets_405_errcode_json() throws IOException {
        Reply reply = exchange("DELETE /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(reply.status()).isEqualTo(405);
        assertThat(reply.json().get("errcode").asInt()).isEqualTo(990405);
    }

    @Test
    void an_invented_method_is_refused_and_counted_without_its_name() throws IOException {
        Reply reply = exchange("BREW /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(reply.json().get("errcode").asInt()).isIn(990404, 990405);
        assertThat(s.scrapeShowing("method=\"OTHER\"")).contains("method=\"OTHER\"").doesNotContain("BREW");
    }

    @Test
    void keep_alive_serves_several_requests_on_one_connection() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", s.server().port())) {
            socket.setSoTimeout(10_000);
            for (int i = 0; i < 3; i++) {
                String body = "{\"scene\":\"k" + i + "\"}";
                socket.getOutputStream().write(("POST /wxa/getwxacodeunlimit?access_token=" + token + " HTTP/1.1\r\nHost: x\r\n"
                        + "Content-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.ISO_8859_1));
                Reply reply = Reply.read(socket.getInputStream());
                assertThat(reply.status()).isEqualTo(200);
                assertThat(reply.head()).contains("Content-Type: image/jpeg\r\n").doesNotContainIgnoringCase("Transfer-Encoding");
            }
        }
    }
}
