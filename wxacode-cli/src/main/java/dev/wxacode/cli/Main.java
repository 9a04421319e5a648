package dev.wxacode.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code wxacode} command.
 *
 * <p>Exit codes: 0 success; 1 the command failed (for {@code serve}: the server could not start);
 * 2 bad usage or configuration (picocli's own code for usage errors, reused for bad settings).
 */
@Command(name = "wxacode",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Self-hosted, wire-compatible WeChat unlimited mini-program code service.",
        subcommands = {ServeCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 success, 1 failure, 2 bad usage or configuration."})
public final class Main implements Runnable {
    static final int FAILED = 1;
    static final int BAD_USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        LogFormat.configure(System.getenv());
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new Main());
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"wxacode " + (version == null ? "(development build)" : version)};
        }
    }
}
