package org.vigie.sensors;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import org.slf4j.Logger;

/**
 * One log line when a sensor's problem changes (a new fault, or back to good), never one per
 * poll, never a stack trace: expected faults are reported as reading quality.
 */
public final class FaultLog {

    private final Logger log;
    private final String who;
    private String last;

    /**
     * @param log the driver's logger
     * @param who outermost context, like {@code ups-1 192.0.2.10:161}
     */
    public FaultLog(Logger log, String who) {
        this.log = log;
        this.who = who;
    }

    /** Reports the current problem, {@code null} when all is good. */
    public synchronized void report(String problem) {
        if (problem == null ? last == null : problem.equals(last)) {
            return;
        }
        if (problem == null) {
            log.info("{}: answering again, every channel good", who);
        } else {
            log.warn("{}: {}", who, problem);
        }
        last = problem;
    }

    /** The distinct problems of {@code readings}, joined; {@code null} when all are good. */
    public static String summary(Collection<Reading> readings) {
        Set<String> problems = new LinkedHashSet<>();
        for (Reading r : readings) {
            if (!r.good()) {
                problems.add(r.problem());
            }
        }
        return problems.isEmpty() ? null : String.join("; ", problems);
    }
}
