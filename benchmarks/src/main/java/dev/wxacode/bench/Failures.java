package dev.wxacode.bench;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicInteger;

/** Prints the first few failed requests, from any worker, warm-up included; the rest are only counted. */
final class Failures {
    private static final int SHOWN = 5;
    private static final int MAX_CHARS = 300;

    private final AtomicInteger seen = new AtomicInteger();
    private final PrintStream out;

    Failures(PrintStream out) {
        this.out = out;
    }

    void report(String description) {
        int n = seen.incrementAndGet();
        if (n <= SHOWN) {
            String shown = description.length() > MAX_CHARS ? description.substring(0, MAX_CHARS) + "…" : description;
            out.println("failed request " + n + ": " + shown.strip());
        } else if (n == SHOWN + 1) {
            out.println("(further failures are only counted)");
        }
    }
}
