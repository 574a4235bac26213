package org.vigie.agent.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.vigie.agent.config.RuleConfig;
import org.vigie.agent.config.Severity;
import org.vigie.sensors.ChannelSpec;
import org.vigie.sensors.Quality;
import org.vigie.sensors.Reading;

/**
 * Turns readings into verdicts: every rule reading the channel, plus the automatic fault alarms
 * ({@code <channel>.fault}, or one {@code <sensor>.fault} when all of a sensor's channels fail
 * together: {@link FaultFold}). Not thread-safe: one thread feeds it.
 */
public final class RuleEngine {

    private final Map<String, Reading> latest = new HashMap<>();
    private final Map<String, List<Rule>> byChannel = new HashMap<>();
    private final List<Rule> rules = new ArrayList<>();
    private final FaultFold faults;

    public RuleEngine(List<RuleConfig> configs, Map<String, ChannelSpec> channels) {
        this.faults = new FaultFold(channels.keySet());
        for (RuleConfig c : configs) {
            Rule rule = Rule.of(c, channels);
            rules.add(rule);
            for (String ch : c.channels()) {
                byChannel.computeIfAbsent(ch, k -> new ArrayList<>()).add(rule);
            }
        }
    }

    /** Seeds the rule behind {@code alarm} with a level raised before a restart. */
    public void restore(String alarm, org.vigie.agent.config.Severity level) {
        for (Rule r : rules) {
            if (r.config().id().equals(alarm)) {
                r.restore(level);
            }
        }
    }

    /** The id of the automatic alarm of a channel that is not good (alone: see {@link FaultFold}). */
    public static String faultAlarm(String channel) {
        return channel + ".fault";
    }

    /** Feeds one reading; returns the verdicts of the fault alarm and of every rule reading that channel. */
    public List<Verdict> onReading(Reading reading, Instant now) {
        Reading previous = latest.put(reading.channel(), reading);
        List<Verdict> out = new ArrayList<>(faults.onReading(reading, previous, now));
        for (Rule rule : byChannel.getOrDefault(reading.channel(), List.of())) {
            out.addAll(rule.evaluate(latest, now));
        }
        return out;
    }

    /** Re-evaluates the rules whose {@code for}/{@code clear_for} timers are running. */
    public List<Verdict> tick(Instant now) {
        List<Verdict> out = new ArrayList<>(faults.tick(now));
        for (Rule rule : rules) {
            if (rule.waiting()) {
                out.addAll(rule.evaluate(latest, now));
            }
        }
        return out;
    }

    /** The latest reading of every channel seen so far. */
    public Map<String, Reading> latest() {
        return Map.copyOf(latest);
    }

    /** Rules waiting on a timer need a tick at least this often to be on time. */
    public static Duration tickPeriod() {
        return Duration.ofMillis(100);
    }
}
