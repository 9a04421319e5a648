package dev.wxacode.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Another process's CPU time and memory, from Linux's /proc (the server's, seen by the load
 * generator running beside it).
 *
 * @param clockTicksPerSecond the unit of /proc/PID/stat times ({@code getconf CLK_TCK}, 100 on
 *                            every usual Linux)
 */
record ProcStats(long pid, long clockTicksPerSecond) {

    static ProcStats of(long pid) {
        return new ProcStats(pid, clockTicks());
    }

    /** User plus system time the process has used so far, in nanoseconds. */
    long cpuNanos() {
        return cpuNanos(read("stat"), clockTicksPerSecond);
    }

    /**
     * CPU time so far of each of HotSpot's JIT compiler threads ({@code C1 CompilerThread0}, cut to
     * 15 characters by Linux), by thread id: a server still compiling is not yet at its steady speed.
     */
    Map<Long, Long> compilerThreadNanos() {
        Map<Long, Long> nanos = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    if (Files.readString(task.resolve("comm"), StandardCharsets.ISO_8859_1).contains("CompilerThre")) {
                        String stat = Files.readString(task.resolve("stat"), StandardCharsets.ISO_8859_1);
                        nanos.put(Long.parseLong(task.getFileName().toString()), cpuNanos(stat, clockTicksPerSecond));
                    }
                } catch (IOException exited) {
                    // HotSpot stops compiler threads it no longer needs; this one went between list and read.
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("process " + pid + " (has it exited?)", e);
        }
        return nanos;
    }

    /**
     * What the compiler threads used from one reading of {@link #compilerThreadNanos} to a later
     * one. A thread that exited in between is missing from the later reading and not counted, so
     * this is a lower bound.
     */
    static long compilerNanosBetween(Map<Long, Long> from, Map<Long, Long> to) {
        long sum = 0;
        for (Map.Entry<Long, Long> thread : to.entrySet()) {
            sum += thread.getValue() - from.getOrDefault(thread.getKey(), 0L);
        }
        return sum;
    }

    /** {@code VmRSS} (resident now) in KiB. */
    long rssKib() {
        return kib(read("status"), "VmRSS:");
    }

    /** {@code VmHWM} (the resident set's high-water mark) in KiB. */
    long peakRssKib() {
        return kib(read("status"), "VmHWM:");
    }

    /**
     * @param stat the one line of /proc/PID/stat: {@code pid (comm) state ppid ...}, utime and stime
     *             the 14th and 15th fields. comm may hold spaces and parentheses, so fields are counted
     *             from the last ')'.
     */
    static long cpuNanos(String stat, long clockTicksPerSecond) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        // fields[0] is field 3 (state), so utime (14) is fields[11] and stime (15) fields[12].
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks * TimeUnit.SECONDS.toNanos(1) / clockTicksPerSecond;
    }

    /** @param status the text of /proc/PID/status; a line like {@code VmRSS:\t  312456 kB} */
    static long kib(String status, String key) {
        for (String line : status.split("\n")) {
            if (line.startsWith(key)) {
                return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
            }
        }
        throw new IllegalStateException("no " + key + " in /proc status");
    }

    private String read(String file) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), file), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException("process " + pid + " (has it exited?)", e);
        }
    }

    private static long clockTicks() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (getconf.waitFor() == 0) {
                return Long.parseLong(out);
            }
        } catch (IOException | NumberFormatException e) {
            // No getconf: fall through to the value every mainstream Linux kernel uses.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 100;
    }
}
