package dev.wxacode.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import picocli.CommandLine;

/** Runs a {@code wxacode} command in this process and keeps what it printed. */
final class Cli {
    final Output out = new Output();
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

    /** What a command printed, which another thread can wait for: each flush wakes the waiters. */
    static final class Output extends StringWriter {
        @Override
        public void flush() {
            synchronized (this) {
                notifyAll();
            }
        }

        /** Waits until {@code text} has been printed, and fails the test after {@code timeout}. */
        synchronized void await(String text, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!toString().contains(text)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("'" + text + "' not printed within " + timeout + ": " + this);
                }
                wait(Math.max(1, left / 1_000_000));
            }
        }
    }
}
