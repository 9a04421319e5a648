package dev.wxacode.server.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wxacode.core.wire.Errcode;
import dev.wxacode.core.wire.WxException;
import java.io.IOException;
import java.util.Optional;

/**
 * A request's body, read once ({@link Bodies#read}) and parsed as JSON at most once, on first
 * need: the route's own checks, a test's fault rule and the request log's warnings all look at
 * the same tree. One request's handlers run on one thread, so the lazy parse needs no lock; the
 * tree is for reading only.
 */
public final class RequestBody {
    public static final RequestBody NONE = new RequestBody(new byte[0], false);

    private final byte[] bytes;
    private final boolean chunked;
    private boolean parsed;
    /** The parsed tree; null before parsing and when the body is not JSON. */
    private JsonNode tree;
    /** Why the body is not JSON, once parsing has failed. */
    private String notJson;

    /** @param chunked whether it came chunked, without a Content-Length */
    RequestBody(byte[] bytes, boolean chunked) {
        this.bytes = bytes;
        this.chunked = chunked;
    }

    public byte[] bytes() {
        return bytes;
    }

    public int length() {
        return bytes.length;
    }

    /** Sent with {@code Transfer-Encoding: chunked}, which WeChat refuses (HTTP 412). */
    public boolean chunked() {
        return chunked;
    }

    /**
     * The body as the JSON object a route requires.
     *
     * @param formatError what a body that is not a JSON object answers (47001 on WeChat routes)
     * @throws WxException {@link Errcode#EMPTY_POST_DATA} for an empty or blank body
     */
    public ObjectNode object(Errcode formatError) {
        if (isBlank()) {
            throw new WxException(Errcode.EMPTY_POST_DATA);
        }
        JsonNode node = tree();
        if (node == null) {
            throw new WxException(formatError, "body is not JSON: " + notJson, "body is not a JSON object");
        }
        if (!node.isObject()) {
            throw new WxException(formatError, "body is JSON but not an object", "body is not a JSON object");
        }
        return (ObjectNode) node;
    }

    /** The body as a JSON object when it is one, for looking at only; empty otherwise, never an error. */
    public Optional<ObjectNode> peek() {
        return tree() instanceof ObjectNode object ? Optional.of(object) : Optional.empty();
    }

    private JsonNode tree() {
        if (!parsed) {
            parsed = true;
            try {
                tree = WireJson.MAPPER.readTree(bytes);
            } catch (IOException | RuntimeException e) {
                notJson = e.getClass().getSimpleName();
            }
        }
        return tree;
    }

    /** Empty, or only JSON's whitespace. */
    public boolean isBlank() {
        for (byte b : bytes) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }
}
