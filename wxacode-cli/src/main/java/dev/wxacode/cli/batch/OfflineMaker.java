package dev.wxacode.cli.batch;

import dev.wxacode.client.WxaCodeException;
import dev.wxacode.core.code.CodeRequest;
import dev.wxacode.core.code.LineColor;
import dev.wxacode.core.wire.WxException;
import dev.wxacode.server.Engine;
import dev.wxacode.server.registry.App;
import java.util.Optional;

/**
 * Makes codes in this process with the server's engine (same keys, same page numbers): no HTTP, no
 * token, no minute limit, and the same rules and errcodes as the API, account type included.
 */
public final class OfflineMaker implements Maker {
    private final Engine engine;
    private final App app;
    private final Optional<Print> print;

    /** @param print every code for print ({@link Engine#createPrint}) */
    public OfflineMaker(Engine engine, App app, Optional<Print> print) {
        this.engine = engine;
        this.app = app;
        this.print = print;
    }

    @Override
    public byte[] make(BatchRow row, StopSignal stop) {
        try {
            LineColor color = row.lineColor() == null ? null : LineColor.parseHex(row.lineColor());
            CodeRequest request = CodeRequest.checked(row.scene(), row.page(), row.checkPath(), row.envVersion(),
                    row.width(), row.autoColor(), color, row.hyaline());
            return print.map(p -> engine.createPrint(app, request, p.format(), p.sizeFor(request.width())))
                    .orElseGet(() -> engine.createCode(app, request)).bytes();
        } catch (WxException e) {
            throw new WxaCodeException(e.errcode().code(), e.errmsgText());
        }
    }
}
