package dev.wxacode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MainTest {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int run(String... args) {
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void help_lists_the_commands() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("Usage: wxacode", "serve", "Exit codes");
    }

    @Test
    void every_command_has_help() {
        assertThat(run("serve", "--help")).isZero();
        assertThat(out.toString()).contains("Usage: wxacode serve", "--port", "--config", "--data-dir", "--seed");
        for (String[] command : new String[][] {{"gen"}, {"batch"}, {"scan"}, {"admin"}, {"admin", "apps"}, {"admin", "apps", "create"},
                {"admin", "apps", "set"}, {"admin", "apps", "logo"}, {"admin", "apps", "style"}, {"admin", "releases", "publish"}, {"admin", "keys", "rotate"}}) {
            out.getBuffer().setLength(0);
            String[] args = Arrays.copyOf(command, command.length + 1);
            args[command.length] = "--help";
            assertThat(run(args)).as(String.join(" ", command)).isZero();
            assertThat(out.toString()).contains("Usage: wxacode " + String.join(" ", command));
        }
    }

    @Test
    void every_help_text_formats_and_names_its_values() {
        java.io.PrintStream stderr = System.err;
        java.io.ByteArrayOutputStream warnings = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(warnings, true));
        try {
            // picocli formats each description as it prints help, and warns on stderr of one it
            // cannot (a lone %), once per line of every --help.
            lines(Main.commandLine()).forEach(line -> line.usage(new PrintWriter(new StringWriter())));
        } finally {
            System.setErr(stderr);
        }
        assertThat(warnings.toString()).doesNotContain("picocli WARN");
        // A value's name picocli made up from the method's argument order says nothing (flags take no value).
        assertThat(lines(Main.commandLine())).allSatisfy(line -> line.getCommandSpec().args().stream()
                .filter(arg -> arg.arity().max() > 0)
                .forEach(arg -> assertThat(arg.paramLabel()).as(line.getCommandSpec().qualifiedName()).doesNotMatch("<arg\\d+>")));
    }

    static java.util.List<CommandLine> lines(CommandLine line) {
        java.util.List<CommandLine> all = new java.util.ArrayList<>(java.util.List.of(line));
        line.getSubcommands().values().forEach(sub -> all.addAll(lines(sub)));
        return all;
    }

    @Test
    void an_unknown_option_is_a_usage_error() {
        assertThat(run("serve", "--prot", "80")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown options: '--prot'");
    }

    @Test
    void a_bad_setting_stops_serve_with_exit_code_2_and_names_it(@TempDir Path dir) {
        assertThat(run("serve", "--port", "70000", "--data-dir", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("WXACODE_PORT", "http.port");
    }

    @Test
    void a_missing_config_file_is_reported(@TempDir Path dir) {
        assertThat(run("serve", "--config", dir.resolve("nope.yaml").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("nope.yaml");
    }
}
