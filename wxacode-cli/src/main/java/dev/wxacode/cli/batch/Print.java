package dev.wxacode.cli.batch;

import dev.wxacode.core.render.ImageFormat;
import dev.wxacode.core.style.PrintSize;
import java.util.Optional;

/**
 * A code for print: SVG or PDF instead of the JPEG or PNG the API answers.
 *
 * @param size the printed side; empty for the code's width in pixels
 */
public record Print(ImageFormat format, Optional<PrintSize> size) {
    public Print {
        if (!format.isVector()) {
            throw new IllegalArgumentException("a print is svg or pdf, not " + format.extension());
        }
    }

    /** The printed side for a code {@code width} pixels wide. */
    public PrintSize sizeFor(int width) {
        return size.orElseGet(() -> new PrintSize(width, PrintSize.Unit.PX));
    }
}
