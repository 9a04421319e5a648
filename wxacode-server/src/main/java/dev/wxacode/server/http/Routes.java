package dev.wxacode.server.http;

import dev.wxacode.core.wire.Errcode;
import dev.wxacode.core.wire.WxException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Every path the server answers, registered once here. Each route is served at its path and, when
 * a path prefix is configured, under the prefix too; each handler learns its route template for
 * logs and metrics (never the raw path, which would carry tokens and scenes).
 */
public final class Routes {
    /** A registered route, e.g. {@code POST /wxa/getwxacodeunlimit}. */
    public record Route(HandlerType method, String path) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private final RoutesConfig config;
    private final String prefix;
    private final List<Route> routes = new ArrayList<>();

    public Routes(RoutesConfig config, String prefix) {
        this.config = config;
        this.prefix = prefix;
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
     * would report as a transport failure.
     */
    public void wechat(HandlerType method, String path, Handler handler, Errcode wrongMethod) {
        add(method, path, handler);
        for (HandlerType other : List.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT, HandlerType.PATCH,
                HandlerType.DELETE, HandlerType.OPTIONS)) {
            if (other != method) {
                register(other, path, ctx -> {
                    throw new WxException(wrongMethod, other + " on " + path);
                });
            }
        }
    }

    /** Every documented route, in registration order. */
    public List<Route> list() {
        return Collections.unmodifiableList(routes);
    }

    private void add(HandlerType method, String path, Handler handler) {
        routes.add(new Route(method, path));
        register(method, path, handler);
        if (method == HandlerType.GET) {
            // HEAD runs the same checks (Jetty drops the body), so it never answers 200 where GET would not.
            register(HandlerType.HEAD, path, handler);
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
