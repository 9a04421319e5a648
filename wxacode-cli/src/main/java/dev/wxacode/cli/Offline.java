package dev.wxacode.cli;

import dev.wxacode.server.Engine;
import dev.wxacode.server.config.ServerConfig;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Locale;

/**
 * The server's engine, in this process, on its data directory: the same keys, apps and page
 * numbers, without HTTP. The embedded database admits one process at a time, so the server must
 * not be running on the same directory (or use a copy of it).
 */
final class Offline {
    private Offline() {
    }

    /** @throws IllegalStateException with a message for the user when the data directory is in use */
    static Engine open(ServerConfig config) {
        try {
            Engine engine = Engine.open(config, Clock.systemUTC(), new SecureRandom());
            return engine;
        } catch (RuntimeException e) {
            if (String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("already in use")) {
                throw new IllegalStateException("the data directory " + config.storage().dataDir()
                        + " is in use by a running server: stop it, or work through its API (without --offline)", e);
            }
            throw e;
        }
    }
}
