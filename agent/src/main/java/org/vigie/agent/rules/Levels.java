package org.vigie.agent.rules;

import java.time.Instant;
import org.vigie.agent.config.RuleConfig;
import org.vigie.agent.config.Severity;

/**
 * The warning and critical levels of an above/below threshold, each a debounced latch with
 * hysteresis: a level is entered past its threshold and left only back past threshold ∓ hysteresis.
 */
final class Levels {
    private static final Severity[] DESCENDING = {Severity.CRITICAL, Severity.WARNING};

    private final RuleConfig.Levels config;
    private final Latch warning;
    private final Latch critical;

    Levels(RuleConfig.Levels config, RuleConfig.Timing timing) {
        this.config = config;
        this.warning = new Latch(timing.raiseFor(), timing.clearFor());
        this.critical = new Latch(timing.raiseFor(), timing.clearFor());
    }

    RuleConfig.Levels config() {
        return config;
    }

    /** Whether {@code value} is beyond the level's threshold, given whether the level is held now. */
    boolean beyond(double value, Severity level, boolean held) {
        Double t = config.at(level);
        if (t == null) {
            return false;
        }
        double h = held ? config.hysteresis() : 0.0;
        return config.direction() == RuleConfig.Direction.ABOVE ? value > t - h : value < t + h;
    }

    Latch latch(Severity level) {
        return level == Severity.CRITICAL ? critical : warning;
    }

    /** Feeds one condition per level; returns the highest level now held, or {@code null}. */
    Severity update(boolean warningCondition, boolean criticalCondition, Instant now) {
        warning.update(warningCondition && config.warning() != null, now);
        critical.update(criticalCondition && config.critical() != null, now);
        return current();
    }

    Severity current() {
        for (Severity s : DESCENDING) {
            if (latch(s).active()) {
                return s;
            }
        }
        return null;
    }

    /** Holds the levels up to {@code level} without waiting: an alarm restored from before a restart. */
    void restore(Severity level) {
        if (level == Severity.CRITICAL && config.critical() != null) {
            critical.restore();
        }
        if (level.atLeast(Severity.WARNING) && config.warning() != null) {
            warning.restore();
        }
    }

    boolean waiting() {
        return warning.waiting() || critical.waiting();
    }

    /** The threshold worth naming: the held level's, or the lowest one watched. */
    Double shownThreshold(Severity level) {
        if (level != null) {
            return config.at(level);
        }
        return config.warning() != null ? config.warning() : config.critical();
    }
}
