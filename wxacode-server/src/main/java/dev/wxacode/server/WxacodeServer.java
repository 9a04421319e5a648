package dev.wxacode.server;

import dev.wxacode.core.wire.Errcode;
import dev.wxacode.core.wire.WxException;
import dev.wxacode.server.config.ServerConfig;
import dev.wxacode.server.internal.admin.AdminAuth;
import dev.wxacode.server.internal.admin.ConsoleSessions;
import dev.wxacode.server.internal.code.CodeRoutes;
import dev.wxacode.server.internal.code.JettyCodes;
import dev.wxacode.server.internal.code.JumpRoutes;
import dev.wxacode.server.internal.console.ConsoleRoutes;
import dev.wxacode.server.internal.fault.FaultAdminRoutes;
import dev.wxacode.server.internal.fault.Faults;
import dev.wxacode.server.internal.fault.Pacing;
import dev.wxacode.server.internal.http.Bodies;
import dev.wxacode.server.internal.http.ChunkedHttp10;
import dev.wxacode.server.internal.http.ErrorMapper;
import dev.wxacode.server.internal.http.ExactContentType;
import dev.wxacode.server.internal.http.HeaderDeadline;
import dev.wxacode.server.internal.http.Exchange;
import dev.wxacode.server.internal.http.IgnoredRequestHeaders;
import dev.wxacode.server.internal.http.JettyErrors;
import dev.wxacode.server.internal.http.LingeringClose;
import dev.wxacode.server.internal.http.MinBodyRate;
import dev.wxacode.server.internal.http.Replies;
import dev.wxacode.server.internal.http.RequestId;
import dev.wxacode.server.internal.http.Routes;
import dev.wxacode.server.internal.http.WireJson;
import dev.wxacode.server.internal.link.LinkRoutes;
import dev.wxacode.server.internal.observe.AccessLog;
import dev.wxacode.server.internal.observe.Metrics;
import dev.wxacode.server.internal.observe.ObserveRoutes;
import dev.wxacode.server.internal.registry.RegistryAdminRoutes;
import dev.wxacode.server.internal.requests.RequestLogRoutes;
import dev.wxacode.server.internal.requests.RidRoutes;
import dev.wxacode.server.internal.scan.ScanRoutes;
import dev.wxacode.server.internal.signing.KeyAdminRoutes;
import dev.wxacode.server.internal.token.QuotaRoutes;
import dev.wxacode.server.internal.token.TokenAdminRoutes;
import dev.wxacode.server.internal.token.TokenRoutes;
import dev.wxacode.server.registry.DemoCredentials;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.config.JavalinConfig;
import io.javalin.config.SizeUnit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.ThreadLimitHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running wxacode server: storage, keys, services and HTTP, wired together. Start one with
 * {@link #start(ServerConfig)}; close it to release its port and database.
 */
public final class WxacodeServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WxacodeServer.class);

    private final Engine engine;
    private final Javalin javalin;
    private final List<Routes.Route> routes;
    private final String localUrl;
    private final String publicUrl;
    private final AtomicBoolean draining;

    private WxacodeServer(Engine engine, Javalin javalin, List<Routes.Route> routes, String localUrl, String publicUrl,
                          AtomicBoolean draining) {
        this.engine = engine;
        this.javalin = javalin;
        this.routes = routes;
        this.localUrl = localUrl;
        this.publicUrl = publicUrl;
        this.draining = draining;
    }

    public static WxacodeServer start(ServerConfig config) {
        return start(config, Clock.systemUTC(), new SecureRandom());
    }

    /**
     * @param clock  every time the server reads: token lifetimes, limits, quotas, request ids
     * @param random every secret the server makes: tokens, secrets, keys, salts
     */
    public static WxacodeServer start(ServerConfig config, Clock clock, SecureRandom random) {
        return start(config, clock, random, Faults.Sleeper.REAL);
    }

    /** @param sleeper how fault rules' delays wait; tests move their clock instead */
    static WxacodeServer start(ServerConfig config, Clock clock, SecureRandom random, Faults.Sleeper sleeper) {
        // Bound before anything else is made, so that the links inside codes know the port (a free
        // one, for port 0) from the first request on.
        ServerSocketChannel listening = listen(config.http());
        try {
            Engine engine = Engine.open(config, config.http().publicUrlFor(listening.socket().getLocalPort()), clock,
                    random, sleeper);
            try {
                return serve(engine, listening, clock, random);
            } catch (RuntimeException e) {
                engine.close();
                throw e;
            }
        } catch (RuntimeException e) {
            closeQuietly(listening);
            throw e;
        }
    }

    private static ServerSocketChannel listen(ServerConfig.Http http) {
        ServerSocketChannel channel = null;
        try {
            channel = ServerSocketChannel.open();
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(new InetSocketAddress(http.bind(), http.port()));
            return channel;
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            throw new IllegalStateException("cannot listen on " + http.bind() + ":" + http.port() + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(ServerSocketChannel channel) {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            // Nothing was served on it.
        }
    }

    private static WxacodeServer serve(Engine engine, ServerSocketChannel listening, Clock clock, SecureRandom random) {
        ServerConfig config = engine.config;
        ServerConfig.Http http = config.http();
        ServerConfig.Bodies bodies = config.bodies();
        AdminAuth adminAuth = new AdminAuth(config.admin().key(), new ConsoleSessions(clock, random));
        RequestId requestIds = new RequestId(clock, random);
        AccessLog accessLog = new AccessLog(engine.metrics);

        AtomicReference<Routes> registered = new AtomicReference<>();
        AtomicBoolean draining = new AtomicBoolean();
        Javalin javalin = Javalin.create(javalinConfig -> {
            configureJetty(javalinConfig, listening, config.connections(), bodies, requestIds, engine.metrics,
                    new JettyCodes(engine.codes, http.pathPrefix(), bodies.jsonBytes(), requestIds, clock, engine.requests,
                            engine.callers, accessLog, engine.faults.sleeper()));
            javalinConfig.requestLogger.http(accessLog::record);
            javalinConfig.routes.before(ctx -> {
                Exchange.begin(ctx, requestIds.next(), clock.instant());
                Bodies.limit(ctx, bodies);
            });
            javalinConfig.routes.after(ctx -> Bodies.drain(ctx, bodies.uploadBytes()));
            // Logged before a slow-body rule paces the answer out, so whoever got the answer finds the call.
            javalinConfig.routes.after(engine.requests::record);
            javalinConfig.routes.after(ctx -> Pacing.apply(ctx, engine.faults.sleeper()));
            javalinConfig.routes.exception(WxException.class, ErrorMapper::handle);
            javalinConfig.routes.exception(Faults.Dropped.class, (e, ctx) -> ErrorMapper.drop(ctx));
            javalinConfig.routes.exception(Exception.class, ErrorMapper::handleUnexpected);
            javalinConfig.routes.error(404, ctx -> ErrorMapper.replyIfUnanswered(ctx, Errcode.NOT_FOUND));
            javalinConfig.routes.error(405, ctx -> ErrorMapper.replyIfUnanswered(ctx, Errcode.METHOD_NOT_ALLOWED));

            Routes routes = new Routes(javalinConfig.routes, http.pathPrefix(), adminAuth);
            new TokenRoutes(engine.tokens, engine.callers, engine.faults).register(routes);
            new CodeRoutes(engine.codes, engine.registry).register(routes);
            new JumpRoutes(engine.jumps, engine.registry).register(routes);
            new QuotaRoutes(engine.tokens, engine.quotas, engine.minutes, config.tokens(),
                    config.codes(), engine.callers).register(routes);
            new LinkRoutes(engine.resolver).register(routes);
            new ScanRoutes(engine::scan).register(routes);
            new RegistryAdminRoutes(engine.registry, engine.cpu).register(routes);
            new KeyAdminRoutes(engine.keys).register(routes);
            new FaultAdminRoutes(engine.faults, engine.registry).register(routes);
            new TokenAdminRoutes(engine.tokens, engine.registry).register(routes);
            new RequestLogRoutes(engine.requests, engine.registry).register(routes);
            new RidRoutes(engine.tokens, engine.requests, clock).register(routes);
            new ConsoleRoutes(adminAuth, http.publicUrl().filter(url -> url.regionMatches(true, 0, "https:", 0, 6)).isPresent())
                    .register(routes);
            new ObserveRoutes(engine.database, engine.redis, engine.metrics, draining::get).register(routes);
            registered.set(routes);
        });
        javalin.start();

        String localUrl = http.localUrl(javalin.port());
        String publicUrl = http.publicUrlFor(javalin.port());
        log.info("event=started url={} public_url={} store=\"{}\" admin_api={} rate_limit_per_minute={}", localUrl,
                publicUrl, config.storage().describe(), config.admin().key().isPresent() ? "open" : "closed",
                config.codes().perMinute());
        return new WxacodeServer(engine, javalin, registered.get().list(), localUrl, publicUrl, draining);
    }

    private static void configureJetty(JavalinConfig config, ServerSocketChannel listening, ServerConfig.Connections connections,
                                       ServerConfig.Bodies bodies, RequestId requestIds, Metrics metrics,
                                       JettyCodes jettyCodes) {
        config.startup.showJavalinBanner = false;
        config.startup.showOldJavalinVersionWarning = false;
        config.startup.startupWatcherEnabled = false;
        // No SDK sends Accept-Encoding expecting a compressed image; WeChat does not compress.
        config.http.compressionStrategy = CompressionStrategy.NONE;
        config.http.prefer405over404 = true;
        // WxJava builds URLs by swapping the host, so an API host with a trailing slash gives "//wxa/…".
        config.router.treatMultipleSlashesAsSingleSlash = true;
        config.http.maxRequestSize = bodies.uploadBytes();
        config.jetty.multipartConfig.maxFileSize(bodies.uploadBytes(), SizeUnit.BYTES);
        config.jetty.multipartConfig.maxTotalRequestSize(bodies.uploadBytes() + 64L * 1024, SizeUnit.BYTES);
        config.jetty.multipartConfig.maxInMemoryFileSize(bodies.uploadBytes(), SizeUnit.BYTES);
        QueuedThreadPool threads = new QueuedThreadPool(connections.maxThreads(), Math.min(8, connections.maxThreads()));
        threads.setName("wxacode-http");
        config.jetty.threadPool = threads;
        config.jetty.addConnector((server, httpConfiguration) -> {
            HeaderDeadline headers = new HeaderDeadline(httpConfiguration, connections.headerTimeout(), requestIds);
            metrics.total("wxacode.header.timeouts", "Requests whose line and headers took longer than the header timeout",
                    headers, HeaderDeadline::cut);
            ServerConnector connector = new ServerConnector(server, headers);
            try {
                connector.open(listening);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            connector.setIdleTimeout(connections.idleTimeout().toMillis());
            return connector;
        });
        config.jetty.modifyServer(server -> {
            // Jetty's graceful stop (with the statistics handler Javalin installs) lets requests in
            // flight finish, up to this long, after the connector stops accepting.
            server.setStopTimeout(connections.shutdownTimeout().toMillis());
            server.setErrorHandler(new JettyErrors(requestIds));
            // Innermost of these, right above Javalin: every check on the way in holds for it too. Jetty's
            // graceful stop waits for what is in flight below a graceful handler, as below Javalin's own.
            server.insertHandler(jettyCodes);
            server.insertHandler(new GracefulHandler());
            server.insertHandler(new ExactContentType());
            server.insertHandler(new ChunkedHttp10());
            server.insertHandler(new IgnoredRequestHeaders());
            // Jetty's own minimum request data rate stays off: it fails bodies that have arrived (MinBodyRate).
            server.insertHandler(new MinBodyRate(connections.minRequestDataRate()));
            server.insertHandler(new LingeringClose());
            if (connections.maxThreadsPerClient() > 0) {
                // Past this, one address's requests wait without holding a thread: slow bodies from one
                // client cannot take every thread.
                ThreadLimitHandler perClient = new ThreadLimitHandler();
                perClient.setThreadLimit(connections.maxThreadsPerClient());
                server.insertHandler(perClient);
            }
        });
        // An Error (out of memory, say) escapes Javalin's exception handlers: still errcode JSON, never an empty 500.
        config.router.javaLangErrorHandler((response, error) -> {
            LoggerFactory.getLogger(ErrorMapper.class).error("event=fatal", error);
            response.setStatus(200);
            response.setContentType(Replies.JSON_CHARSET);
            byte[] body = WireJson.write(ErrorMapper.body(Errcode.SYSTEM_ERROR, Errcode.SYSTEM_ERROR.text(), requestIds.next()));
            response.setContentLength(body.length);
            try {
                response.getOutputStream().write(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The port the server listens on (useful when configured with port 0). */
    public int port() {
        return javalin.port();
    }

    /** {@code http://host:port} to reach this server from this machine. */
    public String localUrl() {
        return localUrl;
    }

    /** The base URL inside the codes. */
    public String publicUrl() {
        return publicUrl;
    }

    /** The demo app, when this server made one. */
    public Optional<DemoCredentials> demo() {
        return engine.demo;
    }

    /** Fault rules, the request log and tokens, for a test that drives them in-process (wxacode-junit). */
    public TestControl testControl() {
        return new TestControl(engine.faults, engine.requests, engine.tokens);
    }

    /** Every documented route. */
    List<Routes.Route> routes() {
        return routes;
    }

    /**
     * Stops gracefully: reports draining on {@code /healthz} for the drain delay while still
     * serving, then stops accepting, lets requests in flight finish (up to the shutdown timeout),
     * and closes the database pool.
     */
    @Override
    public void close() {
        Duration delay = engine.config.connections().drainDelay();
        if (draining.compareAndSet(false, true) && delay.isPositive()) {
            log.info("event=draining delay_ms={}", delay.toMillis());
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        javalin.stop();
        engine.close();
        log.info("event=stopped");
    }
}
