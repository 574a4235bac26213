package org.vigie.agent.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.util.Locale;
import java.util.Set;
import org.slf4j.LoggerFactory;

/**
 * Log levels from the command line ({@code --log-level}) or the environment ({@code
 * VIGIE_LOG_LEVEL}), both written {@code LEVEL[,LOGGER=LEVEL…]}: {@code warn},
 * {@code info,com.pi4j=error}, {@code org.vigie.sensors.snmp=debug}. See docs/logging.md.
 */
final class Logging {
    static final String ENVIRONMENT = "VIGIE_LOG_LEVEL";
    private static final Set<String> LEVELS = Set.of("error", "warn", "info", "debug", "trace", "off");

    private Logging() {
    }

    /** Applies {@code VIGIE_LOG_LEVEL}, if set; a wrong one is reported on stderr and ignored. */
    static void fromEnvironment() {
        String problem = level(System.getenv(ENVIRONMENT));
        if (problem != null) {
            System.err.println("vigie: " + ENVIRONMENT + ": " + problem + " (ignored)");
        }
    }

    /**
     * Applies {@code spec} ({@code null}: nothing); returns what is wrong with it, or {@code null}.
     * Nothing is applied unless all of it is right.
     */
    static String level(String spec) {
        if (spec == null || spec.isBlank()) {
            return null;
        }
        String[] items = spec.split(",");
        for (String item : items) {
            String level = item.substring(item.indexOf('=') + 1).strip().toLowerCase(Locale.ROOT);
            if (!LEVELS.contains(level)) {
                return "unknown level " + level + " in " + spec + "; levels are error, warn, info, debug, trace, off";
            }
            if (item.indexOf('=') == 0) {
                return "a logger name is missing before = in " + spec;
            }
        }
        for (String item : items) {
            int eq = item.indexOf('=');
            String name = eq < 0 ? org.slf4j.Logger.ROOT_LOGGER_NAME : item.substring(0, eq).strip();
            Level level = Level.toLevel(item.substring(eq + 1).strip(), Level.INFO);
            ((Logger) LoggerFactory.getLogger(name)).setLevel(level);
        }
        return null;
    }
}
