package dev.wxacode.cli.batch;

import java.io.Console;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * How a batch shows it is alive: a progress bar with rate and ETA on a terminal, a plain line every
 * few seconds when the output is a log file or a CI console, where a redrawn bar makes noise.
 */
public abstract class Progress implements AutoCloseable {
    /** How a batch picks its display. */
    public enum Mode {
        AUTO, BAR, LINES, NONE
    }

    /** What became of a row. */
    public enum Outcome {
        MADE, SKIPPED, PROBLEM
    }

    protected final long total;
    protected final AtomicLong processed = new AtomicLong();
    protected final AtomicLong worked = new AtomicLong();
    protected final AtomicLong problems = new AtomicLong();
    private final long startNanos = System.nanoTime();

    Progress(long total) {
        this.total = total;
    }

    static Progress create(Mode mode, long total, PrintWriter out) {
        Mode chosen = mode == Mode.AUTO ? (onTerminal() ? Mode.BAR : Mode.LINES) : mode;
        return switch (chosen) {
            case BAR -> new Bar(total);
            case LINES -> new Lines(total, out, Duration.ofSeconds(5));
            default -> new Progress(total) {
            };
        };
    }

    /** One more row handled. Rows done by an earlier run count as handled, not in the rate. */
    void advance(Outcome outcome) {
        processed.incrementAndGet();
        if (outcome != Outcome.SKIPPED) {
            worked.incrementAndGet();
        }
        if (outcome == Outcome.PROBLEM) {
            problems.incrementAndGet();
        }
    }

    /** Rows made or refused per second since the start. */
    double rate() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        return seconds <= 0 ? 0 : worked.get() / seconds;
    }

    String line() {
        long done = processed.get();
        double rate = rate();
        long left = total - done;
        String eta = rate <= 0 ? "?" : format(Duration.ofSeconds((long) (left / rate)));
        return String.format(Locale.ROOT, "batch: %d/%d rows (%.1f%%), %.0f/s, %d invalid or refused, ETA %s",
                done, total, total == 0 ? 100.0 : 100.0 * done / total, rate, problems.get(), eta);
    }

    static String format(Duration d) {
        return String.format(Locale.ROOT, "%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
    }

    @Override
    public void close() {
    }

    /**
     * A console counts as a terminal unless Java says otherwise: from Java 22 a console exists
     * even when output is redirected, and {@code Console.isTerminal()} tells the difference.
     */
    private static boolean onTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // Java 21: a console is a terminal
        }
    }

    private static final class Bar extends Progress {
        private final ProgressBar bar;

        Bar(long total) {
            super(total);
            this.bar = new ProgressBarBuilder().setTaskName("codes").setInitialMax(total)
                    .setStyle(ProgressBarStyle.ASCII).showSpeed().setUpdateIntervalMillis(250).build();
        }

        /** Rows done before shrink the bar rather than fill it, so that its rate and ETA are this run's. */
        @Override
        void advance(Outcome outcome) {
            super.advance(outcome);
            if (outcome == Outcome.SKIPPED) {
                bar.maxHint(bar.getMax() - 1);
            } else {
                bar.step();
            }
            if (outcome == Outcome.PROBLEM) {
                bar.setExtraMessage(" " + problems.get() + " invalid or refused");
            }
        }

        @Override
        public void close() {
            bar.close();
        }
    }

    private static final class Lines extends Progress {
        private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "batch-progress");
            thread.setDaemon(true);
            return thread;
        });

        Lines(long total, PrintWriter out, Duration every) {
            super(total);
            ticker.scheduleAtFixedRate(() -> {
                out.println(line());
                out.flush();
            }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() {
            ticker.shutdownNow();
        }
    }
}
