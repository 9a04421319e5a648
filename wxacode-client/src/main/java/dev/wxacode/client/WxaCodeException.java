package dev.wxacode.client;

/**
 * What the server refused, with its WeChat error code and message (the message ends with
 * {@code rid: …}, the id to quote when asking about it). Codes the client does not know are kept
 * as they are.
 */
public final class WxaCodeException extends RuntimeException {
    private final int errcode;
    private final String errmsg;

    public WxaCodeException(int errcode, String errmsg) {
        super(errcode + " " + errmsg);
        this.errcode = errcode;
        this.errmsg = errmsg;
    }

    public int errcode() {
        return errcode;
    }

    public String errmsg() {
        return errmsg;
    }

    /** 40001 (unknown or superseded token) and 42001 (expired): a new token fixes them. */
    boolean isTokenProblem() {
        return errcode == 40001 || errcode == 42001;
    }
}
