package dev.wxacode.cli;

/** What {@code wxacode} commands exit with. */
final class ExitCode {
    static final int OK = 0;
    /** The command could not do its work: a file, the network, the server failing. */
    static final int FAILED = 1;
    /** Bad usage or configuration (picocli's own code for usage errors). */
    static final int BAD_USAGE = 2;
    /** The server refused the request; its errcode and errmsg are on standard error. */
    static final int REFUSED = 3;
    /** A batch finished, but some rows were invalid or refused; see its errors file. */
    static final int PARTIAL = 4;

    private ExitCode() {
    }
}
