package dev.wxacode.cli;

import dev.wxacode.server.config.ConfigLoader;
import dev.wxacode.server.config.ServerConfig;
import dev.wxacode.server.config.Setting;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The server's configuration, for commands that run it or work on its data in-process: a file,
 * then {@code WXACODE_*} variables, with these options on top.
 */
final class ConfigOptions {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "YAML or JSON configuration file (default: $WXACODE_CONFIG, else none).")
    Path config;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "The data directory (default ./data, or WXACODE_DATA_DIR).")
    Path dataDir;

    /** @param overrides more settings from the command's own options, by {@link Setting} */
    ServerConfig load(Map<Setting, String> overrides) {
        Map<String, String> env = new HashMap<>(System.getenv());
        if (dataDir != null) {
            env.put(Setting.DATA_DIR.envName(), dataDir.toString());
        }
        overrides.forEach((setting, value) -> env.put(setting.envName(), value));
        return ConfigLoader.load(configFile(), env);
    }

    private Optional<Path> configFile() {
        if (config != null) {
            return Optional.of(config);
        }
        String fromEnv = System.getenv("WXACODE_CONFIG");
        return fromEnv == null || fromEnv.isBlank() ? Optional.empty() : Optional.of(Path.of(fromEnv));
    }
}
