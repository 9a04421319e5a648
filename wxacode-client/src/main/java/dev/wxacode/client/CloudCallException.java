package dev.wxacode.client;

/**
 * A failed cloud call, shaped as the cloud runtime rejects it: {@link #errCode()} is WeChat's error
 * code (or -604101 when the function lacks the permission), {@link #errMsg()} starts with
 * {@code openapi.wxacode.getUnlimited:fail} (or, for -604101, is {@code system error: error code: -604101}).
 */
public final class CloudCallException extends RuntimeException {
    private final int errCode;
    private final String errMsg;

    CloudCallException(int errCode, String errMsg, String message) {
        super(message);
        this.errCode = errCode;
        this.errMsg = errMsg;
    }

    public int errCode() {
        return errCode;
    }

    public String errMsg() {
        return errMsg;
    }
}
