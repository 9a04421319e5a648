package dev.wxacode.core.wire;

import java.util.Arrays;

/**
 * A request that wxacode refuses with a WeChat-shaped error.
 *
 * <p>The caller sees only {@link #errcode()} and {@link #errmsgText()}. {@link #getMessage()} adds a
 * detail meant for our logs, never for the reply. No stack trace is captured: these are answers,
 * not faults.
 */
public final class WxException extends RuntimeException {
    private final Errcode errcode;
    private final transient Object[] args;
    private final boolean injected;

    /**
     * @param errcode what the caller is told
     * @param detail  why, for the log only; may be null
     * @param args    values for the {@code %s} places of the errcode's text
     */
    public WxException(Errcode errcode, String detail, Object... args) {
        this(errcode, detail, false, args);
    }

    private WxException(Errcode errcode, String detail, boolean injected, Object... args) {
        super(detail == null ? errcode.name() : errcode.name() + ": " + detail, null, false, false);
        this.errcode = errcode;
        this.args = args.clone();
        this.injected = injected;
    }

    /**
     * An answer given because a caller asked for it (a test's fault rule), not because anything
     * failed: even a -1 of this kind is no fault of ours, and is not logged as one.
     */
    public static WxException injected(Errcode errcode, String detail, Object... args) {
        return new WxException(errcode, detail, true, args);
    }

    public WxException(Errcode errcode) {
        this(errcode, null);
    }

    public Errcode errcode() {
        return errcode;
    }

    /** @see #injected(Errcode, String, Object...) */
    public boolean isInjected() {
        return injected;
    }

    /** The reply text, without the request id. */
    public String errmsgText() {
        return errcode.text(args);
    }

    @Override
    public String toString() {
        return "WxException[" + errcode.code() + " " + getMessage() + " " + Arrays.toString(args) + "]";
    }
}
