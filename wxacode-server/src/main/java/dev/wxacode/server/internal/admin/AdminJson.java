package dev.wxacode.server.internal.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wxacode.core.wire.Errcode;
import dev.wxacode.core.wire.WxException;
import dev.wxacode.server.internal.http.Bodies;
import dev.wxacode.server.internal.http.Replies;
import dev.wxacode.server.internal.http.RequestBody;
import dev.wxacode.server.internal.http.WireJson;
import io.javalin.http.Context;
import java.util.Set;

/** Bodies and replies of the admin API: JSON objects in, JSON objects out, 990104 for what is wrong. */
public final class AdminJson {
    private AdminJson() {
    }

    /** The JSON object body; an empty body is {@code {}} where {@code emptyIsObject}, else refused. */
    public static ObjectNode body(Context ctx, boolean emptyIsObject) {
        RequestBody body = Bodies.json(ctx, Errcode.BODY_TOO_LARGE);
        if (body.isBlank()) {
            if (emptyIsObject) {
                return WireJson.object();
            }
            throw invalid("the body must be a JSON object");
        }
        return body.object(Errcode.INVALID_ARGUMENT);
    }

    public static void refuseUnknown(ObjectNode body, Set<String> known) {
        WireJson.unknownKey(body, known).ifPresent(name -> {
            throw invalid("unknown field '" + name + "'; known: " + known.stream().sorted().toList());
        });
    }

    public static WxException invalid(String why) {
        return new WxException(Errcode.INVALID_ARGUMENT, why, why);
    }

    public static void reply(Context ctx, int status, ObjectNode json) {
        Replies.json(ctx, status, Replies.JSON_CHARSET, json);
    }
}
