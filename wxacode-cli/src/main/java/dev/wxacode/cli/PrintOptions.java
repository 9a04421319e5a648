package dev.wxacode.cli;

import dev.wxacode.cli.batch.Print;
import dev.wxacode.core.render.ImageFormat;
import dev.wxacode.core.style.PrintSize;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Codes for print: SVG or PDF at a size on paper, instead of the API's JPEG or PNG. */
final class PrintOptions {
    @Option(names = "--format", paramLabel = "svg|pdf",
            description = "Write codes for print, as SVG or PDF: the same shapes and style, as vectors.")
    String format;

    @Option(names = "--size", paramLabel = "30mm|430px",
            description = "With --format, the printed side in millimetres or pixels (default: --width, in pixels).")
    String size;

    /** @throws IllegalArgumentException for another format, a size without a format, or a malformed size */
    Optional<Print> print() {
        if (format == null) {
            if (size != null) {
                throw new IllegalArgumentException("--size is for --format svg or pdf");
            }
            return Optional.empty();
        }
        ImageFormat chosen = ImageFormat.ofExtension(format);
        if (!chosen.isVector()) {
            throw new IllegalArgumentException("--format is svg or pdf (the API itself answers jpg, or png with --hyaline)");
        }
        return Optional.of(new Print(chosen, Optional.ofNullable(size).map(PrintSize::parse)));
    }
}
