package dev.wxacode.server.internal.storage;

import dev.wxacode.server.config.ServerConfig;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The Redis server that the nodes of a cluster share, over one multiplexed Lettuce connection.
 *
 * <p>Lettuce reconnects a dropped connection by itself; while it is down, commands are refused at
 * once instead of queued, so an outage costs a request nothing, and a server that hangs costs it
 * at most the configured timeout. A server that cannot be reached when the node starts does not
 * stop the start: the first connection is tried again on use, at most once a second.
 */
public final class Redis implements AutoCloseable {
    private static final Duration RECONNECT_AT_MOST = Duration.ofSeconds(1);
    private static final long RETRY_NANOS = RECONNECT_AT_MOST.toNanos();

    private final ServerConfig.Redis config;
    private final ClientResources resources;
    private final RedisClient client;
    private volatile StatefulRedisConnection<byte[], byte[]> connection;
    private boolean attempted;
    private long nextAttemptNanos;

    private Redis(ServerConfig.Redis config) {
        this.config = config;
        RedisURI uri = RedisURI.create(config.url());
        uri.setTimeout(config.timeout());
        // Lettuce's default backoff reaches 30 s between reconnection attempts; a second keeps the
        // time from Redis's return to its use short.
        this.resources = DefaultClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(10), RECONNECT_AT_MOST, 2, TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(config.timeout()).build())
                .timeoutOptions(TimeoutOptions.enabled(config.timeout()))
                .build());
    }

    /** Prepares the client; nothing is sent until the first command. */
    public static Redis open(ServerConfig.Redis config) {
        return new Redis(config);
    }

    public ServerConfig.Redis config() {
        return config;
    }

    /**
     * The connection, made now if there is none yet.
     *
     * @throws RedisException when there is none and one cannot be made now
     */
    public StatefulRedisConnection<byte[], byte[]> connection() {
        StatefulRedisConnection<byte[], byte[]> current = connection;
        return current != null ? current : connect();
    }

    private synchronized StatefulRedisConnection<byte[], byte[]> connect() {
        if (connection != null) {
            return connection;
        }
        long now = System.nanoTime();
        if (attempted && now - nextAttemptNanos < 0) {
            throw new RedisConnectionException("no connection to " + config.location() + " yet; retrying every second");
        }
        attempted = true;
        nextAttemptNanos = now + RETRY_NANOS;
        connection = client.connect(ByteArrayCodec.INSTANCE);
        return connection;
    }

    /** Whether Redis answers a PING within the timeout. */
    public boolean isHealthy() {
        try {
            return "PONG".equals(connection().sync().ping());
        } catch (RedisException e) {
            return false;
        }
    }

    @Override
    public void close() {
        client.shutdown(Duration.ZERO, config.timeout());
        resources.shutdown(0, config.timeout().toMillis(), TimeUnit.MILLISECONDS);
    }
}
