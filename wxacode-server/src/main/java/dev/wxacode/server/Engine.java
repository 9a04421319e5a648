package dev.wxacode.server;

import dev.wxacode.core.code.CodeRequest;
import dev.wxacode.core.link.LinkCodec;
import dev.wxacode.core.link.LinkUrl;
import dev.wxacode.core.render.FastRenderer;
import dev.wxacode.core.render.ImageFormat;
import dev.wxacode.core.scan.CodeReader;
import dev.wxacode.core.style.PrintSize;
import dev.wxacode.core.style.StyledCodes;
import dev.wxacode.core.wire.Errcode;
import dev.wxacode.core.wire.WxException;
import dev.wxacode.server.code.RenderedCode;
import dev.wxacode.server.config.ServerConfig;
import dev.wxacode.server.internal.code.CodeCalls;
import dev.wxacode.server.internal.code.CodeService;
import dev.wxacode.server.internal.code.JumpCalls;
import dev.wxacode.server.internal.code.Styles;
import dev.wxacode.server.internal.code.WechatCaller;
import dev.wxacode.server.internal.fault.Faults;
import dev.wxacode.server.internal.fault.JdbcFaultStore;
import dev.wxacode.server.internal.http.CallerAddress;
import dev.wxacode.server.internal.link.Resolver;
import dev.wxacode.server.internal.observe.Metrics;
import dev.wxacode.server.internal.ratelimit.CpuSlots;
import dev.wxacode.server.internal.ratelimit.JdbcQuotaStore;
import dev.wxacode.server.internal.ratelimit.LocalRateLimiter;
import dev.wxacode.server.internal.ratelimit.MinuteLimits;
import dev.wxacode.server.internal.ratelimit.Quotas;
import dev.wxacode.server.internal.ratelimit.RateLimiter;
import dev.wxacode.server.internal.ratelimit.RedisRateLimiter;
import dev.wxacode.server.internal.ratelimit.SharedRateLimiter;
import dev.wxacode.server.internal.registry.DemoApp;
import dev.wxacode.server.internal.registry.JdbcRegistryStore;
import dev.wxacode.server.internal.registry.Registry;
import dev.wxacode.server.internal.registry.Seeder;
import dev.wxacode.server.internal.requests.JdbcRequestLogStore;
import dev.wxacode.server.internal.requests.RequestLog;
import dev.wxacode.server.internal.signing.JdbcSigningKeyStore;
import dev.wxacode.server.internal.signing.MasterKey;
import dev.wxacode.server.internal.signing.SigningKeys;
import dev.wxacode.server.internal.storage.Database;
import dev.wxacode.server.internal.storage.Redis;
import dev.wxacode.server.internal.token.JdbcTokenStore;
import dev.wxacode.server.internal.token.TokenService;
import dev.wxacode.server.link.Resolution;
import dev.wxacode.server.registry.App;
import dev.wxacode.server.registry.DemoCredentials;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;

/**
 * Everything wxacode does, without HTTP: storage, keys, registry, tokens, codes and links, wired
 * together. The server puts HTTP in front of it; the command line uses it in-process for offline
 * batches and scans, with the same data directory and therefore the same keys and page numbers.
 */
public final class Engine implements AutoCloseable {
    final ServerConfig config;
    final Database database;
    final Optional<Redis> redis;
    final SigningKeys keys;
    final Registry registry;
    final Metrics metrics;
    final CpuSlots cpu;
    final MinuteLimits minutes;
    final Quotas quotas;
    final TokenService tokens;
    final CallerAddress callers;
    final WechatCaller caller;
    final CodeCalls codes;
    final JumpCalls jumps;
    final Resolver resolver;
    final Faults faults;
    final RequestLog requests;
    final Optional<DemoCredentials> demo;
    private final CodeReader reader;

    private Engine(ServerConfig config, LinkUrl linkUrl, Database database, Optional<Redis> redis, Clock clock,
                   SecureRandom random, Faults.Sleeper sleeper) {
        ServerConfig.Codes codeSettings = config.codes();
        ServerConfig.Tokens tokenSettings = config.tokens();
        ServerConfig.Cpu cpuSettings = config.cpu();
        this.config = config;
        this.database = database;
        this.redis = redis;
        this.keys = SigningKeys.open(config.signing(), new JdbcSigningKeyStore(database.jdbi()),
                MasterKey.load(config.signing().masterKey(), config.storage().dataDir(), random), random, clock);
        LinkCodec links = new LinkCodec(keys);
        StyledCodes styled = new StyledCodes();
        Styles styles = new Styles(styled, links, linkUrl, codeSettings.maxPagesPerApp());
        this.registry = new Registry(new JdbcRegistryStore(database.jdbi()), random, clock, codeSettings.maxPagesPerApp(),
                codeSettings.maxLimitedCodesPerApp(), styles);
        config.seed().file().ifPresent(file -> new Seeder(registry).apply(file));
        this.demo = config.seed().file().isEmpty() && config.seed().demo()
                ? DemoApp.ensure(registry, keys.get()) : Optional.empty();
        this.metrics = new Metrics();
        metrics.total("wxacode.styled.fallbacks", "Codes drawn plainer than their app's style so that they read", styled,
                StyledCodes::fallbacks);
        this.cpu = new CpuSlots(cpuSettings.concurrency(), cpuSettings.queueLength(), cpuSettings.queueTimeout());
        metrics.gauge("wxacode.cpu.waiting", "Requests waiting for a render or image-decoding slot", cpu::waiting);
        RateLimiter limiter = redis.<RateLimiter>map(r -> shared(r, clock)).orElseGet(() -> new LocalRateLimiter(clock));
        this.minutes = new MinuteLimits(limiter, codeSettings.perMinute(), tokenSettings.stablePerMinute());
        this.quotas = new Quotas(new JdbcQuotaStore(database.jdbi()), clock, tokenSettings.quotaZone());
        this.tokens = new TokenService(new JdbcTokenStore(database.jdbi()), registry, keys, quotas, minutes, tokenSettings,
                random, clock);
        this.resolver = new Resolver(links, registry, quotas, codeSettings.linkVisitDaily(), clock);
        this.faults = new Faults(clock, sleeper, new JdbcFaultStore(database.jdbi()), random);
        this.callers = new CallerAddress(config.http().trustedProxies());
        this.caller = new WechatCaller(tokens, callers, faults);
        this.codes = new CodeCalls(caller, minutes, quotas,
                new CodeService(registry, links, linkUrl, renderer(cpuSettings.jpegBlocks()), styled, styles, cpu, metrics,
                        codeSettings.cacheBytes()),
                resolver, codeSettings);
        this.jumps = new JumpCalls(caller, registry, links, linkUrl, quotas, codeSettings, clock);
        this.reader = new CodeReader(cpuSettings.maxScanPixels());
        ServerConfig.Requests requests = config.requests();
        this.requests = new RequestLog(registry, callers,
                requests.persist() ? Optional.of(new JdbcRequestLogStore(database.jdbi())) : Optional.empty(),
                requests.logSize(), clock);
    }

    /**
     * Opens the store: the embedded database in the data directory (one process at a time), or the
     * PostgreSQL database that the nodes of a cluster share.
     *
     * @param clock  every time read: token lifetimes, limits, quotas, request ids
     * @param random every secret made: tokens, secrets, keys, salts
     */
    public static Engine open(ServerConfig config, Clock clock, SecureRandom random) {
        return open(config, config.http().publicUrlFor(config.http().port()), clock, random, Faults.Sleeper.REAL);
    }

    /**
     * @param publicUrl the base of the links inside codes, once the server knows its port
     * @param sleeper   how fault rules' delays wait; tests move their clock instead
     */
    static Engine open(ServerConfig config, String publicUrl, Clock clock, SecureRandom random, Faults.Sleeper sleeper) {
        LinkUrl linkUrl = new LinkUrl(publicUrl);
        Database database = Database.open(config.storage());
        Optional<Redis> redis = Optional.empty();
        try {
            redis = config.storage().redis().map(Redis::open);
            return new Engine(config, linkUrl, database, redis, clock, random, sleeper);
        } catch (RuntimeException e) {
            redis.ifPresent(Redis::close);
            database.close();
            throw e;
        }
    }

    /** The renderer, with its kept JPEG blocks on {@code /metrics}. */
    private FastRenderer renderer(int jpegBlocks) {
        FastRenderer renderer = new FastRenderer(jpegBlocks);
        metrics.gauge("wxacode.jpeg.blocks.kept", "Coded JPEG blocks the renderer keeps between images",
                renderer::jpegBlocksKept);
        metrics.total("wxacode.jpeg.blocks.found", "Look-ups of a JPEG block the renderer had kept", renderer,
                FastRenderer::jpegBlocksFound);
        metrics.total("wxacode.jpeg.blocks.coded", "JPEG blocks coded because they were not kept", renderer,
                FastRenderer::jpegBlocksCoded);
        return renderer;
    }

    private SharedRateLimiter shared(Redis redis, Clock clock) {
        SharedRateLimiter shared = new SharedRateLimiter(new RedisRateLimiter(redis, clock), new LocalRateLimiter(clock),
                redis.config().failOpen(), redis.config().location(), clock);
        metrics.gauge("wxacode.redis.up", "1 while Redis answers a PING, else 0", () -> redis.isHealthy() ? 1 : 0);
        metrics.total("wxacode.limits.unshared", "Limited calls counted on this node alone, or refused, while Redis was unreachable",
                shared, SharedRateLimiter::unsharedCalls);
        return shared;
    }

    /** @throws WxException {@link Errcode#APP_NOT_FOUND} */
    public App app(String appid) {
        return registry.require(appid);
    }

    /**
     * A code for an app, without token, fault rule or minute limit: for trusted, in-process use
     * (offline batches). Build the request with {@link CodeRequest#checked} to check its values as
     * the API does.
     *
     * @throws WxException the errcodes the API answers for the same app and values
     */
    public RenderedCode createCode(App app, CodeRequest request) {
        return codes.offline(app, request);
    }

    /**
     * The same code for print: SVG or PDF, {@code size} wide on paper, laid out as its JPEG at the
     * request's width.
     *
     * @throws WxException as {@link #createCode}
     */
    public RenderedCode createPrint(App app, CodeRequest request, ImageFormat format, PrintSize size) {
        return codes.offlinePrint(app, request, format, size);
    }

    /** What a scanned text opens. @throws WxException 990001/990002/990006 as the link endpoint answers */
    public Resolution resolve(String scannedText) {
        return resolver.resolve(LinkUrl.tokenOf(scannedText)
                .orElseThrow(() -> new WxException(Errcode.INVALID_LINK, "decoded text is not a link")));
    }

    /**
     * Decodes an image of a code and resolves it, within a CPU slot.
     *
     * @throws WxException the errors of {@link CodeReader#read} and of {@link #resolve}
     */
    public Resolution scan(byte[] image) {
        return resolve(cpu.run(() -> reader.read(image)));
    }

    public ServerConfig config() {
        return config;
    }

    @Override
    public void close() {
        metrics.close();
        redis.ifPresent(Redis::close);
        database.close();
    }
}
