package org.vigie.agent.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vigie.sensors.ChannelSpec;
import org.vigie.sensors.SensorSpec;

/**
 * Every alarm the agent can raise, with the highest severity it can reach and the sensors behind
 * it, known before anything starts: what routes and shutdown policies name is checked against it.
 */
public final class AlarmCatalog {

    /** What raises an alarm. */
    public enum Kind {
        RULE, QUORUM, CHANNEL_FAULT, SENSOR_FAULT, STATE_DIR;

        /** Whether this alarm says a reading is missing or wrong rather than the room being in danger. */
        public boolean fault() {
            return this != RULE;
        }
    }

    /**
     * One alarm.
     *
     * @param highest the highest severity it can ever have
     * @param why     why {@code highest} is what it is, for a person reading {@code vigie check}
     * @param sensors the sensor ids behind it
     */
    public record Entry(String id, Kind kind, Severity highest, String why, Set<String> sensors) {
    }

    /** The alarm of a {@code state_dir} that cannot be written (a full disk). */
    public static final String STATE_DIR_ALARM = "state_dir.fault";

    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final Set<String> brokenRules;
    private final Set<String> brokenSensors;
    private final boolean sensorsMissing;

    /**
     * @param brokenRules   ids of rules written in the file that did not load (their problem is reported)
     * @param brokenSensors ids of sensors written in the file that did not load (their problem is reported)
     */
    AlarmCatalog(List<SensorSpec> sensors, List<RuleConfig> rules, Set<String> brokenRules, Set<String> brokenSensors) {
        this(sensors, rules, brokenRules, brokenSensors, false);
    }

    /** @param sensorsMissing the sensors: section is absent (reported): no alarm name is reported as unknown */
    AlarmCatalog(List<SensorSpec> sensors, List<RuleConfig> rules, Set<String> brokenRules, Set<String> brokenSensors,
                 boolean sensorsMissing) {
        this.sensorsMissing = sensorsMissing;
        this.brokenRules = Set.copyOf(brokenRules);
        this.brokenSensors = Set.copyOf(brokenSensors);
        Map<String, String> sensorOf = new LinkedHashMap<>();
        for (SensorSpec s : sensors) {
            s.channels().forEach(c -> sensorOf.put(c.address(), s.id()));
        }
        for (RuleConfig r : rules) {
            Set<String> behind = new LinkedHashSet<>();
            r.channels().forEach(c -> behind.add(sensorOf.getOrDefault(c, c)));
            add(new Entry(r.id(), Kind.RULE, highest(r), why(r), behind));
            if (r instanceof RuleConfig.Vote) {
                add(new Entry(r.id() + ".quorum", Kind.QUORUM, Severity.WARNING, "quorum alarms are always warning", behind));
            }
        }
        for (SensorSpec s : sensors) {
            for (ChannelSpec c : s.channels()) {
                add(new Entry(c.address() + ".fault", Kind.CHANNEL_FAULT, Severity.WARNING,
                        "fault alarms are always warning", Set.of(s.id())));
            }
            if (s.channels().size() > 1) {
                add(new Entry(s.id() + ".fault", Kind.SENSOR_FAULT, Severity.WARNING,
                        "fault alarms are always warning", Set.of(s.id())));
            }
        }
        add(new Entry(STATE_DIR_ALARM, Kind.STATE_DIR, Severity.WARNING, "fault alarms are always warning", Set.of()));
    }

    private void add(Entry e) {
        entries.putIfAbsent(e.id(), e);
    }

    /** Every alarm, in the order of the file: rules first, then the sensors' fault alarms. */
    public Map<String, Entry> entries() {
        return java.util.Collections.unmodifiableMap(entries);
    }

    /** The ids of every alarm. */
    public Set<String> ids() {
        return java.util.Collections.unmodifiableSet(entries.keySet());
    }

    static Severity highest(RuleConfig r) {
        RuleConfig.Levels levels = r instanceof RuleConfig.Threshold t ? t.levels()
                : r instanceof RuleConfig.Vote v ? v.levels() : null;
        if (levels != null) {
            return levels.critical() != null ? Severity.CRITICAL : Severity.WARNING;
        }
        return r instanceof RuleConfig.State s ? s.severity()
                : r instanceof RuleConfig.Rate rate ? rate.severity() : ((RuleConfig.Vote) r).severity();
    }

    private static String why(RuleConfig r) {
        RuleConfig.Levels levels = r instanceof RuleConfig.Threshold t ? t.levels()
                : r instanceof RuleConfig.Vote v ? v.levels() : null;
        if (levels != null) {
            return levels.critical() != null ? "it has a critical level" : "it has no critical level";
        }
        return "its rule's severity is " + highest(r).wire()
                + (highest(r) == Severity.WARNING ? ", the default for when, rate and vote rules" : "");
    }

    /**
     * Whether {@code name} is left out silently: it names a rule or a sensor whose own problem is
     * already reported, so saying "unknown alarm" would only repeat it.
     */
    boolean reportedElsewhere(String name) {
        if (sensorsMissing) {
            return true;
        }
        String base = name.endsWith(".quorum") ? name.substring(0, name.length() - ".quorum".length()) : name;
        if (brokenRules.contains(base)) {
            return true;
        }
        int dot = name.indexOf('.');
        return brokenSensors.contains(dot < 0 ? name : name.substring(0, dot));
    }

    /** The alarm ids {@code glob} matches ({@code *} any characters, {@code ?} one). */
    List<Entry> matching(String glob) {
        java.util.regex.Pattern p = Globs.compile(glob);
        List<Entry> out = new ArrayList<>();
        entries.values().forEach(e -> {
            if (p.matcher(e.id()).matches()) {
                out.add(e);
            }
        });
        return out;
    }

    /** The alarms behind {@code sensor}: its rules, its quorum and fault alarms. */
    List<Entry> ofSensor(String sensor) {
        return entries.values().stream().filter(e -> e.sensors().contains(sensor)).toList();
    }

    /**
     * The alarm that stands for {@code id} when its whole sensor fails — {@code <sensor>.fault}
     * for a channel's fault alarm of a sensor with several channels — or {@code null}.
     */
    String standsFor(String id) {
        Entry e = entries.get(id);
        if (e == null || e.kind() != Kind.CHANNEL_FAULT) {
            return null;
        }
        Entry sensor = entries.get(e.sensors().iterator().next() + ".fault");
        return sensor != null && sensor.kind() == Kind.SENSOR_FAULT ? sensor.id() : null;
    }

    /** A close known id, for "did you mean", or {@code null}. */
    String closest(String name) {
        Set<String> known = new LinkedHashSet<>(entries.keySet());
        known.addAll(brokenRules);
        return Suggest.closest(name, known);
    }
}
