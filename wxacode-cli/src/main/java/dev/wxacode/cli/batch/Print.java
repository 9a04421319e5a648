package dev.wxacode.cli.batch;

import dev.wxacode.client.CodeImage;
import dev.wxacode.client.WxaCodeClient;
import dev.wxacode.core.code.CodeRequest;
import dev.wxacode.core.render.ImageFormat;
import dev.wxacode.core.scan.CodeReader;
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

    /** Only images of the API's own size are read: a code is at most 1280 px square. */
    private static final CodeReader READER = new CodeReader((long) CodeRequest.MAX_WIDTH * CodeRequest.MAX_WIDTH);

    /** The printed side for a code {@code width} pixels wide. */
    public PrintSize sizeFor(int width) {
        return size.orElseGet(() -> new PrintSize(width, PrintSize.Unit.PX));
    }

    /**
     * The print form of a code the API answered: its link read from the image, then the link's
     * SVG or PDF from the server ({@code GET /L/{token}/code.svg|pdf}), in the app's style.
     *
     * @param width the width the code was asked for: the print's layout
     * @throws dev.wxacode.core.wire.WxException if the code does not read (it always does: the server reads it back)
     */
    public CodeImage of(CodeImage code, WxaCodeClient client, int width) {
        return client.linkImage(READER.read(code.bytes()), format.extension(), width, Optional.of(sizeFor(width).toString()));
    }
}
