package dev.wxacode.server.registry;

import dev.wxacode.core.style.CodeStyle;
import dev.wxacode.core.style.FinderShape;
import dev.wxacode.core.style.Frame;
import dev.wxacode.core.style.Logo;
import dev.wxacode.core.style.ModuleShape;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How an app's codes look, as its operator registered it. The logo is the app's own (uploaded
 * through the admin API); this only says whether it goes in the middle, and how large.
 *
 * @param logo     whether the app's logo goes in the middle of its codes
 * @param logoSize as {@link CodeStyle#logoSize}
 */
public record AppStyle(ModuleShape modules, FinderShape finders, Frame frame, boolean logo, double logoSize,
                       OptionalInt finderRgb, OptionalInt frameRgb) {
    /** The look of an app without a style. */
    public static final AppStyle PLAIN = new AppStyle(ModuleShape.SQUARE, FinderShape.SQUARE, Frame.NONE, false,
            CodeStyle.DEFAULT_LOGO_SIZE, OptionalInt.empty(), OptionalInt.empty());

    /** @throws IllegalArgumentException as {@link CodeStyle}'s constructor: a logo size or colour out of range */
    public AppStyle {
        new CodeStyle(modules, finders, frame, Optional.empty(), logoSize, finderRgb, frameRgb);
    }

    /**
     * The style to draw with.
     *
     * @param image the app's logo; used only when {@link #logo} is on
     */
    public CodeStyle toCodeStyle(Optional<Logo> image) {
        CodeStyle style = new CodeStyle(modules, finders, frame, Optional.empty(), logoSize, finderRgb, frameRgb);
        return logo && image.isPresent() ? style.withLogo(image.get(), logoSize) : style;
    }
}
