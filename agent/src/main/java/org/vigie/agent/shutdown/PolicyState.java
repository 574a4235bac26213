package org.vigie.agent.shutdown;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A shutdown policy's progress, with its table of allowed moves. {@code IDLE} is never published;
 * a policy that ended (cancelled or complete) may fire again once its alarms have cleared and
 * come back.
 */
public enum PolicyState {
    IDLE, PENDING, ISSUED, CANCELLED, COMPLETE;

    private static final Map<PolicyState, Set<PolicyState>> ALLOWED = Map.of(
            IDLE, EnumSet.of(PENDING),
            PENDING, EnumSet.of(ISSUED, CANCELLED, COMPLETE),
            ISSUED, EnumSet.of(CANCELLED, COMPLETE),
            CANCELLED, EnumSet.of(PENDING),
            COMPLETE, EnumSet.of(PENDING));

    public PolicyState moveTo(PolicyState next) {
        if (!ALLOWED.get(this).contains(next)) {
            throw new IllegalStateException("shutdown policy cannot move from " + wire() + " to " + next.wire());
        }
        return next;
    }

    /** Whether commands may still be running (not yet cancelled or complete). */
    public boolean inProgress() {
        return this == PENDING || this == ISSUED;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
