package dev.wxacode.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
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

    @Test
    void this_process_has_compiler_threads_that_have_worked() {
        // HotSpot keeps its first C1 and C2 thread; by the time a test runs, they have compiled something.
        Map<Long, Long> compilers = ProcStats.of(ProcessHandle.current().pid()).compilerThreadNanos();

        assertThat(compilers).isNotEmpty();
        assertThat(compilers.values().stream().mapToLong(Long::longValue).sum()).isPositive();
    }

    @Test
    void compiler_time_between_readings_counts_threads_by_id_and_drops_those_that_exited() {
        Map<Long, Long> from = Map.of(11L, 5_000L, 12L, 7_000L, 13L, 1_000L);
        // 12 exited; 14 started in between and counts from zero.
        Map<Long, Long> to = Map.of(11L, 9_000L, 13L, 1_000L, 14L, 2_500L);

        assertThat(ProcStats.compilerNanosBetween(from, to)).isEqualTo(4_000L + 0 + 2_500L);
    }
}
