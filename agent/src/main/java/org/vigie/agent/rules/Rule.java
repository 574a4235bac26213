package org.vigie.agent.rules;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.vigie.agent.config.RuleConfig;
import org.vigie.sensors.ChannelSpec;
import org.vigie.sensors.Reading;

/** A running rule: the configuration plus whatever state its timers and hysteresis need. */
interface Rule {

    RuleConfig config();

    /** Evaluates against the latest reading of every channel. */
    List<Verdict> evaluate(Map<String, Reading> latest, Instant now);

    /** Whether a timer is running, so the rule must be evaluated again even without new readings. */
    boolean waiting();

    /**
     * Takes the state of an alarm raised before a restart, so that a condition still present keeps
     * the alarm (a {@code for} delay must not clear and raise it again).
     */
    void restore(org.vigie.agent.config.Severity level);

    static Rule of(RuleConfig config, Map<String, ChannelSpec> channels) {
        if (config instanceof RuleConfig.Threshold t) {
            return new ThresholdRule(t, channels.get(t.channel()));
        }
        if (config instanceof RuleConfig.State s) {
            return new StateRule(s, channels.get(s.channel()));
        }
        if (config instanceof RuleConfig.Rate r) {
            return new RateRule(r, channels.get(r.channel()));
        }
        return new VoteRule((RuleConfig.Vote) config, channels);
    }
}
