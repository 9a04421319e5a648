package dev.wxacode.cli.batch;

import dev.wxacode.client.WxaCodeException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.Optional;
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
 * with their line numbers, and the batch goes on. {@link #stop()} (Ctrl-C) ends it early; a rerun
 * carries on from the manifest.
 */
public final class Batch {
    static final String ERRORS = "errors.csv";
    /** Problems shown on the console; all of them are in the errors file. */
    private static final int SHOWN_PROBLEMS = 20;

    /** How a run went. {@code made} counts files written by this run; {@code skipped} those a previous run wrote. */
    public record Summary(long rows, long made, long skipped, long invalid, long refused, boolean stopped) {
        public boolean clean() {
            return invalid == 0 && refused == 0 && !stopped;
        }
    }

    /** A refusal that no row can get past (the app's credentials): the batch stops. */
    public static final class Abort extends RuntimeException {
        public Abort(WxaCodeException cause) {
            super(cause.errcode() + " " + cause.errmsg(), cause);
        }
    }

    private final Path input;
    private final Path out;
    private final Output output;
    private final Maker maker;
    private final RowDefaults defaults;
    private final String settings;
    private final Shard shard;
    private final int parallel;
    private final boolean verify;
    private final Progress.Mode progressMode;
    private final PrintWriter err;
    private final AtomicLong reported = new AtomicLong();
    private final StopSignal stop = new StopSignal();

    /**
     * @param out      a directory, or a {@code .zip} file
     * @param settings what besides the input decides the files (server or offline, app, …): a
     *                 finished ZIP is redone when they change
     * @param shard    the rows this run makes; the others are read (so that every machine of a split
     *                 batch judges file names the same) but left to their own shard
     */
    public Batch(Path input, Path out, Maker maker, RowDefaults defaults, String settings, Shard shard, int parallel,
                 boolean verify, Progress.Mode progressMode, PrintWriter err) {
        this.input = input;
        this.out = out;
        this.output = Output.of(out);
        this.maker = maker;
        this.defaults = defaults;
        this.settings = settings;
        this.shard = shard;
        this.parallel = parallel;
        this.verify = verify;
        this.progressMode = progressMode;
        this.err = err;
    }

    /**
     * Stops taking rows: rows being made finish, rows waiting out a limit or for a worker stay
     * undone. {@link #run()} then returns a summary marked stopped. Safe from any thread.
     */
    public void stop() {
        stop.raise();
    }

    /**
     * @throws IOException the input, an output file or the manifest could not be read or written
     * @throws UncheckedIOException the maker could not reach the server
     * @throws Abort the server refused the app itself
     * @throws IllegalArgumentException the input's header names an unknown column (nothing is written then)
     */
    public Summary run() throws IOException {
        try (RowReader reader = new RowReader(input, defaults)) {
            return run(reader);
        }
    }

    private Summary run(RowReader reader) throws IOException {
        String fingerprint = fingerprint();
        Optional<Output.Finished> before = output.prepare(fingerprint);
        if (before.isPresent()) {
            Output.Finished done = before.get();
            err.println("batch: " + out + " is complete for this input already; nothing to do"
                    + (done.invalid() > 0 ? " (its " + ERRORS + " lists the invalid rows)" : ""));
            return new Summary(done.rows(), 0, done.rows() - done.invalid(), done.invalid(), 0, false);
        }
        RowReader.Counts counts = RowReader.count(input, shard);
        AtomicLong made = new AtomicLong();
        AtomicLong skipped = new AtomicLong();
        AtomicLong invalid = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        AtomicReference<RuntimeException> fatal = new AtomicReference<>();
        BitSet current = new BitSet();
        Semaphore inHand = new Semaphore(parallel * 4);
        ExecutorService workers = Executors.newFixedThreadPool(parallel, r -> {
            Thread thread = new Thread(r, "batch-worker");
            thread.setDaemon(true);
            return thread;
        });
        try (Manifest manifest = Manifest.open(output.dir(), counts.lines(), verify);
             BufferedWriter errors = Files.newBufferedWriter(output.dir().resolve(ERRORS), StandardCharsets.UTF_8);
             Progress progress = Progress.create(progressMode, counts.rows(), err)) {
            errors.write("line,scene,errcode,errmsg");
            errors.newLine();
            if (manifest.doneCount() > 0) {
                err.println("batch: resuming, " + manifest.doneCount() + " rows done before");
            }
            for (RowReader.Entry entry = reader.next(); entry != null && !stop.isRaised() && fatal.get() == null; entry = reader.next()) {
                if (!shard.includes(entry.line())) {
                    continue;
                }
                switch (entry) {
                    case RowReader.Invalid bad -> {
                        report(errors, bad.line(), bad.text(), "", bad.reason());
                        invalid.incrementAndGet();
                        progress.advance(Progress.Outcome.PROBLEM);
                    }
                    case BatchRow row when manifest.isDone(row) -> {
                        synchronized (current) {
                            current.set((int) row.line());
                        }
                        skipped.incrementAndGet();
                        progress.advance(Progress.Outcome.SKIPPED);
                    }
                    case BatchRow row -> {
                        inHand.acquireUninterruptibly();
                        workers.execute(() -> {
                            try {
                                if (stop.isRaised() || fatal.get() != null) {
                                    return; // queued before the batch ended: the row stays undone
                                }
                                byte[] image = maker.make(row, stop);
                                Output.writeAtomically(output.dir().resolve(row.filename()), image);
                                manifest.record(row, Manifest.sha256(image), image.length);
                                synchronized (current) {
                                    current.set((int) row.line());
                                }
                                made.incrementAndGet();
                                progress.advance(Progress.Outcome.MADE);
                            } catch (WxaCodeException e) {
                                report(errors, row.line(), row.scene(), Integer.toString(e.errcode()), e.errmsg());
                                refused.incrementAndGet();
                                progress.advance(Progress.Outcome.PROBLEM);
                            } catch (StopSignal.Stopped e) {
                                // the batch stopped while this row waited out a limit: it stays undone
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
            if (fatal.get() != null) {
                throw fatal.get();
            }
            boolean stopped = stop.isRaised();
            Summary summary = new Summary(counts.rows(), made.get(), skipped.get(), invalid.get(), refused.get(), stopped);
            if (!stopped) {
                manifest.compact(current);
                errors.flush();
                output.finish(manifest, current, summary.refused() == 0
                        ? Optional.of(new Output.Finished(fingerprint, summary.rows(), summary.invalid()))
                        : Optional.empty());
            }
            return summary;
        } finally {
            if (!workers.isTerminated()) {
                // Left early by an exception: rows still queued return at once, rows being made finish.
                stop.raise();
                workers.shutdown();
            }
        }
    }

    /** The input's bytes and the settings, hashed: what a finished ZIP is finished for. */
    private String fingerprint() throws IOException {
        try (InputStream in = Files.newInputStream(input)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                sha.update(buffer, 0, n);
            }
            sha.update(settings.getBytes(StandardCharsets.UTF_8));
            if (!shard.equals(Shard.ALL)) {
                sha.update(("shard " + shard).getBytes(StandardCharsets.UTF_8));
            }
            sha.update(defaults.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
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
