package org.vigie.agent.alarm;

import java.time.Instant;
import java.util.List;
import org.vigie.agent.config.Severity;

/**
 * One alarm as published on {@code <agent-root>/alarms/<alarm>}: an immutable snapshot.
 *
 * @param since when the current raise began (kept through escalation and acknowledgement)
 * @param ts    when this snapshot was made
 */
public record Alarm(String id, Severity severity, AlarmState state, List<String> sensors, Object value,
                    Double threshold, Instant since, Instant ts, String message, String ackedBy) {
}
