package dev.wxacode.cli;

import dev.wxacode.client.Rgb;
import dev.wxacode.client.UnlimitedCode;
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

    UnlimitedCode request(String scene) {
        return UnlimitedCode.of(scene).withPage(page).withWidth(width).withEnvVersion(env).withAutoColor(autoColor)
                .withHyaline(hyaline).withCheckPath(!noCheckPath)
                .withLineColor(lineColor == null ? Rgb.BLACK : Rgb.parse(lineColor));
    }
}
