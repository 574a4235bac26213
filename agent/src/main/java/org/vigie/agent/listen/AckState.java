package org.vigie.agent.listen;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The states a listener acknowledges (SPEC §3), and the moves an accepted shutdown may make
 * between them. An illegal move is a bug, and fails loudly.
 *
 * <pre>
 * RECEIVED  → COUNTDOWN | EXECUTING | CANCELLED
 * COUNTDOWN → COUNTDOWN (resumed after a restart) | EXECUTING | CANCELLED
 * EXECUTING, CANCELLED, REJECTED: final
 * </pre>
 */
enum AckState {
    RECEIVED, COUNTDOWN, EXECUTING, CANCELLED, REJECTED;

    private static final Map<AckState, Set<AckState>> NEXT = Map.of(
            RECEIVED, EnumSet.of(COUNTDOWN, EXECUTING, CANCELLED),
            COUNTDOWN, EnumSet.of(COUNTDOWN, EXECUTING, CANCELLED),
            EXECUTING, EnumSet.noneOf(AckState.class),
            CANCELLED, EnumSet.noneOf(AckState.class),
            REJECTED, EnumSet.noneOf(AckState.class));

    boolean canMoveTo(AckState next) {
        return NEXT.get(this).contains(next);
    }

    /** {@code next}, or an {@link IllegalStateException} when the table does not allow the move. */
    AckState to(AckState next) {
        if (!canMoveTo(next)) {
            throw new IllegalStateException("a shutdown cannot go from " + wire() + " to " + next.wire());
        }
        return next;
    }

    String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static AckState fromWire(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
