package org.vigie.agent.alarm;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The alarm lifecycle, with its table of allowed moves. {@code ACTIVE → ACTIVE} and
 * {@code ACKNOWLEDGED → ACKNOWLEDGED} are changes of severity; an escalation of an acknowledged
 * alarm makes it {@code ACTIVE} again, so a person is told about the worse news.
 */
public enum AlarmState {
    ACTIVE, ACKNOWLEDGED, CLEARED;

    private static final Map<AlarmState, Set<AlarmState>> ALLOWED = Map.of(
            ACTIVE, EnumSet.of(ACTIVE, ACKNOWLEDGED, CLEARED),
            ACKNOWLEDGED, EnumSet.of(ACKNOWLEDGED, ACTIVE, CLEARED),
            CLEARED, EnumSet.of(ACTIVE));

    public boolean canMoveTo(AlarmState next) {
        return ALLOWED.get(this).contains(next);
    }

    /** The move, or an {@link IllegalStateException} naming it when the table forbids it. */
    public AlarmState moveTo(AlarmState next) {
        if (!canMoveTo(next)) {
            throw new IllegalStateException("alarm cannot move from " + wire() + " to " + next.wire());
        }
        return next;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the condition is present (active or acknowledged). */
    public boolean raised() {
        return this != CLEARED;
    }
}
