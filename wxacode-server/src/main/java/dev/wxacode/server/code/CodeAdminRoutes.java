package dev.wxacode.server.code;

import dev.wxacode.core.wire.Errcode;
import dev.wxacode.server.http.Bodies;
import dev.wxacode.server.http.Exchange;
import dev.wxacode.server.http.Routes;
import dev.wxacode.server.registry.App;
import dev.wxacode.server.registry.Registry;
import io.javalin.http.Context;

/**
 * {@code POST /admin/apps/{appid}/codes}: the console's playground. The body is that of
 * {@code getwxacodeunlimit} and so is the answer, the image or the same errcode JSON from the same
 * checks, but the caller is the admin, not a token: no access token, no fault rule (a rule set for
 * the backend under test must not be used up by the playground), and no count against the app's
 * minute limit (an operator trying codes must not eat the allowance of the app's real calls).
 */
public final class CodeAdminRoutes {
    private final Registry registry;
    private final CodeService codes;
    private final int maxBodyBytes;
    private final boolean rejectUnknownFields;

    public CodeAdminRoutes(Registry registry, CodeService codes, int maxBodyBytes,
                           boolean rejectUnknownFields) {
        this.registry = registry;
        this.codes = codes;
        this.maxBodyBytes = maxBodyBytes;
        this.rejectUnknownFields = rejectUnknownFields;
    }

    public void register(Routes routes) {
        routes.guarded().post("/admin/apps/{appid}/codes", this::create);
    }

    private void create(Context ctx) {
        App app = registry.require(ctx.pathParam("appid"));
        Exchange.appid(ctx, app.appid());
        CodeRoutes.requireCodeAccount(app);
        byte[] body = Bodies.read(ctx, maxBodyBytes, Errcode.DATA_FORMAT_ERROR);
        CodeRoutes.reply(ctx, codes, app, body, rejectUnknownFields);
    }
}
