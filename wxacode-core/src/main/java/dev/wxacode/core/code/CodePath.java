package dev.wxacode.core.code;

import dev.wxacode.core.wire.Errcode;
import dev.wxacode.core.wire.WxException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code path} of a wxacode.get or createQRCode code: a page and, after {@code ?}, the query the
 * page receives, such as {@code pages/goods/detail?id=42&from=poster}. A path of only a query
 * ({@code ?foo=bar}) opens the home page, as WeChat allows for mini games.
 *
 * @param query as written after the {@code ?}, without it; empty for none
 */
public record CodePath(PagePath page, String query) {
    /** wxacode.get's limit, in UTF-8 bytes. */
    public static final int MAX_BYTES = 1024;
    /** createQRCode's limit, in UTF-8 bytes. */
    public static final int MAX_QRCODE_BYTES = 128;

    public CodePath {
        Objects.requireNonNull(page, "page == null");
        Objects.requireNonNull(query, "query == null");
    }

    /**
     * A path as a request gives it, checked in this order: present and within {@code maxBytes}
     * (40159), then {@code scancode_time} (85096), then the page (41030).
     *
     * <p>One leading {@code /} is taken off the page: WeChat's own examples omit it, but a path is
     * where mini-program code writes one ({@code wx.navigateTo({url: '/pages/…'})}), and the page
     * it names is the same. The request log warns about it all the same, since getUnlimited's
     * {@code page} refuses it.
     *
     * @param path null counts as absent
     * @throws WxException the first rule it breaks
     */
    public static CodePath parse(String path, int maxBytes) {
        if (path == null || path.isEmpty() || path.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            throw new WxException(Errcode.INVALID_PATH_LENGTH,
                    path == null || path.isEmpty() ? "path missing or empty" : "path over " + maxBytes + " bytes");
        }
        if (path.contains("scancode_time")) {
            throw new WxException(Errcode.SCANCODE_TIME_NOT_ALLOWED, "path mentions scancode_time");
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < ' ' || c == 0x7F) {
                throw new WxException(Errcode.INVALID_PAGE, "path has a control character");
            }
        }
        int mark = path.indexOf('?');
        String page = mark < 0 ? path : path.substring(0, mark);
        return new CodePath(new PagePath(page.startsWith("/") ? page.substring(1) : page),
                mark < 0 ? "" : path.substring(mark + 1));
    }

    /**
     * The query as the page's {@code onLoad(query)} receives it: each {@code name=value} pair as
     * written (WeChat does not decode them), a name without {@code =} as an empty value, the last of
     * a repeated name winning as it does in a JavaScript object, empty pairs dropped.
     */
    public Map<String, String> parameters() {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            values.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
        }
        return Collections.unmodifiableMap(values);
    }

    /** The path as a request would write it, without a leading {@code /}. */
    @Override
    public String toString() {
        return query.isEmpty() ? page.value() : page.value() + "?" + query;
    }
}
