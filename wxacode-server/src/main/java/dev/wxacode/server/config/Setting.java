package dev.wxacode.server.config;

/**
 * Every configuration key: its place in the YAML file, its environment variable, its default and
 * what it does. An environment variable wins over the file, the file over the default.
 */
public enum Setting {
    BIND("http.bind", "WXACODE_BIND", "127.0.0.1", "Address to listen on; 0.0.0.0 for every interface."),
    PORT("http.port", "WXACODE_PORT", "8080", "TCP port; 0 picks a free one."),
    PATH_PREFIX("http.path_prefix", "WXACODE_PATH_PREFIX", "", "Also serve every endpoint under this prefix, e.g. /wxacode."),
    PUBLIC_URL("http.public_url", "WXACODE_PUBLIC_URL", "", "Base URL that codes point to; default http://<bind>:<port>."),
    MAX_BODY_BYTES("http.max_body_bytes", "WXACODE_MAX_BODY_BYTES", "65536", "Largest JSON request body, in bytes."),
    MAX_UPLOAD_BYTES("http.max_upload_bytes", "WXACODE_MAX_UPLOAD_BYTES", "5242880", "Largest image upload (scan, logo), in bytes."),
    IDLE_TIMEOUT("http.idle_timeout", "WXACODE_IDLE_TIMEOUT", "30s", "Close a connection that sends nothing for this long (slow bodies included)."),
    SHUTDOWN_TIMEOUT("http.shutdown_timeout", "WXACODE_SHUTDOWN_TIMEOUT", "10s", "On stop (SIGTERM), how long requests in flight may take to finish."),
    DRAIN_DELAY("http.drain_delay", "WXACODE_DRAIN_DELAY", "0s", "On stop (SIGTERM), how long /healthz answers 503 draining while requests are still served, before the node stops accepting: set it above the load balancer's health-check interval times its failure threshold."),
    MIN_REQUEST_DATA_RATE("http.min_request_data_rate", "WXACODE_MIN_REQUEST_DATA_RATE", "1024", "Bytes per second a request body must average, past 2 s, while the server waits for it, or the request is cut (slow-body attacks); 0 turns it off."),
    MAX_THREADS_PER_CLIENT("http.max_threads_per_client", "WXACODE_MAX_THREADS_PER_CLIENT", "50", "Request threads one client address may hold at once; more wait without a thread. 0 turns it off."),
    MAX_THREADS("http.max_threads", "WXACODE_MAX_THREADS", "200", "Request threads; requests beyond wait in Jetty's queue."),
    TRUSTED_PROXIES("http.trusted_proxies", "WXACODE_TRUSTED_PROXIES", "", "Load balancers whose X-Forwarded-For header names the caller for apps' IP whitelists: addresses or CIDR ranges, comma-separated, e.g. 10.0.0.5; every address in a range is believed. Empty: the caller is the TCP peer."),
    DATA_DIR("storage.data_dir", "WXACODE_DATA_DIR", "./data", "Directory of the embedded database and the master key file."),
    DB_URL("storage.db_url", "WXACODE_DB_URL", "", "JDBC URL of a PostgreSQL database shared by every node, e.g. jdbc:postgresql://db:5432/wxacode; empty keeps the embedded database in the data directory. Needs WXACODE_MASTER_KEY."),
    DB_USER("storage.db_user", "WXACODE_DB_USER", "", "PostgreSQL user (or give it in the URL)."),
    DB_PASSWORD("storage.db_password", "WXACODE_DB_PASSWORD", "", "PostgreSQL password (never logged)."),
    DB_POOL_SIZE("storage.db_pool_size", "WXACODE_DB_POOL_SIZE", "10", "Connections this node keeps to PostgreSQL at most."),
    REDIS_URL("storage.redis_url", "WXACODE_REDIS_URL", "", "Redis shared by every node, e.g. redis://cache:6379 (redis://:password@host, rediss:// for TLS): makes the per-minute limits one limit across nodes. Empty: each node counts its own."),
    REDIS_TIMEOUT("storage.redis_timeout", "WXACODE_REDIS_TIMEOUT", "500ms", "How long a Redis command may take before Redis counts as unreachable."),
    REDIS_FAIL_OPEN("storage.redis_fail_open", "WXACODE_REDIS_FAIL_OPEN", "true", "While Redis is unreachable: true counts the per-minute limits on this node alone and keeps serving; false answers -1 to the calls those limits guard."),
    ADMIN_KEY("admin.key", "WXACODE_ADMIN_KEY", "", "Bearer key that opens /admin; empty keeps the admin API closed."),
    SEED("seed.file", "WXACODE_SEED", "", "JSON or YAML file of apps and releases, applied at every start."),
    DEMO("seed.demo", "WXACODE_DEMO", "true", "Create a demo app on first start when no seed file is given."),
    MASTER_KEY("signing.master_key", "WXACODE_MASTER_KEY", "", "Base64 key (32 bytes) that encrypts signing keys at rest; default: a key file in the data dir."),
    SIGNING_KEYS("signing.keys", "WXACODE_SIGNING_KEYS", "", "Fixed signing keys as kid:base64 pairs, comma-separated, first one active; default: generated and stored."),
    RATE_LIMIT_PER_MINUTE("limits.rate_limit_per_minute", "WXACODE_RATE_LIMIT_PER_MINUTE", "5000", "getwxacodeunlimit calls per app per minute (45009 beyond); 0 turns the limit off."),
    TOKEN_DAILY_LIMIT("limits.token_daily_limit", "WXACODE_TOKEN_DAILY_LIMIT", "2000", "/cgi-bin/token calls per app per day."),
    STABLE_TOKEN_PER_MINUTE("limits.stable_token_per_minute", "WXACODE_STABLE_TOKEN_PER_MINUTE", "10000", "/cgi-bin/stable_token calls per app per minute."),
    STABLE_TOKEN_DAILY_LIMIT("limits.stable_token_daily_limit", "WXACODE_STABLE_TOKEN_DAILY_LIMIT", "500000", "/cgi-bin/stable_token calls per app per day."),
    FORCE_REFRESH_DAILY_LIMIT("limits.force_refresh_daily_limit", "WXACODE_FORCE_REFRESH_DAILY_LIMIT", "20", "stable_token force_refresh calls per app per day."),
    QUOTA_ZONE("limits.quota_zone", "WXACODE_QUOTA_ZONE", "Asia/Shanghai", "Time zone whose midnight resets daily quotas."),
    RENDER_CONCURRENCY("limits.render_concurrency", "WXACODE_RENDER_CONCURRENCY", "0", "Codes rendered or uploaded images decoded at once; 0 means one per CPU core."),
    RENDER_QUEUE_LENGTH("limits.render_queue_length", "WXACODE_RENDER_QUEUE_LENGTH", "100", "Requests that may wait for a render or image-decoding slot; more answer -1 at once."),
    RENDER_QUEUE_TIMEOUT("limits.render_queue_timeout", "WXACODE_RENDER_QUEUE_TIMEOUT", "10s", "How long a request waits for a render slot before answering -1."),
    CODE_CACHE_BYTES("limits.code_cache_bytes", "WXACODE_CODE_CACHE_BYTES", "67108864", "Memory for finished code images, in bytes (64 MiB); a repeated identical request is answered from it without drawing again. 0 turns the cache off."),
    MAX_PAGES_PER_APP("limits.max_pages_per_app", "WXACODE_MAX_PAGES_PER_APP", "60000", "Distinct pages an app's codes may name (check_path false lets unpublished pages in); 41030 beyond."),
    MAX_SCAN_PIXELS("limits.max_scan_pixels", "WXACODE_MAX_SCAN_PIXELS", "16777216", "Largest width x height of an uploaded image."),
    STRICT_FIELDS("limits.reject_unknown_fields", "WXACODE_REJECT_UNKNOWN_FIELDS", "true", "Answer 47001 to unknown JSON keys, as WeChat does."),
    REQUEST_LOG_SIZE("requests.log_size", "WXACODE_REQUEST_LOG_SIZE", "100", "Calls the request log keeps per app (GET /admin/apps/{appid}/requests, wxacode logs); in memory, for 256 apps, the least used forgotten first. 0 turns the log off."),
    REQUEST_LOG_PERSIST("requests.persist", "WXACODE_REQUEST_LOG_PERSIST", "false", "Keep the request log in the database: it outlives a restart and is one log for every node, at the cost of a database write per call.");

    private final String key;
    private final String envName;
    private final String defaultValue;
    private final String description;

    Setting(String key, String envName, String defaultValue, String description) {
        this.key = key;
        this.envName = envName;
        this.defaultValue = defaultValue;
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

    public String description() {
        return description;
    }
}
