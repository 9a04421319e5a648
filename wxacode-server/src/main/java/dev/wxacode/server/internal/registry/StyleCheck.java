package dev.wxacode.server.internal.registry;

import dev.wxacode.server.registry.App;
import dev.wxacode.server.registry.AppStyle;
import java.util.Optional;

/**
 * Whether codes drawn in a style read at every width the API draws: asked before a style, or a new
 * logo for a style that shows it, is stored. Drawing belongs to the codes, above the registry, so
 * the registry is handed the check rather than knowing how to draw.
 */
@FunctionalInterface
public interface StyleCheck {
    /**
     * @param logo the logo the style would show: the app's, or one about to replace it; empty for none
     * @throws dev.wxacode.core.wire.WxException {@code INVALID_ARGUMENT} saying why codes in this
     *         style would not read, and what would
     */
    void check(App app, AppStyle style, Optional<byte[]> logo);
}
