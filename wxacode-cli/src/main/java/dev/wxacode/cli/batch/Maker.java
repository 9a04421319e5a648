package dev.wxacode.cli.batch;

/** Makes one row's code: through the HTTP API, or in-process. Called from several threads at once. */
public interface Maker {
    /**
     * @return the image bytes
     * @throws RowRefused the row breaks a rule; the batch reports it and goes on
     */
    byte[] make(BatchRow row) throws RowRefused;
}
