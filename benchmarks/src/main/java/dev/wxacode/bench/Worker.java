package dev.wxacode.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One connection's closed loop: a request, its whole reply, the next request. Replies that complete
 * inside the measured window go into the {@link Tally}; the one in flight when the window closes
 * is finished and dropped.
 */
final class Worker implements Runnable {
    /** After an I/O failure (server gone, connection refused), so a dead server is not spun on. */
    private static final long PAUSE_AFTER_FAILURE = TimeUnit.MILLISECONDS.toNanos(100);

    private final int id;
    private final Target target;
    private final Window window;
    private final Failures failures;
    private final CountDownLatch start;
    final Tally tally = new Tally();

    /**
     * @param run    prefix making this run's scenes differ from every earlier run's, so no server-side
     *               cache can answer what an earlier run asked for
     * @param token  the access token, valid for the whole run (two hours)
     * @param scenes how many scenes the run cycles through, 0 for a new one every time
     * @param gets   whole GET requests to cycle through instead of asking for codes (--get,
     *               --revalidate), empty for codes
     */
    record Target(String host, int port, String basePath, String token, String run, String page, int width,
                  boolean hyaline, int scenes, List<byte[]> gets) {
        Target {
            gets = List.copyOf(gets);
        }

        /** The same target, sending these requests in turn instead of asking for codes. */
        Target getting(List<byte[]> requests) {
            return new Target(host, port, basePath, token, run, page, width, hyaline, scenes, requests);
        }

        /** The body of getwxacodeunlimit for this scene. */
        String body(String scene) {
            return "{\"scene\":\"" + scene + "\",\"page\":" + LoadGenerator.jsonString(page) + ",\"width\":" + width
                    + ",\"check_path\":false" + (hyaline ? ",\"is_hyaline\":true}" : "}");
        }
    }

    /** Measured from {@code from} (inclusive) to {@code to} (exclusive), {@link System#nanoTime} values. */
    record Window(long from, long to) {
        boolean contains(long nanoTime) {
            return nanoTime - from >= 0 && nanoTime - to < 0;
        }
    }

    Worker(int id, Target target, Window window, Failures failures, CountDownLatch start) {
        this.id = id;
        this.target = target;
        this.window = window;
        this.failures = failures;
        this.start = start;
    }

    @Override
    public void run() {
        try {
            start.await();
        } catch (InterruptedException e) {
            return;
        }
        String head = "POST " + target.basePath() + "/wxa/getwxacodeunlimit?access_token=" + target.token()
                + " HTTP/1.1\r\nHost: " + target.host() + ":" + target.port()
                + "\r\nContent-Type: application/json\r\nContent-Length: ";
        HttpConnection connection = null;
        for (long n = 0; ; n++) {
            if (System.nanoTime() - window.to() >= 0) {
                break;
            }
            byte[] request;
            if (target.gets().isEmpty()) {
                String body = target.body(scene(target, id, n));
                // The head is ASCII, so the whole request in UTF-8 keeps the body's byte count.
                int length = body.getBytes(StandardCharsets.UTF_8).length;
                request = (head + length + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8);
            } else {
                request = target.gets().get((int) ((id + n) % target.gets().size()));
            }
            long sent = System.nanoTime();
            try {
                if (connection == null) {
                    connection = HttpConnection.open(target.host(), target.port());
                }
                HttpConnection.Reply reply = connection.exchange(request);
                long received = System.nanoTime();
                if (reply.close()) {
                    connection = close(connection);
                }
                if (reply.isImage() || reply.status() == 304 && !target.gets().isEmpty()) {
                    if (window.contains(received)) {
                        tally.success(received - sent, reply.length());
                    }
                } else {
                    countError(received);
                    failures.report("HTTP " + reply.status() + " " + reply.contentType() + ": "
                            + new String(reply.body(), StandardCharsets.UTF_8));
                }
            } catch (IOException | RuntimeException e) {
                connection = close(connection);
                countError(System.nanoTime());
                failures.report(e.toString());
                LockSupport.parkNanos(PAUSE_AFTER_FAILURE);
            }
        }
        close(connection);
    }

    private void countError(long when) {
        if (window.contains(when)) {
            tally.error();
        }
    }

    private static HttpConnection close(HttpConnection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (IOException e) {
                // Already broken; the next request opens a new one.
            }
        }
        return null;
    }

    /** This connection's {@code n}th scene: a new one, or the next of the run's few. */
    static String scene(Target target, int connection, long n) {
        return target.scenes() == 0 ? scene(target.run(), connection, n)
                : target.run() + ".s" + Long.toString((connection + n) % target.scenes(), 36);
    }

    /**
     * {@code <run>.<connection>.<n>}: unique, at most 32 characters from the scene alphabet (the run
     * prefix is 8 base-36 digits until 2059, then 20 characters are left for the two numbers).
     */
    static String scene(String run, int connection, long n) {
        return run + "." + Integer.toString(connection, 36) + "." + Long.toString(n, 36);
    }
}
