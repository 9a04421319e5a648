package dev.wxacode.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs a {@code wxacode} command in this process and keeps what it printed. */
final class Cli {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    volatile int exit;

    static Cli run(String... args) {
        Cli cli = new Cli();
        cli.execute(args);
        return cli;
    }

    /** Runs the command here, on this thread, until it ends. */
    void execute(String... args) {
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        exit = commandLine.execute(args);
    }

    @Override
    public String toString() {
        return "exit " + exit + "\nout: " + out + "\nerr: " + err;
    }
}
