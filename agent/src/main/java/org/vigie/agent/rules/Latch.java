package org.vigie.agent.rules;

import java.time.Duration;
import java.time.Instant;

/**
 * A condition debounced in time: it becomes active once the condition has held for
 * {@code raiseFor}, and inactive once it has been false for {@code clearFor}.
 */
final class Latch {
    private final Duration raiseFor;
    private final Duration clearFor;
    private boolean active;
    private Instant changingSince;

    Latch(Duration raiseFor, Duration clearFor) {
        this.raiseFor = raiseFor;
        this.clearFor = clearFor;
    }

    boolean active() {
        return active;
    }

    /** Whether a change is waiting for its delay to pass (the engine re-evaluates such rules on its tick). */
    boolean waiting() {
        return changingSince != null;
    }

    /** Sets the latch active without waiting: an alarm restored from before a restart. */
    void restore() {
        active = true;
        changingSince = null;
    }

    boolean update(boolean condition, Instant now) {
        if (condition == active) {
            changingSince = null;
            return active;
        }
        if (changingSince == null) {
            changingSince = now;
        }
        Duration needed = condition ? raiseFor : clearFor;
        if (!Duration.between(changingSince, now).minus(needed).isNegative()) {
            active = condition;
            changingSince = null;
        }
        return active;
    }
}
