package org.vigie.agent.rules;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.vigie.agent.config.RuleConfig;
import org.vigie.sensors.ChannelSpec;
import org.vigie.sensors.Reading;

/**
 * {@code when: active} (or {@code inactive}) on a boolean channel. A numeric channel counts as
 * active when it is not 0 (a sysfs GPIO value file, a contact read as 0/1).
 */
final class StateRule implements Rule {
    private final RuleConfig.State config;
    private final ChannelSpec channel;
    private final Latch latch;

    StateRule(RuleConfig.State config, ChannelSpec channel) {
        this.config = config;
        this.channel = channel;
        this.latch = new Latch(config.timing().raiseFor(), config.timing().clearFor());
    }

    @Override
    public RuleConfig config() {
        return config;
    }

    @Override
    public void restore(org.vigie.agent.config.Severity level) {
        latch.restore();
    }

    @Override
    public boolean waiting() {
        return latch.waiting();
    }

    @Override
    public List<Verdict> evaluate(Map<String, Reading> latest, Instant now) {
        Reading r = latest.get(config.channel());
        List<String> sensors = List.of(config.channel());
        if (r == null || !r.good()) {
            return List.of(Verdict.hold(config.id(), sensors));
        }
        boolean active = r.asDouble() != 0.0;
        boolean on = latch.update(active == config.active(), now);
        return List.of(new Verdict(config.id(), on ? config.severity() : null, false, sensors, r.value(), null,
                message(active)));
    }

    private String message(boolean active) {
        String kind = channel == null ? null : channel.kind();
        String name = config.channel();
        if ("leak".equals(kind)) {
            return active ? "Water detected at " + name : "No water at " + name + " any more";
        }
        return name + (active ? " is active" : " is inactive");
    }
}
