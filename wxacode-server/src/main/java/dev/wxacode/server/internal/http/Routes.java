package dev.wxacode.server.internal.http;

import dev.wxacode.core.wire.Endpoint;
import dev.wxacode.core.wire.WxException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Every path the server answers, registered once here. Each route is served at its path and, when
 * a path prefix is configured, under the prefix too; each handler learns its route template for
 * logs and metrics (never the raw path, which would carry tokens and scenes).
 *
 * <p>The admin API is guarded by construction: a path under {@value #ADMIN} can only be registered
 * through {@link #guarded()}, whose every route runs the guard before its handler.
 */
public final class Routes {
    public static final String ADMIN = "/admin/";

    /** A registered route, e.g. {@code POST /wxa/getwxacodeunlimit}; {@code guarded} when the guard runs first. */
    public record Route(HandlerType method, String path, boolean guarded) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** Decides whether a request may reach a guarded route; refuses it by throwing {@link WxException}. */
    @FunctionalInterface
    public interface Guard {
        void check(Context ctx);
    }

    private final RoutesConfig config;
    private final String prefix;
    private final List<Route> routes;
    private final Guard guard;
    private final boolean guarded;

    public Routes(RoutesConfig config, String prefix, Guard guard) {
        this(config, prefix, new ArrayList<>(), guard, false);
    }

    private Routes(RoutesConfig config, String prefix, List<Route> routes, Guard guard, boolean guarded) {
        this.config = config;
        this.prefix = prefix;
        this.routes = routes;
        this.guard = guard;
        this.guarded = guarded;
    }

    /** The same table, for routes that only the guard's holder may call: the admin API, and the like. */
    public Routes guarded() {
        return new Routes(config, prefix, routes, guard, true);
    }

    public void get(String path, Handler handler) {
        add(HandlerType.GET, path, handler);
    }

    public void post(String path, Handler handler) {
        add(HandlerType.POST, path, handler);
    }

    public void put(String path, Handler handler) {
        add(HandlerType.PUT, path, handler);
    }

    public void patch(String path, Handler handler) {
        add(HandlerType.PATCH, path, handler);
    }

    public void delete(String path, Handler handler) {
        add(HandlerType.DELETE, path, handler);
    }

    /**
     * A WeChat endpoint: {@code handler} for its one method, and WeChat's method error for every
     * other (43001 "require GET method", 43002 "require POST method"), never an HTTP 405 that SDKs
     * would report as a transport failure. A POST with a chunked body may get WeChat's 412 first
     * ({@link Bodies#refusedChunked}).
     */
    public void wechat(Endpoint endpoint, Handler handler) {
        HandlerType method = endpoint.method() == Endpoint.Method.GET ? HandlerType.GET : HandlerType.POST;
        String path = endpoint.path();
        add(method, path, method == HandlerType.GET ? handler : ctx -> {
            if (!Bodies.refusedChunked(ctx)) {
                handler.handle(ctx);
            }
        });
        for (HandlerType other : List.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT, HandlerType.PATCH,
                HandlerType.DELETE, HandlerType.OPTIONS)) {
            if (other != method) {
                register(other, path, ctx -> {
                    throw new WxException(endpoint.wrongMethod(), other + " on " + path);
                });
            }
        }
    }

    /** Every documented route, in registration order. */
    public List<Route> list() {
        return Collections.unmodifiableList(routes);
    }

    private void add(HandlerType method, String path, Handler handler) {
        if (!guarded && path.startsWith(ADMIN)) {
            throw new IllegalStateException(method + " " + path + " is an admin route: register it through guarded()");
        }
        Handler checked = guarded ? ctx -> {
            guard.check(ctx);
            handler.handle(ctx);
        } : handler;
        routes.add(new Route(method, path, guarded));
        register(method, path, checked);
        if (method == HandlerType.GET) {
            // HEAD runs the same checks (Jetty drops the body), so it never answers 200 where GET would not.
            register(HandlerType.HEAD, path, checked);
        }
    }

    private void register(HandlerType method, String path, Handler handler) {
        Handler named = ctx -> {
            ctx.attribute(Exchange.ROUTE, path);
            handler.handle(ctx);
        };
        config.addHttpHandler(method, path, named);
        if (!prefix.isEmpty()) {
            config.addHttpHandler(method, prefix + path, named);
        }
    }
}
