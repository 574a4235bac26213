package org.vigie.agent.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import org.vigie.agent.config.AgentConfig;
import org.vigie.agent.config.AgentConfigLoader;
import org.vigie.agent.config.ConfigException;

/** Loads an agent configuration for a command: every problem printed one a line, or the config. */
final class Configs {
    private Configs() {
    }

    /** The configuration, or {@code null} once its problems are printed on {@code out} (exit 2). */
    static AgentConfig agent(Path file, PrintStream out) {
        try {
            return AgentConfigLoader.load(file);
        } catch (ConfigException e) {
            e.lines().forEach(out::println);
            return null;
        }
    }
}
