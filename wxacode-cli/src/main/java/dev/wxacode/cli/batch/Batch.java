package dev.wxacode.cli.batch;

import dev.wxacode.client.WxaCodeException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Pre-generation of many codes: rows are read one at a time and made by a few workers at once (the
 * rows waiting for a worker are bounded too, so memory does not grow with the input). Each file is
 * written whole, then recorded in the manifest; invalid and refused rows go to {@code errors.csv}
 * with their line numbers, and the batch goes on. {@link #stop()} (Ctrl-C) lets the rows in hand
 * finish; a rerun carries on from the manifest.
 */
public final class Batch {
    static final String ERRORS = "errors.csv";

    /** How a run went. {@code made} counts files written by this run; {@code skipped} those a previous run wrote. */
    public record Summary(long rows, long made, long skipped, long invalid, long refused, boolean stopped) {
        public boolean clean() {
            return invalid == 0 && refused == 0 && !stopped;
        }
    }

    /** Thrown by a worker asked to stop while it waits. */
    public static final class Stopped extends RuntimeException {
        public Stopped() {
            super("stopped", null, false, false);
        }
    }

    private final Path input;
    private final Output output;
    private final Maker maker;
    private final RowDefaults defaults;
    private final int parallel;
    private final boolean verify;
    private final Progress.Mode progressMode;
    private final PrintWriter err;
    /** Problems shown on the console; all of them are in the errors file. */
    private static final int SHOWN_PROBLEMS = 20;
    private final AtomicLong reported = new AtomicLong();
    private volatile boolean stopping;
    private final CountDownLatch finished = new CountDownLatch(1);

    public Batch(Path input, Output output, Maker maker, RowDefaults defaults, int parallel, boolean verify,
                 Progress.Mode progressMode, PrintWriter err) {
        this.input = input;
        this.output = output;
        this.maker = maker;
        this.defaults = defaults;
        this.parallel = parallel;
        this.verify = verify;
        this.progressMode = progressMode;
        this.err = err;
    }

    /**
     * Asks the run to stop taking rows and waits (up to {@code timeout}) for the rows in hand: safe
     * to call from a shutdown hook.
     */
    public void stop(Duration timeout) throws InterruptedException {
        stopping = true;
        finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * @throws IOException the input, an output file or the manifest could not be read or written
     * @throws UncheckedIOException the maker could not reach the server
     */
    public Summary run() throws IOException {
        try {
            return runRows();
        } finally {
            finished.countDown();
        }
    }

    private Summary runRows() throws IOException {
        if (output.complete()) {
            err.println("batch: " + output + " is complete already; nothing to do");
            return new Summary(0, 0, 0, 0, 0, false);
        }
        long rows = RowReader.countRows(input);
        long lines;
        try (var all = Files.lines(input, StandardCharsets.UTF_8)) {
            lines = all.count();
        }
        Files.createDirectories(output.dir());
        AtomicLong made = new AtomicLong();
        AtomicLong skipped = new AtomicLong();
        AtomicLong invalid = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        AtomicReference<RuntimeException> fatal = new AtomicReference<>();
        Semaphore inHand = new Semaphore(parallel * 4);
        ExecutorService workers = Executors.newFixedThreadPool(parallel, r -> {
            Thread thread = new Thread(r, "batch-worker");
            thread.setDaemon(true);
            return thread;
        });
        try (Manifest manifest = Manifest.open(output.dir(), lines, verify);
             BufferedWriter errors = Files.newBufferedWriter(output.dir().resolve(ERRORS), StandardCharsets.UTF_8);
             RowReader reader = new RowReader(input, defaults);
             Progress progress = Progress.create(progressMode, rows, err)) {
            errors.write("line,scene,errcode,errmsg");
            errors.newLine();
            if (manifest.doneCount() > 0) {
                err.println("batch: resuming, " + manifest.doneCount() + " rows done before");
            }
            for (RowReader.Entry entry = reader.next(); entry != null && !stopping && fatal.get() == null; entry = reader.next()) {
                switch (entry) {
                    case RowReader.Invalid bad -> {
                        report(errors, bad.line(), cell(bad.text()), "", bad.reason());
                        invalid.incrementAndGet();
                        progress.advance(true);
                    }
                    case BatchRow row when manifest.isDone(row) -> {
                        skipped.incrementAndGet();
                        progress.advance(false);
                    }
                    case BatchRow row -> {
                        inHand.acquireUninterruptibly();
                        workers.execute(() -> {
                            try {
                                byte[] image = maker.make(row);
                                Output.writeAtomically(output.dir().resolve(row.filename()), image);
                                manifest.record(row, Manifest.sha256(image), image.length);
                                made.incrementAndGet();
                                progress.advance(false);
                            } catch (WxaCodeException e) {
                                report(errors, row.line(), row.scene(), Integer.toString(e.errcode()), e.errmsg());
                                refused.incrementAndGet();
                                progress.advance(true);
                            } catch (Stopped e) {
                                // asked to stop while waiting out a limit: the row stays undone
                            } catch (IOException e) {
                                fatal.compareAndSet(null, new UncheckedIOException(e));
                            } catch (RuntimeException e) {
                                fatal.compareAndSet(null, e);
                            } finally {
                                inHand.release();
                            }
                        });
                    }
                }
            }
            workers.shutdown();
            awaitQuietly(workers);
        } finally {
            workers.shutdownNow();
        }
        if (fatal.get() != null) {
            throw fatal.get();
        }
        Summary summary = new Summary(rows, made.get(), skipped.get(), invalid.get(), refused.get(), stopping);
        if (!stopping) {
            output.finish();
        }
        return summary;
    }

    private void report(BufferedWriter errors, long line, String scene, String errcode, String errmsg) {
        synchronized (errors) {
            try {
                errors.write(line + "," + cell(scene) + "," + errcode + "," + cell(errmsg));
                errors.newLine();
                errors.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + ERRORS, e);
            }
        }
        long shown = reported.incrementAndGet();
        if (shown <= SHOWN_PROBLEMS) {
            err.println("batch: line " + line + ": " + (errcode.isEmpty() ? "" : errcode + " ") + errmsg);
        } else if (shown == SHOWN_PROBLEMS + 1) {
            err.println("batch: more invalid or refused rows: see " + output.dir().resolve(ERRORS));
        }
    }

    private static String cell(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }

    private static void awaitQuietly(ExecutorService workers) {
        try {
            while (!workers.awaitTermination(1, TimeUnit.SECONDS)) {
                // rows in hand are still being made
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
