package dev.wxacode.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcStatsTest {

    @Test
    void cpu_time_is_utime_plus_stime_counted_after_the_command_name() {
        // A command name with a space and a parenthesis, as a thread may be named.
        String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 31279 0 1 0 1234 566 0 0 20 0 40 0 998 4000000 30000";

        assertThat(ProcStats.cpuNanos(stat, 100)).isEqualTo(18_000_000_000L);
    }

    @Test
    void memory_lines_are_read_in_kib() {
        String status = "Name:\tjava\nVmHWM:\t  340112 kB\nVmRSS:\t  312456 kB\nThreads:\t40\n";

        assertThat(ProcStats.kib(status, "VmRSS:")).isEqualTo(312_456);
        assertThat(ProcStats.kib(status, "VmHWM:")).isEqualTo(340_112);
    }

    @Test
    void this_process_has_used_cpu_and_memory() {
        ProcStats self = ProcStats.of(ProcessHandle.current().pid());

        assertThat(self.cpuNanos()).isPositive();
        // Not compared with each other: the heap may grow between the two reads.
        assertThat(self.rssKib()).isPositive();
        assertThat(self.peakRssKib()).isPositive();
    }
}
