package dev.wxacode.cli.batch;

import dev.wxacode.client.WxaCodeException;

/** Makes one row's code: through the HTTP API, or in-process. Called from several threads at once. */
public interface Maker {
    /**
     * @return the image bytes
     * @throws WxaCodeException the row breaks a rule (with WeChat's errcode); the batch reports it and goes on
     */
    byte[] make(BatchRow row);
}
