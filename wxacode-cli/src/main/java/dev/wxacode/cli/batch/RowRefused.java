package dev.wxacode.cli.batch;

/** A row the code rules (or the server) refused: reported in the errors file, the batch goes on. */
public final class RowRefused extends Exception {
    private final int errcode;
    private final String errmsg;

    public RowRefused(int errcode, String errmsg) {
        super(errcode + " " + errmsg, null, false, false);
        this.errcode = errcode;
        this.errmsg = errmsg;
    }

    public int errcode() {
        return errcode;
    }

    public String errmsg() {
        return errmsg;
    }
}
