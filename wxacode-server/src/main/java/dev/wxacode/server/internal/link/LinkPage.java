package dev.wxacode.server.internal.link;

import static dev.wxacode.server.internal.http.Replies.escapeHtml;

import dev.wxacode.core.code.JumpRequest;
import dev.wxacode.core.code.LimitedCodeRequest;
import dev.wxacode.server.link.Resolution;
import java.util.Map;

/** The page a browser sees when it opens a code's link: what the mini program would receive. */
final class LinkPage {
    /** What each launch scene a resolution can have means. */
    private static final Map<Integer, String> SCENES = Map.of(Resolution.SCAN_SCENE, "scan of a mini-program code",
            LimitedCodeRequest.Kind.QRCODE.launchScene(), "scan of a QR code",
            JumpRequest.Kind.SCHEME.launchScene(), "a URL Scheme opened",
            JumpRequest.Kind.URL_LINK.launchScene(), "a URL Link opened",
            JumpRequest.Kind.SHORT_LINK.launchScene(), "other: a Short Link opened");

    private LinkPage() {
    }

    static String of(Resolution r) {
        StringBuilder received = new StringBuilder();
        r.parameters().forEach((name, value) -> received.append("""
                  <dt>onLoad(query).%s</dt><dd><code>%s</code></dd>""".formatted(escapeHtml(name), escapeHtml(value))));
        r.scene().ifPresent(scene -> received.append("""
                  <dt>decodeURIComponent(query.scene)</dt><dd><code>%s</code></dd>""".formatted(escapeHtml(scene.value()))));
        return page("Mini program code", """
                <p>This opens a mini program. In WeChat it launches it directly; here is what it receives.</p>
                <dl>
                  <dt>appid</dt><dd><code>%s</code></dd>
                  <dt>env_version</dt><dd><code>%s</code></dd>
                  <dt>page</dt><dd><code>%s</code></dd>%s
                  <dt>query.scancode_time</dt><dd><code>%d</code></dd>
                  <dt>launch scene value</dt><dd><code>%d</code> (%s)</dd>
                </dl>""".formatted(escapeHtml(r.appid()), escapeHtml(r.envVersion().wireName()),
                escapeHtml(r.page().isEmpty() ? "(home page)" : r.page()), received, r.scancodeTime(), r.launchScene(),
                SCENES.getOrDefault(r.launchScene(), "another entry")));
    }

    static String error(String message, String rid) {
        return page("Not a valid code", "<p>%s</p><p><small>rid: %s</small></p>".formatted(escapeHtml(message),
                escapeHtml(rid)));
    }

    private static String page(String title, String body) {
        return """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s · wxacode</title>
                <style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}
                dt{font-weight:600;margin-top:.6rem}code{word-break:break-all}</style></head>
                <body><h1>%s</h1>%s</body></html>
                """.formatted(escapeHtml(title), escapeHtml(title), body);
    }
}
