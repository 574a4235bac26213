package org.vigie.agent.cli;

import java.io.PrintStream;
import org.vigie.agent.config.AgentConfig;
import org.vigie.agent.config.Durations;
import org.vigie.agent.config.RecoveryConfig;

/** The {@code recovery:} lines of {@code vigie check}'s summary. */
final class RecoverySummary {
    private RecoverySummary() {
    }

    static void print(AgentConfig cfg, PrintStream out) {
        for (RecoveryConfig r : cfg.recovery()) {
            out.println("recovery " + r.id() + ": after policy " + r.after() + ", alarms cleared for "
                    + Durations.format(r.settle()) + (r.confirm() ? ", then a person confirms (vigie recover)" : "")
                    + " → " + String.join(" then ", r.groups().stream().map(RecoveryConfig.Group::id).toList()));
            for (RecoveryConfig.Group g : r.groups()) {
                out.println("  group " + g.id() + ": " + String.join(", ", g.wake().stream().map(RecoverySummary::wake).toList())
                        + "; back when its listeners are online, or after " + Durations.format(g.timeout()));
            }
        }
    }

    private static String wake(RecoveryConfig.Wake w) {
        if (w instanceof RecoveryConfig.Run run) {
            return String.join(" ", run.command()) + " (no shell, timeout " + Durations.format(run.timeout()) + ")";
        }
        return w.toString();
    }
}
