package org.vigie.agent.rules;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.vigie.agent.config.RuleConfig;
import org.vigie.agent.config.Severity;
import org.vigie.sensors.ChannelSpec;
import org.vigie.sensors.Reading;

/** {@code above}/{@code below} on one channel, with hysteresis, {@code for} and {@code clear_for}. */
final class ThresholdRule implements Rule {
    private final RuleConfig.Threshold config;
    private final ChannelSpec channel;
    private final Levels levels;

    ThresholdRule(RuleConfig.Threshold config, ChannelSpec channel) {
        this.config = config;
        this.channel = channel;
        this.levels = new Levels(config.levels(), config.timing());
    }

    @Override
    public RuleConfig config() {
        return config;
    }

    @Override
    public void restore(org.vigie.agent.config.Severity level) {
        levels.restore(level);
    }

    @Override
    public boolean waiting() {
        return levels.waiting();
    }

    @Override
    public List<Verdict> evaluate(Map<String, Reading> latest, Instant now) {
        Reading r = latest.get(config.channel());
        List<String> sensors = List.of(config.channel());
        if (r == null || !r.good()) {
            return List.of(Verdict.hold(config.id(), sensors));
        }
        double v = r.asDouble();
        Severity level = levels.update(
                levels.beyond(v, Severity.WARNING, levels.latch(Severity.WARNING).active()),
                levels.beyond(v, Severity.CRITICAL, levels.latch(Severity.CRITICAL).active()), now);
        Double threshold = levels.shownThreshold(level);
        String dir = config.levels().direction().wire();
        String message = level == null
                ? config.channel() + " at " + Text.value(v, channel) + ", back within limits"
                : config.channel() + " at " + Text.value(v, channel) + ", " + dir + " " + level.wire() + " "
                + Text.value(threshold, channel);
        return List.of(new Verdict(config.id(), level, false, sensors, r.value(), threshold, message));
    }
}
