package dev.wxacode.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a server is started with. Built by {@link ConfigLoader}; every value has been checked,
 * so a component can use it without checking again.
 */
public record ServerConfig(Http http, Connections connections, Bodies bodies, Storage storage, Admin admin,
                           Seed seed, Signing signing, Codes codes, Tokens tokens, Cpu cpu, Requests requests) {

    /** The defaults of {@link Setting}, with no file and no environment. */
    public static ServerConfig defaults() {
        return ConfigLoader.load(Optional.empty(), Map.of());
    }

    /**
     * Where the server listens and how it is reached.
     *
     * @param pathPrefix     empty, or a path such as {@code /wxacode} under which every route is served too
     * @param publicUrl      base of the links inside codes; empty means {@code http://<bind>:<port>}
     * @param trustedProxies load balancers whose {@code X-Forwarded-For} names the caller: addresses or ranges
     */
    public record Http(String bind, int port, String pathPrefix, Optional<String> publicUrl, List<String> trustedProxies) {

        /** {@code http://host:port} to reach a server listening on {@code port} from this machine. */
        public String localUrl(int listeningPort) {
            String host = bind.contains(":") ? "[" + bind + "]" : bind;
            return "http://" + (host.equals("0.0.0.0") || host.equals("[::]") ? "127.0.0.1" : host) + ":" + listeningPort;
        }

        /** The base of the links inside codes: the configured public URL, else {@link #localUrl}. */
        public String publicUrlFor(int listeningPort) {
            return publicUrl.orElseGet(() -> localUrl(listeningPort));
        }
    }

    /**
     * The body caps: one for JSON bodies, one for image uploads. The server sets them on every
     * request before its route runs, so that a route asks for the kind of body it takes, not for a
     * number.
     *
     * @param refuseChunked whether a WeChat POST with a chunked body gets WeChat's HTTP 412
     */
    public record Bodies(int jsonBytes, int uploadBytes, boolean refuseChunked) {
    }

    /**
     * What a connection may cost the server: Jetty's timeouts and threads.
     *
     * @param headerTimeout      how long a request's line and headers may take from its first byte
     * @param drainDelay         on stop, how long the node reports draining while still serving
     * @param minRequestDataRate bytes a second a waited-for body must average; 0 is no minimum
     * @param maxThreadsPerClient request threads one client address may hold; 0 is no limit
     */
    public record Connections(Duration idleTimeout, Duration headerTimeout, Duration shutdownTimeout, Duration drainDelay,
                              long minRequestDataRate, int maxThreadsPerClient, int maxThreads) {
    }

    /**
     * @param dataDir  the embedded database (unless {@code postgres} is set) and the master key file
     * @param postgres the shared database of a cluster; empty means the embedded one
     * @param redis    where the nodes of a cluster count per-minute limits together; empty: each node alone
     */
    public record Storage(Path dataDir, Optional<Postgres> postgres, Optional<Redis> redis) {
        /** For banners and logs: the data directory, or the database URL without its parameters (they may hold a password). */
        public String describe() {
            return postgres.map(p -> "PostgreSQL " + p.location())
                    .orElseGet(() -> dataDir.toAbsolutePath().toString());
        }
    }

    /** A PostgreSQL database; the password, and the URL's parameters that may hold one, stay out of {@link #toString}. */
    public record Postgres(String url, String user, String password, int poolSize) {
        /** The URL without its parameters. */
        public String location() {
            return url.replaceFirst("\\?.*", "");
        }

        @Override
        public String toString() {
            return "Postgres[url=" + location() + (url.contains("?") ? "?(parameters)" : "") + ", user=" + user
                    + ", password=" + (password.isEmpty() ? "(none)" : "(set)") + ", poolSize=" + poolSize + "]";
        }
    }

    /**
     * A Redis server; the URL's password stays out of {@link #toString}.
     *
     * @param timeout  longest wait for one command
     * @param failOpen while Redis is unreachable, count limits on this node alone rather than refuse
     */
    public record Redis(String url, Duration timeout, boolean failOpen) {
        /** The URL without its password. */
        public String location() {
            return url.replaceFirst("//[^@/]*@", "//");
        }

        @Override
        public String toString() {
            return "Redis[url=" + location() + ", timeout=" + timeout + ", failOpen=" + failOpen + "]";
        }
    }

    /** @param key the bearer key of {@code /admin}; empty keeps it closed */
    public record Admin(Optional<String> key) {
        @Override
        public String toString() {
            return "Admin[key=" + (key.isPresent() ? "(set)" : "(none)") + "]";
        }
    }

    /** @param demo create a demo app on first start when there is no seed file */
    public record Seed(Optional<Path> file, boolean demo) {
    }

    /**
     * @param masterKey 32 bytes that encrypt stored signing keys; empty means a key file in the data dir
     * @param keys      fixed signing keys, first one active; empty means generated and stored
     */
    public record Signing(Optional<byte[]> masterKey, List<FixedKey> keys) {
        @Override
        public String toString() {
            return "Signing[masterKey=" + (masterKey.isPresent() ? "(set)" : "(file)") + ", keys="
                    + keys.stream().map(k -> "kid " + k.kid()).toList() + "]";
        }
    }

    /** A signing key given in configuration. */
    public record FixedKey(int kid, byte[] secret) {
        @Override
        public String toString() {
            return "FixedKey[kid=" + kid + "]";
        }
    }

    /**
     * @param perMinute           getwxacodeunlimit calls per app per minute; 0 = no limit
     * @param rejectUnknownFields answer 47001 to body keys WeChat does not know
     * @param cacheBytes          memory for finished code images, in bytes; 0 = no cache
     * @param maxPagesPerApp      distinct pages an app's codes may name
     * @param maxLimitedCodesPerApp wxacode.get and createQRCode codes an app may have together
     * @param getCodeDaily        wxacode.get calls per app per day
     * @param linkDaily           URL Schemes and URL Links an app may generate a day, together
     * @param linkVisitDaily      openings of an app's URL Schemes and URL Links a day, together
     * @param maxPermanentShortLinks permanent Short Links an app may make in its life
     */
    public record Codes(int perMinute, boolean rejectUnknownFields, long cacheBytes, int maxPagesPerApp,
                        int maxLimitedCodesPerApp, int getCodeDaily, int linkDaily, int linkVisitDaily,
                        int maxPermanentShortLinks) {
    }

    /**
     * @param plainDaily     /cgi-bin/token calls per app per day
     * @param stablePerMinute /cgi-bin/stable_token calls per app per minute
     * @param quotaZone      whose midnight starts a new day for the daily quotas
     */
    public record Tokens(int plainDaily, int stablePerMinute, int stableDaily, int forceRefreshDaily, ZoneId quotaZone) {
    }

    /**
     * Rendering and image decoding: the slots they share, and the largest image decoded.
     *
     * @param concurrency   slots, at least 1
     * @param queueLength   requests that may wait for a slot
     * @param queueTimeout  how long one waits
     * @param maxScanPixels an uploaded image's largest width × height, checked before it is decoded
     * @param jpegBlocks    coded JPEG blocks the renderer keeps between images
     */
    public record Cpu(int concurrency, int queueLength, Duration queueTimeout, long maxScanPixels, int jpegBlocks) {
    }

    /**
     * @param logSize calls the request log keeps per app; 0 keeps none
     * @param persist keep them in the database rather than this node's memory
     */
    public record Requests(int logSize, boolean persist) {
    }
}
