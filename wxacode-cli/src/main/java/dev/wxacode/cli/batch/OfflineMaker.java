package dev.wxacode.cli.batch;

import dev.wxacode.client.WxaCodeException;
import dev.wxacode.core.code.CodeRequest;
import dev.wxacode.core.code.EnvVersion;
import dev.wxacode.core.code.LineColor;
import dev.wxacode.core.code.PagePath;
import dev.wxacode.core.code.Scene;
import dev.wxacode.core.wire.WxException;
import dev.wxacode.server.Engine;
import dev.wxacode.server.registry.App;

/**
 * Makes codes in this process with the server's engine (same keys, same page numbers): no HTTP, no
 * token, no minute limit, and the same rules and errcodes as the API.
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
            // In the API's order: scene, then env_version, then page.
            Scene scene = new Scene(row.scene());
            EnvVersion env = EnvVersion.fromWire(row.envVersion());
            PagePath page = new PagePath(row.page());
            LineColor color = row.lineColor() == null ? LineColor.BLACK : LineColor.parseHex(row.lineColor());
            return engine.createCode(app, new CodeRequest(scene, page, row.checkPath(), env,
                    CodeRequest.clampWidth(row.width()), row.autoColor(), color, row.hyaline())).bytes();
        } catch (WxException e) {
            throw new WxaCodeException(e.errcode().code(), e.errmsgText());
        }
    }
}
