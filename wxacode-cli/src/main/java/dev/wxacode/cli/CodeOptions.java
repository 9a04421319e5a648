package dev.wxacode.cli;

import dev.wxacode.client.Rgb;
import dev.wxacode.client.UnlimitedCode;
import java.util.List;
import picocli.CommandLine.Option;

/** The fields of a code, as options, with the wire defaults. */
final class CodeOptions {
    @Option(names = "--page", paramLabel = "PAGE", defaultValue = "",
            description = "Page to open, e.g. pages/detail/detail (default: the home page).")
    String page;

    @Option(names = "--width", paramLabel = "PX", defaultValue = "430", description = "Width in pixels, 280-1280 (default ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--env", paramLabel = "ENV", defaultValue = "release",
            description = "Build to open: release, trial or develop (default ${DEFAULT-VALUE}).")
    String env;

    @Option(names = "--line-color", paramLabel = "#RRGGBB", description = "Colour of the modules (default black).")
    String lineColor;

    @Option(names = "--auto-color", description = "Take the line colour from the app's brand colour.")
    boolean autoColor;

    @Option(names = "--hyaline", description = "Transparent background (a PNG instead of a JPEG).")
    boolean hyaline;

    @Option(names = "--no-check-path", description = "Allow a page the published release does not have.")
    boolean noCheckPath;

    /**
     * The server would take these and clamp the width or refuse the build: here the user hears at once.
     *
     * @throws IllegalArgumentException for a width or build the help does not offer
     */
    void check() {
        if (width < 280 || width > 1280) {
            throw new IllegalArgumentException("--width takes 280 to 1280 pixels, not " + width);
        }
        if (!List.of("release", "trial", "develop").contains(env)) {
            throw new IllegalArgumentException("--env takes release, trial or develop, not " + env);
        }
    }

    /** @throws IllegalArgumentException as {@link #check} */
    UnlimitedCode request(String scene) {
        check();
        return UnlimitedCode.of(scene).withPage(page).withWidth(width).withEnvVersion(env).withAutoColor(autoColor)
                .withHyaline(hyaline).withCheckPath(!noCheckPath)
                .withLineColor(lineColor == null ? Rgb.BLACK : Rgb.parse(lineColor));
    }
}
