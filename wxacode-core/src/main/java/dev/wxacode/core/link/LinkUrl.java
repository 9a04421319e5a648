package dev.wxacode.core.link;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Where links point: {@code <public URL>/L/<token>}.
 *
 * <p>Scheme and host are written in upper case. They are case-insensitive (RFC 3986 §3.1, §3.2.2),
 * and an all-upper-case URL lets the QR encoder use alphanumeric mode for all of it, which keeps
 * codes one or two versions smaller. A path in the public URL keeps its case.
 */
public final class LinkUrl {
    /** The path segment before the token; upper case for the same reason as the host. */
    public static final String SEGMENT = "L";
    private static final String SCHEME_PREFIX = "weixin://dl/business/?t=";
    private static final String SHORT_LINK_PREFIX = "#小程序://";

    private final String prefix;

    /** @throws IllegalArgumentException unless {@code publicUrl} is an absolute http(s) URL without query */
    public LinkUrl(String publicUrl) {
        URI uri;
        try {
            uri = new URI(publicUrl);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("public URL is not a URL: " + publicUrl, e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("public URL must look like https://host[:port][/path], got " + publicUrl);
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        this.prefix = scheme.toUpperCase(Locale.ROOT) + "://" + uri.getHost().toUpperCase(Locale.ROOT) + port
                + path + "/" + SEGMENT + "/";
    }

    public String toUrl(String token) {
        return prefix + token;
    }

    /** The URL Scheme of a token: WeChat's form, {@code weixin://dl/business/?t=<ticket>}. */
    public static String toScheme(String token) {
        return SCHEME_PREFIX + token;
    }

    /**
     * A Short Link's text in WeChat's form, {@code #小程序://<app name>/<page title>/<ticket>} (no
     * title segment without a title). A {@code /} in the name or title would look like a segment,
     * so it is written as {@code -}.
     */
    public static String toShortLink(String appName, String pageTitle, String token) {
        String title = pageTitle == null || pageTitle.isEmpty() ? "" : pageTitle.replace('/', '-') + "/";
        return SHORT_LINK_PREFIX + appName.replace('/', '-') + "/" + title + token;
    }

    /**
     * The token of a link, whatever host it names: a code keeps working after the public URL moves,
     * since only the token is signed. A URL Scheme's ticket is one too, and so is a Short Link's
     * last segment.
     */
    public static Optional<String> tokenOf(String scanned) {
        if (scanned.startsWith(SHORT_LINK_PREFIX)) {
            String ticket = scanned.substring(scanned.lastIndexOf('/') + 1);
            return ticket.isEmpty() ? Optional.empty() : Optional.of(ticket);
        }
        if (scanned.startsWith(SCHEME_PREFIX)) {
            String ticket = scanned.substring(SCHEME_PREFIX.length());
            // A page may add its own &cq=… after the ticket (WeChat's custom parameter).
            int end = ticket.indexOf('&');
            ticket = end < 0 ? ticket : ticket.substring(0, end);
            return ticket.isEmpty() ? Optional.empty() : Optional.of(ticket);
        }
        String lower = scanned.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
            return Optional.empty();
        }
        int at = scanned.lastIndexOf("/" + SEGMENT + "/");
        if (at < 0) {
            return Optional.empty();
        }
        String token = scanned.substring(at + SEGMENT.length() + 2);
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }
}
