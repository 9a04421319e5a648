package dev.wxacode.server.internal.registry;

import dev.wxacode.core.code.EnvVersion;
import java.util.List;

/**
 * The published build of an app for one env version.
 *
 * @param pages its pages in order, never empty; the first is the home page
 */
public record Release(EnvVersion envVersion, List<String> pages, long publishedAtMillis) {
    public Release {
        pages = List.copyOf(pages);
        if (pages.isEmpty()) {
            throw new IllegalArgumentException("a release has at least its home page");
        }
    }

    public String homePage() {
        return pages.getFirst();
    }
}
