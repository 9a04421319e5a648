package dev.wxacode.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs a {@code wxacode} command in this process and keeps what it printed. */
final class Cli {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    int exit;

    static Cli run(String... args) {
        Cli cli = new Cli();
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(cli.out, true));
        commandLine.setErr(new PrintWriter(cli.err, true));
        cli.exit = commandLine.execute(args);
        return cli;
    }

    @Override
    public String toString() {
        return "exit " + exit + "\nout: " + out + "\nerr: " + err;
    }
}
