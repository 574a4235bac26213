package org.vigie.agent.recovery;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An ordered recovery's progress (SPEC §9), with its table of allowed moves; any other move is a
 * bug and throws. {@code IDLE} (its shutdown policy has not run) is never published. A recovery
 * that ended (complete, incomplete or stopped) waits again once its shutdown policy runs again;
 * a stopped one may also be sent back to waiting by a person ({@code vigie recover}).
 */
public enum RecoveryState {
    IDLE, WAITING, SETTLING, CONFIRM, WAKING, COMPLETE, INCOMPLETE, STOPPED;

    private static final Map<RecoveryState, Set<RecoveryState>> ALLOWED = Map.of(
            IDLE, EnumSet.of(WAITING),
            WAITING, EnumSet.of(SETTLING),
            SETTLING, EnumSet.of(CONFIRM, WAKING, STOPPED),
            CONFIRM, EnumSet.of(WAKING, STOPPED),
            WAKING, EnumSet.of(COMPLETE, INCOMPLETE, STOPPED),
            COMPLETE, EnumSet.of(WAITING),
            INCOMPLETE, EnumSet.of(WAITING),
            STOPPED, EnumSet.of(WAITING));

    public RecoveryState moveTo(RecoveryState next) {
        if (!ALLOWED.get(this).contains(next)) {
            throw new IllegalStateException("recovery cannot move from " + wire() + " to " + next.wire());
        }
        return next;
    }

    public boolean canMoveTo(RecoveryState next) {
        return ALLOWED.get(this).contains(next);
    }

    /** Settling, waiting for a person, or waking: a returning alarm of the policy stops it. */
    public boolean underWay() {
        return this == SETTLING || this == CONFIRM || this == WAKING;
    }

    /** Whether the servers the policy stopped may still be down and this recovery is over (or never began). */
    public boolean ended() {
        return this == IDLE || this == COMPLETE || this == INCOMPLETE || this == STOPPED;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RecoveryState of(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
