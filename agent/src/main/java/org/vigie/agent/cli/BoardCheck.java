package org.vigie.agent.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import org.vigie.agent.config.BoardConfig;
import org.vigie.agent.config.BoardConfigLoader;
import org.vigie.agent.config.ConfigException;
import org.vigie.agent.config.Durations;

/** {@code vigie check} of a board configuration: its problems, or a summary. */
final class BoardCheck {
    private BoardCheck() {
    }

    static int check(Path file, PrintStream out) {
        BoardConfig cfg;
        try {
            cfg = BoardConfigLoader.load(file);
        } catch (ConfigException e) {
            e.lines().forEach(out::println);
            return Main.USAGE;
        }
        out.println(cfg.source() + ": valid board configuration: board " + cfg.board() + ", following "
                + (cfg.sites().isEmpty() ? "every site" : "sites " + String.join(", ", cfg.sites())));
        out.println("mqtt: " + String.join(", ", cfg.mqtt().urls().stream().map(Object::toString).toList())
                + " as " + cfg.mqtt().clientId() + " (persistent session)");
        out.println("state_dir: " + cfg.stateDir());
        out.println("offline_after: " + Durations.format(cfg.offlineAfter()));
        out.println("http: " + (cfg.http() == null ? "none" : cfg.http().getHostString() + ":" + cfg.http().getPort()));
        if (cfg.pub() == null) {
            out.println("public: none");
            return Main.OK;
        }
        out.println("public: " + cfg.pub().dir() + " (\"" + cfg.pub().title() + "\", incidents at "
                + cfg.pub().incidentSeverity().wire() + ")");
        cfg.pub().components().forEach(c -> out.println("  " + c.name() + ": site " + c.site() + ", agents "
                + String.join(", ", c.agents())));
        return Main.OK;
    }
}
