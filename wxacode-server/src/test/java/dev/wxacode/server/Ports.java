package dev.wxacode.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Loopback ports for servers the tests start themselves and may restart on the same port (Redis,
 * nginx). Taken below 32768, where Linux does not pick the local ports of outgoing connections:
 * between a check and a (re)bind, no client connection can take the port, and a client retrying
 * a dead port cannot end up connected to itself.
 */
public final class Ports {
    private static final int FROM = 20_000;
    private static final int UNTIL = 32_768;

    private Ports() {
    }

    public static int free() {
        for (int attempt = 0; attempt < 1000; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(FROM, UNTIL);
            try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return probe.getLocalPort();
            } catch (IOException taken) {
                // Someone has it: try another.
            }
        }
        throw new IllegalStateException("no free loopback port between " + FROM + " and " + UNTIL);
    }
}
