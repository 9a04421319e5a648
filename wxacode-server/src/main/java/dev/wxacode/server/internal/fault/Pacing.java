package dev.wxacode.server.internal.fault;

import dev.wxacode.server.internal.http.Exchange;
import io.javalin.http.Context;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.OptionalInt;

/**
 * Replies whose body a fault rule slows: the body goes out in steps of a tenth of the pace (at
 * least a byte), each flushed to the client and followed by its share of the second, so a client
 * reading it sees a server that answers slowly, byte by byte, not one that waits and then answers.
 * The whole reply takes at most {@link #AT_MOST}: the rest then goes at once, so a rule cannot hold
 * a request thread for longer.
 */
public final class Pacing {
    static final Duration AT_MOST = Duration.ofSeconds(60);
    private static final int STEPS_A_SECOND = 10;

    private Pacing() {
    }

    /** After the reply is made (served or refused): its body is replaced by the same bytes, paced. */
    public static void apply(Context ctx, Faults.Sleeper sleeper) {
        OptionalInt pace = Exchange.pace(ctx);
        InputStream body = ctx.resultInputStream();
        if (pace.isEmpty() || body == null) {
            return;
        }
        try {
            ctx.result(new Paced(body.readAllBytes(), pace.getAsInt(), ctx.res().getOutputStream(), sleeper));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a reply's whole body to {@code response} at {@code bytesPerSecond}, for a request answered in front of Javalin. */
    public static void write(byte[] body, int bytesPerSecond, OutputStream response, Faults.Sleeper sleeper)
            throws IOException {
        new Paced(body, bytesPerSecond, response, sleeper).transferTo(response);
    }

    /**
     * The bytes, a step per read. The server copies each read to the response, so before each
     * wait the previous step is flushed out to the client.
     */
    static final class Paced extends InputStream {
        private final ByteArrayInputStream bytes;
        private final int step;
        private final Duration wait;
        private final OutputStream response;
        private final Faults.Sleeper sleeper;
        private Duration waited = Duration.ZERO;

        Paced(byte[] bytes, int bytesPerSecond, OutputStream response, Faults.Sleeper sleeper) {
            this.bytes = new ByteArrayInputStream(bytes);
            this.step = Math.max(1, bytesPerSecond / STEPS_A_SECOND);
            this.wait = Duration.ofSeconds(1).multipliedBy(step).dividedBy(bytesPerSecond);
            this.response = response;
            this.sleeper = sleeper;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (bytes.available() == 0) {
                return -1;
            }
            if (waited.compareTo(AT_MOST) >= 0) {
                return bytes.read(buffer, offset, length);
            }
            response.flush();
            sleeper.sleep(wait);
            waited = waited.plus(wait);
            return bytes.read(buffer, offset, Math.min(length, step));
        }
    }
}
