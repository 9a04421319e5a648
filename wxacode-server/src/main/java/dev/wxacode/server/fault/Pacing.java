package dev.wxacode.server.fault;

import io.javalin.http.Context;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.OptionalInt;

/**
 * Replies whose body a fault rule slows: the body is sent in tenths of the pace, each after a
 * tenth of a second, so a client reading it sees a server that answers slowly, byte by byte.
 */
public final class Pacing {
    private static final String PACE = "wxacode.fault.pace";
    private static final int STEPS_A_SECOND = 10;

    private Pacing() {
    }

    /** Marks the call's reply for pacing, when a rule asked for it. */
    public static void mark(Context ctx, OptionalInt bytesPerSecond) {
        bytesPerSecond.ifPresent(pace -> ctx.attribute(PACE, pace));
    }

    /** After the reply is made (served or refused): its body is replaced by the same bytes, paced. */
    public static void apply(Context ctx, Faults.Sleeper sleeper) {
        Integer pace = ctx.attribute(PACE);
        InputStream body = ctx.resultInputStream();
        if (pace == null || body == null) {
            return;
        }
        try {
            ctx.result(new Paced(body.readAllBytes(), pace, sleeper));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bytes, a step's worth per read, each read after a step's wait. */
    static final class Paced extends InputStream {
        private final ByteArrayInputStream bytes;
        private final int step;
        private final Faults.Sleeper sleeper;

        Paced(byte[] bytes, int bytesPerSecond, Faults.Sleeper sleeper) {
            this.bytes = new ByteArrayInputStream(bytes);
            this.step = Math.max(1, bytesPerSecond / STEPS_A_SECOND);
            this.sleeper = sleeper;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (bytes.available() == 0) {
                return -1;
            }
            sleeper.sleep(Duration.ofSeconds(1).dividedBy(STEPS_A_SECOND));
            return bytes.read(buffer, offset, Math.min(length, step));
        }
    }
}
