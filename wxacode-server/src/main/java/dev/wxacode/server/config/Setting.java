package dev.wxacode.server.config;

/**
 * Every configuration key: its place in the YAML file, its environment variable, its default, the
 * values it takes and what it does. An environment variable wins over the file, the file over the
 * default.
 */
public enum Setting {
    BIND("http.bind", "WXACODE_BIND", "127.0.0.1", Type.REQUIRED, "Address to listen on; 0.0.0.0 for every interface."),
    PORT("http.port", "WXACODE_PORT", "8080", Type.whole(0, 65535), "TCP port; 0 picks a free one."),
    PATH_PREFIX("http.path_prefix", "WXACODE_PATH_PREFIX", "", Type.TEXT, "Also serve every endpoint under this prefix, e.g. /wxacode."),
    PUBLIC_URL("http.public_url", "WXACODE_PUBLIC_URL", "", Type.TEXT, "Base URL that codes point to; default http://<bind>:<port>."),
    MAX_BODY_BYTES("http.max_body_bytes", "WXACODE_MAX_BODY_BYTES", "65536", Type.whole(1024, 16 * 1024 * 1024), "Largest JSON request body, in bytes."),
    MAX_UPLOAD_BYTES("http.max_upload_bytes", "WXACODE_MAX_UPLOAD_BYTES", "5242880", Type.whole(1024, 64 * 1024 * 1024), "Largest image upload (scan, logo), in bytes."),
    REFUSE_CHUNKED_BODIES("http.refuse_chunked_bodies", "WXACODE_REFUSE_CHUNKED_BODIES", "false", Type.BOOLEAN, "Answer a WeChat POST whose body is chunked (Transfer-Encoding: chunked, no Content-Length) as WeChat does: HTTP 412 with an empty body. Off, the body is read and the request log warns."),
    IDLE_TIMEOUT("http.idle_timeout", "WXACODE_IDLE_TIMEOUT", "30s", Type.DURATION, "Close a connection that sends nothing for this long (slow bodies included)."),
    HEADER_TIMEOUT("http.header_timeout", "WXACODE_HEADER_TIMEOUT", "10s", Type.DURATION, "How long a request's line and headers may take from its first byte, whatever arrives meanwhile; past it, 408 and the connection closed. 0s turns it off."),
    SHUTDOWN_TIMEOUT("http.shutdown_timeout", "WXACODE_SHUTDOWN_TIMEOUT", "10s", Type.DURATION, "On stop (SIGTERM), how long requests in flight may take to finish."),
    DRAIN_DELAY("http.drain_delay", "WXACODE_DRAIN_DELAY", "0s", Type.DURATION, "On stop (SIGTERM), how long /healthz answers 503 draining while requests are still served, before the node stops accepting: set it above the load balancer's health-check interval times its failure threshold."),
    MIN_REQUEST_DATA_RATE("http.min_request_data_rate", "WXACODE_MIN_REQUEST_DATA_RATE", "1024", Type.whole(0, Integer.MAX_VALUE), "Bytes per second a request body must average, past 2 s, while the server waits for it, or the request is cut (47001 on WeChat's endpoints, 990408 on ours); 0 turns it off."),
    MAX_THREADS_PER_CLIENT("http.max_threads_per_client", "WXACODE_MAX_THREADS_PER_CLIENT", "50", Type.whole(0, 10_000), "Request threads one client address may hold at once; more wait without a thread. 0 turns it off."),
    MAX_THREADS("http.max_threads", "WXACODE_MAX_THREADS", "200", Type.whole(8, 10_000), "Request threads; requests beyond wait in Jetty's queue."),
    TRUSTED_PROXIES("http.trusted_proxies", "WXACODE_TRUSTED_PROXIES", "", Type.TEXT, "Load balancers whose X-Forwarded-For header names the caller for apps' IP whitelists: addresses or CIDR ranges, comma-separated, e.g. 10.0.0.5; every address in a range is believed. Empty: the caller is the TCP peer."),
    DATA_DIR("storage.data_dir", "WXACODE_DATA_DIR", "./data", Type.REQUIRED, "Directory of the embedded database and the master key file."),
    DB_URL("storage.db_url", "WXACODE_DB_URL", "", Type.TEXT, "JDBC URL of a PostgreSQL database shared by every node, e.g. jdbc:postgresql://db:5432/wxacode; empty keeps the embedded database in the data directory. Needs WXACODE_MASTER_KEY."),
    DB_USER("storage.db_user", "WXACODE_DB_USER", "", Type.TEXT, "PostgreSQL user (or give it in the URL)."),
    DB_PASSWORD("storage.db_password", "WXACODE_DB_PASSWORD", "", Type.TEXT, "PostgreSQL password (never logged)."),
    DB_POOL_SIZE("storage.db_pool_size", "WXACODE_DB_POOL_SIZE", "10", Type.whole(1, 1000), "Connections this node keeps to PostgreSQL at most."),
    REDIS_URL("storage.redis_url", "WXACODE_REDIS_URL", "", Type.TEXT, "Redis shared by every node, e.g. redis://cache:6379 (redis://:password@host, rediss:// for TLS): makes the per-minute limits one limit across nodes. Empty: each node counts its own."),
    REDIS_TIMEOUT("storage.redis_timeout", "WXACODE_REDIS_TIMEOUT", "500ms", Type.DURATION, "How long a Redis command may take before Redis counts as unreachable."),
    REDIS_FAIL_OPEN("storage.redis_fail_open", "WXACODE_REDIS_FAIL_OPEN", "true", Type.BOOLEAN, "While Redis is unreachable: true counts the per-minute limits on this node alone and keeps serving; false answers -1 to the calls those limits guard."),
    ADMIN_KEY("admin.key", "WXACODE_ADMIN_KEY", "", Type.TEXT, "Bearer key that opens /admin; empty keeps the admin API closed."),
    SEED("seed.file", "WXACODE_SEED", "", Type.TEXT, "JSON or YAML file of apps and releases, applied at every start."),
    DEMO("seed.demo", "WXACODE_DEMO", "true", Type.BOOLEAN, "Create a demo app on first start when no seed file is given."),
    MASTER_KEY("signing.master_key", "WXACODE_MASTER_KEY", "", Type.TEXT, "Base64 key (32 bytes) that encrypts signing keys at rest; default: a key file in the data dir."),
    SIGNING_KEYS("signing.keys", "WXACODE_SIGNING_KEYS", "", Type.TEXT, "Fixed signing keys as kid:base64 pairs, comma-separated, first one active; default: generated and stored."),
    RATE_LIMIT_PER_MINUTE("limits.rate_limit_per_minute", "WXACODE_RATE_LIMIT_PER_MINUTE", "5000", Type.whole(0, Integer.MAX_VALUE), "getwxacodeunlimit calls per app per minute (45009 beyond); 0 turns the limit off."),
    TOKEN_DAILY_LIMIT("limits.token_daily_limit", "WXACODE_TOKEN_DAILY_LIMIT", "2000", Type.whole(1, Integer.MAX_VALUE), "/cgi-bin/token calls per app per day."),
    STABLE_TOKEN_PER_MINUTE("limits.stable_token_per_minute", "WXACODE_STABLE_TOKEN_PER_MINUTE", "10000", Type.whole(1, Integer.MAX_VALUE), "/cgi-bin/stable_token calls per app per minute."),
    STABLE_TOKEN_DAILY_LIMIT("limits.stable_token_daily_limit", "WXACODE_STABLE_TOKEN_DAILY_LIMIT", "500000", Type.whole(1, Integer.MAX_VALUE), "/cgi-bin/stable_token calls per app per day."),
    FORCE_REFRESH_DAILY_LIMIT("limits.force_refresh_daily_limit", "WXACODE_FORCE_REFRESH_DAILY_LIMIT", "20", Type.whole(1, Integer.MAX_VALUE), "stable_token force_refresh calls per app per day."),
    QUOTA_ZONE("limits.quota_zone", "WXACODE_QUOTA_ZONE", "Asia/Shanghai", Type.ZONE, "Time zone whose midnight resets daily quotas."),
    RENDER_CONCURRENCY("limits.render_concurrency", "WXACODE_RENDER_CONCURRENCY", "0", Type.whole(0, 4096), "Codes rendered or uploaded images decoded at once; 0 means one per CPU core."),
    RENDER_QUEUE_LENGTH("limits.render_queue_length", "WXACODE_RENDER_QUEUE_LENGTH", "100", Type.whole(0, 100_000), "Requests that may wait for a render or image-decoding slot; more answer -1 at once."),
    RENDER_QUEUE_TIMEOUT("limits.render_queue_timeout", "WXACODE_RENDER_QUEUE_TIMEOUT", "10s", Type.DURATION, "How long a request waits for a render slot before answering -1."),
    CODE_CACHE_BYTES("limits.code_cache_bytes", "WXACODE_CODE_CACHE_BYTES", "67108864", Type.whole(0, Long.MAX_VALUE), "Memory for finished code images, in bytes (64 MiB); a repeated identical request is answered from it without drawing again. 0 turns the cache off."),
    JPEG_BLOCKS("limits.jpeg_blocks", "WXACODE_JPEG_BLOCKS", "200000", Type.whole(0, 10_000_000), "Coded 8x8 JPEG blocks the renderer keeps between images (a few thousand cover every width in one colour; each about 150 bytes with its map entry); past this many the store starts again. 0 keeps none beyond each image."),
    MAX_PAGES_PER_APP("limits.max_pages_per_app", "WXACODE_MAX_PAGES_PER_APP", "60000", Type.whole(1, Integer.MAX_VALUE), "Distinct pages an app's codes may name (check_path false lets unpublished pages in); 41030 beyond."),
    LIMITED_CODES_PER_APP("limits.limited_codes_per_app", "WXACODE_LIMITED_CODES_PER_APP", "100000", Type.whole(1, Integer.MAX_VALUE), "Codes an app may have from /wxa/getwxacode and /cgi-bin/wxaapp/createwxaqrcode together, 45029 beyond; the same path and env_version again is the same code and counts once."),
    GET_CODE_DAILY_LIMIT("limits.getwxacode_daily_limit", "WXACODE_GETWXACODE_DAILY_LIMIT", "10000", Type.whole(1, Integer.MAX_VALUE), "/wxa/getwxacode calls per app per day (45009 beyond)."),
    LINK_DAILY_LIMIT("limits.link_daily_limit", "WXACODE_LINK_DAILY_LIMIT", "500000", Type.whole(1, Integer.MAX_VALUE), "URL Schemes and URL Links an app may generate per day, together (44993 beyond)."),
    LINK_VISIT_DAILY_LIMIT("limits.link_visit_daily_limit", "WXACODE_LINK_VISIT_DAILY_LIMIT", "6000000", Type.whole(1, Integer.MAX_VALUE), "Openings of an app's URL Schemes and URL Links per day, together (85406 beyond)."),
    PERMANENT_SHORT_LINKS_PER_APP("limits.permanent_short_links_per_app", "WXACODE_PERMANENT_SHORT_LINKS_PER_APP", "100000", Type.whole(1, Integer.MAX_VALUE), "Permanent Short Links (is_permanent) an app may make in its life (85400 beyond)."),
    MAX_SCAN_PIXELS("limits.max_scan_pixels", "WXACODE_MAX_SCAN_PIXELS", "16777216", Type.whole(10_000, Integer.MAX_VALUE), "Largest width x height of an uploaded image."),
    STRICT_FIELDS("limits.reject_unknown_fields", "WXACODE_REJECT_UNKNOWN_FIELDS", "true", Type.BOOLEAN, "Answer 47001 to unknown JSON keys, as WeChat does."),
    REQUEST_LOG_SIZE("requests.log_size", "WXACODE_REQUEST_LOG_SIZE", "100", Type.whole(0, 100_000), "Calls the request log keeps per app (GET /admin/apps/{appid}/requests, wxacode logs); in memory, for 256 apps, the least used forgotten first. 0 turns the log off."),
    REQUEST_LOG_PERSIST("requests.persist", "WXACODE_REQUEST_LOG_PERSIST", "false", Type.BOOLEAN, "Keep the request log in the database: it outlives a restart and is one log for every node, at the cost of a database write per call.");

    private final String key;
    private final String envName;
    private final String defaultValue;
    private final Type type;
    private final String description;

    Setting(String key, String envName, String defaultValue, Type type, String description) {
        this.key = key;
        this.envName = envName;
        this.defaultValue = defaultValue;
        this.type = type;
        this.description = description;
    }

    /** Dotted path in the configuration file, e.g. {@code http.port}. */
    public String key() {
        return key;
    }

    /** The environment variable that overrides the file, e.g. {@code WXACODE_PORT}. */
    public String envName() {
        return envName;
    }

    public String defaultValue() {
        return defaultValue;
    }

    /** What values the setting takes; {@link ConfigLoader} refuses any other, naming the setting. */
    public Type type() {
        return type;
    }

    public String description() {
        return description;
    }

    /**
     * The kind of a setting's value and, for a number, its range. Values of the kinds below are
     * checked by the kind alone; settings with more structure (URLs, address ranges, keys) are
     * {@link #TEXT} here and checked as a whole by {@link ConfigLoader}.
     *
     * @param min the least whole number allowed, for {@link Kind#WHOLE}
     * @param max the greatest, for {@link Kind#WHOLE}
     */
    public record Type(Kind kind, long min, long max) {
        public enum Kind { TEXT, REQUIRED, WHOLE, BOOLEAN, DURATION, ZONE }

        static final Type TEXT = new Type(Kind.TEXT, 0, 0);
        static final Type REQUIRED = new Type(Kind.REQUIRED, 0, 0);
        static final Type BOOLEAN = new Type(Kind.BOOLEAN, 0, 0);
        static final Type DURATION = new Type(Kind.DURATION, 0, 0);
        static final Type ZONE = new Type(Kind.ZONE, 0, 0);

        static Type whole(long min, long max) {
            return new Type(Kind.WHOLE, min, max);
        }

        /** A whole number's range as the documents write it: "from 0 to 65535", or "from 1 up". */
        public String range() {
            boolean unbounded = max == Integer.MAX_VALUE || max == Long.MAX_VALUE;
            return "from " + min + (unbounded ? " up" : " to " + max);
        }

        /** What a value must be, as an error message ends: "must be " + this. */
        public String expected() {
            return switch (kind) {
                case TEXT -> "text";
                case REQUIRED -> "a value";
                case WHOLE -> "an integer " + range();
                case BOOLEAN -> "true or false";
                case DURATION -> "a duration such as 500ms, 30s, 5m or 1h";
                case ZONE -> "a time zone such as Asia/Shanghai or UTC";
            };
        }
    }
}
