package dev.wxacode.server.internal.signing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wxacode.server.internal.http.Replies;
import dev.wxacode.server.internal.http.Routes;
import dev.wxacode.server.internal.http.WireJson;
import io.javalin.http.Context;
import java.time.Instant;

/** {@code GET /admin/keys} and {@code POST /admin/keys/rotate}. Secrets never leave the server. */
public final class KeyAdminRoutes {
    private final SigningKeys keys;

    public KeyAdminRoutes(SigningKeys keys) {
        this.keys = keys;
    }

    public void register(Routes routes) {
        Routes admin = routes.guarded();
        admin.get("/admin/keys", this::list);
        admin.post("/admin/keys/rotate", ctx -> {
            keys.rotate();
            list(ctx);
        });
    }

    private void list(Context ctx) {
        ObjectNode json = WireJson.object();
        json.put("active_kid", keys.get().active().kid());
        ArrayNode list = json.putArray("keys");
        for (SigningKeys.KeyInfo info : keys.list()) {
            ObjectNode key = list.addObject();
            key.put("kid", info.kid());
            key.put("active", info.active());
            if (info.createdAtMillis() > 0) {
                key.put("created_at", Instant.ofEpochMilli(info.createdAtMillis()).toString());
            }
        }
        Replies.json(ctx, 200, Replies.JSON_CHARSET, json);
    }
}
