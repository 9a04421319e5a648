package dev.wxacode.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code wxacode} command.
 *
 * <p>Exit codes: see {@link ExitCode}.
 */
@Command(name = "wxacode",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Self-hosted, wire-compatible WeChat unlimited mini-program code service.",
        subcommands = {ServeCommand.class, GenCommand.class, BatchCommand.class, ScanCommand.class, AdminCommand.class,
                FaultsCommand.class, LogsCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 success, 1 failure (I/O, network, server), 2 bad usage or configuration,",
                "3 refused by the server (errcode on stderr), 4 batch done with invalid or refused rows,",
                "130 batch stopped with Ctrl-C (rerun to finish)."})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        LogFormat.configure(System.getenv());
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine line = new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
        // -V is offered on every command (mixinStandardHelpOptions); each prints the one version.
        withVersion(line);
        return line;
    }

    private static void withVersion(CommandLine command) {
        command.getCommandSpec().versionProvider(new Version());
        command.getSubcommands().values().forEach(Main::withVersion);
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
