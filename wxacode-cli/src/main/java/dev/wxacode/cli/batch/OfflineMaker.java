package dev.wxacode.cli.batch;

import dev.wxacode.client.WxaCodeException;
import dev.wxacode.core.code.CodeRequest;
import dev.wxacode.core.code.LineColor;
import dev.wxacode.core.wire.WxException;
import dev.wxacode.server.Engine;
import dev.wxacode.server.registry.App;

/**
 * Makes codes in this process with the server's engine (same keys, same page numbers): no HTTP, no
 * token, no minute limit, and the same rules and errcodes as the API, account type included.
 */
public final class OfflineMaker implements Maker {
    private final Engine engine;
    private final App app;

    public OfflineMaker(Engine engine, App app) {
        this.engine = engine;
        this.app = app;
    }

    @Override
    public byte[] make(BatchRow row, StopSignal stop) {
        try {
            LineColor color = row.lineColor() == null ? null : LineColor.parseHex(row.lineColor());
            return engine.createCode(app, CodeRequest.checked(row.scene(), row.page(), row.checkPath(), row.envVersion(),
                    row.width(), row.autoColor(), color, row.hyaline())).bytes();
        } catch (WxException e) {
            throw new WxaCodeException(e.errcode().code(), e.errmsgText());
        }
    }
}
