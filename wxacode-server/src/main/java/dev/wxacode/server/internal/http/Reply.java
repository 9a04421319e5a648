package dev.wxacode.server.internal.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * A reply as it goes on the wire, made by {@link Replies} and {@link ErrorMapper} and sent by
 * whichever server layer answers the request, so that the status, exact Content-Type and headers
 * of each kind of reply are written down once.
 *
 * @param contentType empty for a reply without a body (a 304)
 * @param headers     besides Content-Type and Content-Length, which follow from the body
 */
public record Reply(int status, Optional<String> contentType, Map<String, String> headers, byte[] body) {

    /** The body as text when it is JSON (every errcode reply); empty for an image or no body. */
    public String jsonText() {
        return contentType.filter(type -> type.startsWith("application/json"))
                .map(type -> new String(body, StandardCharsets.UTF_8)).orElse("");
    }
}
