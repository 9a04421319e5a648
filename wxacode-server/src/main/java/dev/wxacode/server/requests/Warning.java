package dev.wxacode.server.requests;

/**
 * A likely mistake in one logged call.
 *
 * @param code    stable and machine-readable, e.g. {@code scene_url_encoded}: one of those docs/testing.md lists
 * @param message what was seen and what to do instead, for a person
 */
public record Warning(String code, String message) {
}
