package dev.wxacode.bench;

import org.HdrHistogram.Histogram;

/** One worker's counts for the measured window; merged by the main thread once the workers end. */
final class Tally {
    /** Latency in nanoseconds, 3 significant digits; grows as needed, so no request is cut off. */
    final Histogram latency = new Histogram(3);
    long successes;
    long errors;
    long bytes;

    void success(long latencyNanos, long bodyBytes) {
        latency.recordValue(latencyNanos);
        successes++;
        bytes += bodyBytes;
    }

    void error() {
        errors++;
    }

    void add(Tally other) {
        latency.add(other.latency);
        successes += other.successes;
        errors += other.errors;
        bytes += other.bytes;
    }
}
