package org.vigie.sensors.snmp;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigie.sensors.Reading;

/**
 * One log line when a sensor's problem changes (a new fault, or back to good), never one per
 * poll, never a stack trace: expected faults are reported as reading quality.
 */
final class ProblemLog {

    private static final Logger LOG = LoggerFactory.getLogger("org.vigie.sensors.snmp");

    private final String who;
    private String last;

    /** @param who outermost context, like {@code ups-1 192.0.2.10:161} */
    ProblemLog(String who) {
        this.who = who;
    }

    /** Reports the current problem, {@code null} when all is good. */
    synchronized void report(String problem) {
        if (problem == null ? last == null : problem.equals(last)) {
            return;
        }
        if (problem == null) {
            LOG.info("{}: answering again, every channel good", who);
        } else {
            LOG.warn("{}: {}", who, problem);
        }
        last = problem;
    }

    /** The distinct problems of {@code readings}, joined; {@code null} when all are good. */
    static String summary(Collection<Reading> readings) {
        Set<String> problems = new LinkedHashSet<>();
        for (Reading r : readings) {
            if (!r.good()) {
                problems.add(r.problem());
            }
        }
        return problems.isEmpty() ? null : String.join("; ", problems);
    }
}
