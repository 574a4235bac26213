package org.vigie.agent.config;

import java.time.Duration;
import java.util.List;

/** A validated rule (SPEC §2 "Rules"). Every rule raises the alarm of the same id. */
public sealed interface RuleConfig {

    String id();

    /** The channels the rule reads. */
    List<String> channels();

    /** How long the condition must hold to raise (or escalate), and to clear (or de-escalate). */
    Timing timing();

    record Timing(Duration raiseFor, Duration clearFor) {
        public static final Timing NONE = new Timing(Duration.ZERO, Duration.ZERO);
    }

    /** {@code above} or {@code below}. */
    enum Direction {
        ABOVE, BELOW;

        public String wire() {
            return this == ABOVE ? "above" : "below";
        }
    }

    /**
     * Levels of a threshold: {@code warning} and/or {@code critical}, either may be {@code null}.
     */
    record Levels(Direction direction, Double warning, Double critical, double hysteresis) {
        public Double at(Severity s) {
            return s == Severity.CRITICAL ? critical : s == Severity.WARNING ? warning : null;
        }
    }

    /** {@code above}/{@code below} on one channel. */
    record Threshold(String id, String channel, Levels levels, Timing timing) implements RuleConfig {
        @Override
        public List<String> channels() {
            return List.of(channel);
        }
    }

    /** {@code when: active|inactive} on one channel. */
    record State(String id, String channel, boolean active, Severity severity, Timing timing) implements RuleConfig {
        @Override
        public List<String> channels() {
            return List.of(channel);
        }
    }

    /** {@code rate: {above: X, per: P}}: change per {@code per}, estimated over {@code window}. */
    record Rate(String id, String channel, Direction direction, double limit, Duration per, Duration window,
                double hysteresis, Severity severity, Timing timing) implements RuleConfig {
        @Override
        public List<String> channels() {
            return List.of(channel);
        }
    }

    /**
     * {@code sensors} + {@code vote}: at least {@code vote} of the channels must agree. Either
     * {@code levels} (above/below) or {@code active} (when) is set.
     */
    record Vote(String id, List<String> channels, int vote, Levels levels, Boolean active, Severity severity,
                Timing timing) implements RuleConfig {
    }
}
