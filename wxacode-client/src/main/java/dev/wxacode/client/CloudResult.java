package dev.wxacode.client;

/**
 * What {@code cloud.openapi().wxacode().getUnlimited(…)} resolves to, as in a cloud function:
 * {@code {errCode: 0, errMsg: "openapi.wxacode.getUnlimited:ok", contentType, buffer}}.
 */
public record CloudResult(int errCode, String errMsg, String contentType, byte[] buffer) {
}
