package dev.wxacode.bench;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Locale;

/**
 * One keep-alive HTTP/1.1 connection with blocking I/O and just enough of a reply parser for the
 * wxacode server: status line, headers, a body by {@code Content-Length} or chunked (none for 304
 * and 204). The load generator shares the machine with the server it measures, so this costs a
 * read and a write per request and no more; not thread-safe, one per worker thread.
 */
final class HttpConnection implements Closeable {
    private static final int MAX_LINE = 8 * 1024;

    private final Closeable resource;
    private final InputStream in;
    private final OutputStream out;
    private final StringBuilder line = new StringBuilder(128);
    /** Own read buffer rather than a BufferedInputStream: no lock taken per header byte. */
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;

    HttpConnection(InputStream in, OutputStream out, Closeable resource) {
        this.in = in;
        this.out = out;
        this.resource = resource;
    }

    static HttpConnection open(String host, int port) throws IOException {
        Socket socket = new Socket();
        try {
            // Requests are one write each; without this a second small write would wait for an ACK.
            socket.setTcpNoDelay(true);
            // A server that stops answering fails the request instead of hanging the run.
            socket.setSoTimeout(60_000);
            socket.connect(new InetSocketAddress(host, port), 5_000);
            return new HttpConnection(socket.getInputStream(), socket.getOutputStream(), socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** Sends a whole request (head and body, already encoded) and reads its reply. */
    Reply exchange(byte[] request) throws IOException {
        out.write(request);
        out.flush();
        return read();
    }

    /**
     * The next reply on the connection. An image reply with status 200 is counted and dropped; any
     * other body is kept, to be shown.
     *
     * @throws EOFException if the server closed the connection before a whole reply
     * @throws IOException  on a reply this parser does not take (no length, bad status line)
     */
    Reply read() throws IOException {
        String statusLine = readLine();
        if (statusLine == null) {
            throw new EOFException("connection closed before a reply");
        }
        // "HTTP/1.1 200 OK": the code is always characters 9 to 11.
        if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
            throw new IOException("not an HTTP/1 status line: " + statusLine);
        }
        int status = parseStatus(statusLine);
        String contentType = "";
        long contentLength = -1;
        boolean chunked = false;
        boolean close = statusLine.startsWith("HTTP/1.0");
        for (String header = readLine(); header != null && !header.isEmpty(); header = readLine()) {
            int colon = header.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim();
            switch (name) {
                case "content-type" -> contentType = value;
                case "content-length" -> contentLength = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> close = value.equalsIgnoreCase("close");
                default -> { }
            }
        }
        boolean image = Reply.isImage(status, contentType);
        if (status == 304 || status == 204) {
            // No body, whatever the headers say (RFC 9112 §6.3).
            return new Reply(status, contentType, 0, new byte[0], close);
        }
        if (chunked) {
            byte[] body = readChunked();
            return new Reply(status, contentType, body.length, image ? null : body, close);
        }
        if (contentLength < 0) {
            throw new IOException("reply without Content-Length (status " + status + ")");
        }
        if (image) {
            discard(contentLength);
            return new Reply(status, contentType, contentLength, null, close);
        }
        return new Reply(status, contentType, contentLength, readBytes(Math.toIntExact(contentLength)), close);
    }

    private static int parseStatus(String statusLine) throws IOException {
        try {
            return Integer.parseInt(statusLine.substring(9, 12));
        } catch (NumberFormatException e) {
            throw new IOException("bad status line: " + statusLine, e);
        }
    }

    private void discard(long length) throws IOException {
        long left = length;
        while (left > 0) {
            if (position == limit && !fill()) {
                throw new EOFException("connection closed inside a body");
            }
            int n = (int) Math.min(limit - position, left);
            position += n;
            left -= n;
        }
    }

    private byte[] readBytes(int length) throws IOException {
        byte[] bytes = new byte[length];
        int done = 0;
        while (done < length) {
            if (position == limit && !fill()) {
                throw new EOFException("connection closed inside a body");
            }
            int n = Math.min(limit - position, length - done);
            System.arraycopy(buffer, position, bytes, done, n);
            position += n;
            done += n;
        }
        return bytes;
    }

    /** Reads more into the empty buffer; false at end of stream. */
    private boolean fill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        position = 0;
        limit = Math.max(n, 0);
        return n > 0;
    }

    private byte[] readChunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = readLine();
            if (size == null) {
                throw new EOFException("connection closed inside a chunked body");
            }
            int semicolon = size.indexOf(';');
            int length = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
            if (length == 0) {
                skipTrailers();
                return body.toByteArray();
            }
            body.write(readBytes(length));
            readLine();
        }
    }

    /** Trailers after the last chunk, if any, end with an empty line. */
    private void skipTrailers() throws IOException {
        String trailer = readLine();
        while (trailer != null && !trailer.isEmpty()) {
            trailer = readLine();
        }
    }

    /** A line without its CRLF, bytes taken as Latin-1 (headers are ASCII); null at end of stream. */
    private String readLine() throws IOException {
        line.setLength(0);
        while (true) {
            if (position == limit && !fill()) {
                if (line.isEmpty()) {
                    return null;
                }
                throw new EOFException("connection closed inside a line");
            }
            int b = buffer[position++] & 0xFF;
            if (b == '\n') {
                break;
            }
            if (line.length() == MAX_LINE) {
                throw new IOException("header line longer than " + MAX_LINE + " bytes");
            }
            line.append((char) b);
        }
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
            end--;
        }
        return line.substring(0, end);
    }

    @Override
    public void close() throws IOException {
        resource.close();
    }

    /**
     * @param length bytes of body received
     * @param body   the body, or null for a 200 image (counted, not kept)
     * @param close  the server will close the connection after this reply
     */
    record Reply(int status, String contentType, long length, byte[] body, boolean close) {
        static boolean isImage(int status, String contentType) {
            return status == 200 && (contentType.startsWith("image/jpeg") || contentType.startsWith("image/png"));
        }

        boolean isImage() {
            return isImage(status, contentType);
        }
    }
}
