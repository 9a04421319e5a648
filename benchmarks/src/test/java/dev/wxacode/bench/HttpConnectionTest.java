package dev.wxacode.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpConnectionTest {

    private static HttpConnection replying(String replies) {
        return new HttpConnection(new ByteArrayInputStream(replies.getBytes(StandardCharsets.ISO_8859_1)),
                new ByteArrayOutputStream(), () -> { });
    }

    @Test
    void image_reply_is_counted_by_content_length_and_not_kept() throws IOException {
        HttpConnection connection = replying("HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\nContent-Length: 5\r\n\r\n\u00ff\u00d8abc");

        HttpConnection.Reply reply = connection.read();

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.isImage()).isTrue();
        assertThat(reply.length()).isEqualTo(5);
        assertThat(reply.body()).isNull();
        assertThat(reply.close()).isFalse();
    }

    @Test
    void keep_alive_replies_are_read_one_after_another() throws IOException {
        HttpConnection connection = replying(
                "HTTP/1.1 200 OK\r\ncontent-type: image/png\r\ncontent-length: 3\r\n\r\nPNG"
                        + "HTTP/1.1 200 OK\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: 30\r\n\r\n"
                        + "{\"errcode\":-1,\"errmsg\":\"busy\"}");

        HttpConnection.Reply image = connection.read();
        HttpConnection.Reply json = connection.read();

        assertThat(image.isImage()).isTrue();
        assertThat(image.length()).isEqualTo(3);
        assertThat(json.isImage()).isFalse();
        assertThat(new String(json.body(), StandardCharsets.UTF_8)).isEqualTo("{\"errcode\":-1,\"errmsg\":\"busy\"}");
    }

    @Test
    void a_304_has_no_body_whatever_its_headers_and_the_next_reply_follows() throws IOException {
        HttpConnection connection = replying("HTTP/1.1 304 Not Modified\r\nETag: \"abc\"\r\nContent-Type: image/jpeg\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\nContent-Length: 2\r\n\r\n\u00ff\u00d8");

        HttpConnection.Reply notModified = connection.read();
        HttpConnection.Reply image = connection.read();

        assertThat(notModified.status()).isEqualTo(304);
        assertThat(notModified.isImage()).isFalse();
        assertThat(notModified.length()).isZero();
        assertThat(image.isImage()).isTrue();
        assertThat(image.length()).isEqualTo(2);
    }

    @Test
    void chunked_json_body_is_joined() throws IOException {
        HttpConnection connection = replying("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n4\r\n{\"a\"\r\n3;x=y\r\n:1}\r\n0\r\n\r\n");

        HttpConnection.Reply reply = connection.read();

        assertThat(new String(reply.body(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
        assertThat(reply.length()).isEqualTo(7);
    }

    @Test
    void connection_close_header_is_reported() throws IOException {
        HttpConnection connection = replying("HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");

        HttpConnection.Reply reply = connection.read();

        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.close()).isTrue();
        assertThat(reply.isImage()).isFalse();
    }

    @Test
    void image_content_type_with_an_error_status_is_not_a_success() {
        assertThat(HttpConnection.Reply.isImage(500, "image/jpeg")).isFalse();
        assertThat(HttpConnection.Reply.isImage(200, "application/json")).isFalse();
    }

    @Test
    void closed_connection_before_a_reply_is_an_eof() {
        assertThatThrownBy(() -> replying("").read()).isInstanceOf(EOFException.class);
    }

    @Test
    void truncated_body_is_an_eof() {
        HttpConnection connection = replying("HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\nContent-Length: 10\r\n\r\nabc");

        assertThatThrownBy(connection::read).isInstanceOf(EOFException.class);
    }

    @Test
    void reply_without_length_is_refused() {
        HttpConnection connection = replying("HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\n\r\nabc");

        assertThatThrownBy(connection::read).isInstanceOf(IOException.class).hasMessageContaining("Content-Length");
    }

    @Test
    void exchange_writes_the_request_as_given() throws IOException {
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        HttpConnection connection = new HttpConnection(new ByteArrayInputStream(
                "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)), sent, () -> { });

        connection.exchange("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

        assertThat(sent.toString(StandardCharsets.US_ASCII)).isEqualTo("GET / HTTP/1.1\r\n\r\n");
    }
}
