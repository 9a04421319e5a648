package dev.wxacode.core.code;

import dev.wxacode.core.wire.Errcode;
import dev.wxacode.core.wire.WxException;

/**
 * The {@code page} a code opens, such as {@code pages/index/index}; empty means the home page
 * (WeChat treats {@code ""} like an omitted page, wire spec §1).
 *
 * <p>No leading {@code /} and no {@code ?query}: parameters belong in the scene. The
 * {@code scancode_time} parameter is reserved by WeChat and refused with 85096, which is checked
 * first so that a page such as {@code pages/a?scancode_time=1} gets the more precise answer.
 */
public record PagePath(String value) {
    public static final PagePath HOME = new PagePath("");
    /** Longer than any real mini-program path; keeps links and stores bounded. */
    public static final int MAX_LENGTH = 512;

    /** @throws WxException 85096 for {@code scancode_time}, 41030 for any other malformed path */
    public PagePath {
        if (value == null) {
            value = "";
        }
        if (value.contains("scancode_time")) {
            throw new WxException(Errcode.SCANCODE_TIME_NOT_ALLOWED, "page mentions scancode_time");
        }
        if (value.startsWith("/")) {
            throw new WxException(Errcode.INVALID_PAGE, "page starts with /");
        }
        if (value.indexOf('?') >= 0) {
            throw new WxException(Errcode.INVALID_PAGE, "page carries a query");
        }
        if (value.length() > MAX_LENGTH) {
            throw new WxException(Errcode.INVALID_PAGE, "page longer than " + MAX_LENGTH);
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c == 0x7F) {
                throw new WxException(Errcode.INVALID_PAGE, "page has a space or control character");
            }
        }
    }

    public boolean isHome() {
        return value.isEmpty();
    }

    @Override
    public String toString() {
        return value;
    }
}
