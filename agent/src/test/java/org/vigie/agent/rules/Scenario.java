package org.vigie.agent.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vigie.agent.alarm.AlarmBook;
import org.vigie.agent.alarm.Transition;
import org.vigie.agent.config.RuleConfig;
import org.vigie.agent.config.RuleConfig.Direction;
import org.vigie.agent.config.RuleConfig.Levels;
import org.vigie.agent.config.RuleConfig.Timing;
import org.vigie.agent.config.Severity;
import org.vigie.sensors.ChannelSpec;
import org.vigie.sensors.Quality;
import org.vigie.sensors.Reading;
import org.vigie.sensors.ValueType;

/**
 * One case of the rule-engine tables: timed readings fed to a {@link RuleEngine} and an
 * {@link AlarmBook}, and the transitions expected, each written {@code "SECONDS ALARM KIND SEVERITY"}
 * (like {@code "40 hot raised warning"}). Time is scenario seconds after {@link #T0}; the engine is
 * ticked at every whole second from the first step to the last, after that second's readings, as
 * the agent's tick would. No clock, no sleep.
 */
record Scenario(String name, List<RuleConfig> rules, List<Step> steps, List<String> expected) {

    static final Instant T0 = Instant.parse("2026-03-01T02:00:00Z");

    /** The channels every case may read. */
    static final Map<String, ChannelSpec> CHANNELS = Map.of(
            "t", new ChannelSpec("t", ValueType.NUMBER, "°C", "temperature"),
            "t1", new ChannelSpec("t1", ValueType.NUMBER, "°C", "temperature"),
            "t2", new ChannelSpec("t2", ValueType.NUMBER, "°C", "temperature"),
            "t3", new ChannelSpec("t3", ValueType.NUMBER, "°C", "temperature"),
            "leak", new ChannelSpec("leak", ValueType.BOOLEAN, null, "leak"),
            "leak2", new ChannelSpec("leak2", ValueType.BOOLEAN, null, "leak"),
            "mains", new ChannelSpec("mains", ValueType.BOOLEAN, null, "power"),
            "ups.on_battery", new ChannelSpec("ups.on_battery", ValueType.BOOLEAN, null, "ups"),
            "ups.charge_pct", new ChannelSpec("ups.charge_pct", ValueType.NUMBER, "%", "ups"),
            "ups.runtime_s", new ChannelSpec("ups.runtime_s", ValueType.NUMBER, "s", "ups"));

    /** A reading at {@code at} seconds; {@code value} is a Double, a Boolean, or null with a bad quality. */
    record Step(int at, String channel, Object value, Quality quality) {
    }

    @Override
    public String toString() {
        return name;
    }

    static Scenario of(String name, List<RuleConfig> rules, List<Step> steps, String... expected) {
        return new Scenario(name, rules, steps, List.of(expected));
    }

    static Step num(int at, String channel, double value) {
        return new Step(at, channel, value, Quality.GOOD);
    }

    static Step flag(int at, String channel, boolean value) {
        return new Step(at, channel, value, Quality.GOOD);
    }

    static Step fault(int at, String channel) {
        return new Step(at, channel, null, Quality.FAULT);
    }

    static Step stale(int at, String channel) {
        return new Step(at, channel, null, Quality.STALE);
    }

    /** Readings of {@code channel} every {@code every} seconds from {@code from} to {@code to}, value {@code a + b·t}. */
    static List<Step> line(String channel, int from, int to, int every, double a, double b) {
        List<Step> out = new ArrayList<>();
        for (int t = from; t <= to; t += every) {
            out.add(num(t, channel, a + b * t));
        }
        return out;
    }

    @SafeVarargs
    static List<Step> steps(List<Step>... parts) {
        List<Step> all = new ArrayList<>();
        for (List<Step> p : parts) {
            all.addAll(p);
        }
        return all;
    }

    static Timing timing(int forSeconds, int clearForSeconds) {
        return new Timing(Duration.ofSeconds(forSeconds), Duration.ofSeconds(clearForSeconds));
    }

    static RuleConfig above(String id, String channel, Double warning, Double critical, double hysteresis, Timing timing) {
        return new RuleConfig.Threshold(id, channel, new Levels(Direction.ABOVE, warning, critical, hysteresis), timing);
    }

    static RuleConfig below(String id, String channel, Double warning, Double critical, double hysteresis, Timing timing) {
        return new RuleConfig.Threshold(id, channel, new Levels(Direction.BELOW, warning, critical, hysteresis), timing);
    }

    /** Runs the case; returns the transitions it caused, in the form of {@link #expected}. */
    List<String> run() {
        RuleEngine engine = new RuleEngine(rules, CHANNELS);
        AlarmBook book = new AlarmBook();
        List<Step> sorted = new ArrayList<>(steps);
        sorted.sort(Comparator.comparingInt(Step::at));
        List<String> out = new ArrayList<>();
        int i = 0;
        for (int t = sorted.get(0).at(); t <= sorted.get(sorted.size() - 1).at(); t++) {
            Instant now = T0.plusSeconds(t);
            while (i < sorted.size() && sorted.get(i).at() == t) {
                Step s = sorted.get(i++);
                Reading r = new Reading(s.channel(), s.value(), s.quality(), now,
                        s.quality() == Quality.GOOD ? null : "probe " + s.quality().wire());
                apply(book, engine.onReading(r, now), now, t, out);
            }
            apply(book, engine.tick(now), now, t, out);
        }
        return out;
    }

    private static void apply(AlarmBook book, List<Verdict> verdicts, Instant now, int t, List<String> out) {
        for (Verdict v : verdicts) {
            Optional<Transition> tr = book.apply(v, now);
            tr.ifPresent(x -> out.add(t + " " + x.alarm().id() + " " + x.kind().wire() + " " + x.alarm().severity().wire()));
        }
    }

    static Severity sev(String wire) {
        return Severity.of(wire);
    }
}
