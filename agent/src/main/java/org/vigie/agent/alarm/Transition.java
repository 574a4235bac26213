package org.vigie.agent.alarm;

import org.vigie.agent.config.Severity;

/**
 * A change of an alarm, published as its retained state and as an event.
 *
 * @param kind     what happened
 * @param alarm    the alarm after the change
 * @param previous the severity before (for escalation and de-escalation), or {@code null}
 */
public record Transition(Kind kind, Alarm alarm, Severity previous) {

    public enum Kind {
        RAISED, ESCALATED, DEESCALATED, ACKNOWLEDGED, CLEARED;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
