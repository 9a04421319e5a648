package dev.wxacode.cli.batch;

import dev.wxacode.client.WxaCodeException;

/** Makes one row's code: through the HTTP API, or in-process. Called from several threads at once. */
public interface Maker {
    /**
     * @param stop where to wait out a limit, so that a stopping batch is not held up
     * @return the image bytes
     * @throws WxaCodeException the row breaks a rule (with WeChat's errcode); the batch reports it and goes on
     * @throws StopSignal.Stopped the batch stopped while the maker waited
     */
    byte[] make(BatchRow row, StopSignal stop);
}
