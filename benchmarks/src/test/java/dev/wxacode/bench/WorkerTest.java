package dev.wxacode.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WorkerTest {

    @Test
    void scenes_fit_the_scene_rules_even_late_in_a_long_run() {
        String run = Long.toString(System.currentTimeMillis(), 36);

        String scene = Worker.scene(run, 1023, 10_000_000_000L);

        assertThat(scene).hasSizeLessThanOrEqualTo(32).matches("[A-Za-z0-9!#$&'()*+,/:;=?@._~-]+");
    }

    @Test
    void scenes_differ_by_connection_and_count() {
        assertThat(Worker.scene("run", 1, 11)).isNotEqualTo(Worker.scene("run", 11, 1));
        assertThat(Worker.scene("run", 1, 11)).isEqualTo("run.1.b");
    }

    @Test
    void window_holds_its_start_not_its_end() {
        Worker.Window window = new Worker.Window(100, 200);

        assertThat(window.contains(100)).isTrue();
        assertThat(window.contains(199)).isTrue();
        assertThat(window.contains(200)).isFalse();
        assertThat(window.contains(99)).isFalse();
    }
}
