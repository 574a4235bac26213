package org.vigie.sensors.nut;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.vigie.sensors.Settings;
import org.vigie.sensors.ValueType;

/**
 * What a {@code nut} sensor reports: every standard flag of {@code ups.status} as a boolean,
 * four numbers always, and any NUT variable named in {@code variables:} as a number channel
 * (dots become underscores: {@code battery.voltage} is {@code battery_voltage}). Names as in
 * NUT's docs/nut-names.txt.
 */
final class NutChannels {

    /**
     * One channel: a flag of {@code ups.status}, or a numeric variable.
     *
     * @param min the lowest plausible value ({@code -1} is then "not reported"), or NaN for none
     * @param max the highest, or NaN for none
     */
    record Channel(String name, ValueType type, String statusFlag, String variable, String unit, String kind,
                   double min, double max) {
        static Channel flag(String name, String statusFlag) {
            return new Channel(name, ValueType.BOOLEAN, statusFlag, "ups.status", null, null, Double.NaN, Double.NaN);
        }

        static Channel number(String variable, String name) {
            Unit u = unitOf(variable);
            return new Channel(name, ValueType.NUMBER, null, variable, u.unit(), u.kind(), u.min(), u.max());
        }
    }

    /** The unit, kind and plausible range of a variable, from the last part of its NUT name. */
    record Unit(String unit, String kind, double min, double max) {
    }

    private static final double NONE = Double.NaN;
    private static final Map<String, Unit> UNITS = Map.ofEntries(
            Map.entry("voltage", new Unit("V", "voltage", 0, NONE)),
            Map.entry("current", new Unit("A", "current", NONE, NONE)),
            Map.entry("frequency", new Unit("Hz", null, 0, NONE)),
            Map.entry("temperature", new Unit("°C", "temperature", NONE, NONE)),
            Map.entry("humidity", new Unit("%", "humidity", 0, 100)),
            Map.entry("charge", new Unit("%", null, 0, 100)),
            Map.entry("load", new Unit("%", null, 0, NONE)),
            Map.entry("runtime", new Unit("s", null, 0, NONE)),
            Map.entry("realpower", new Unit("W", null, 0, NONE)),
            Map.entry("power", new Unit("VA", null, 0, NONE)));

    /** The channels every nut sensor has, in order: the four of old, then the other status flags. */
    static final List<Channel> FIXED = List.of(
            Channel.flag("on_battery", "OB"),
            Channel.flag("battery_low", "LB"),
            Channel.flag("fsd", "FSD"),
            Channel.flag("online", "OL"),
            Channel.number("battery.charge", "charge_pct"),
            Channel.number("battery.runtime", "runtime_s"),
            Channel.number("input.voltage", "input_voltage"),
            Channel.number("ups.load", "load_pct"),
            Channel.flag("replace_battery", "RB"),
            Channel.flag("overload", "OVER"),
            Channel.flag("bypass", "BYPASS"),
            Channel.flag("charging", "CHRG"),
            Channel.flag("discharging", "DISCHRG"),
            Channel.flag("trim", "TRIM"),
            Channel.flag("boost", "BOOST"),
            Channel.flag("off", "OFF"),
            Channel.flag("alarm", "ALARM"));

    /** NUT variable names: lower-case words joined by dots (docs/nut-names.txt). */
    private static final Pattern VARIABLE = Pattern.compile("[a-z0-9]+(\\.[a-z0-9_]+)+");

    private NutChannels() {
    }

    static Unit unitOf(String variable) {
        String last = variable.substring(variable.lastIndexOf('.') + 1);
        for (String suffix : List.of(last, last.replaceAll("^.*_", ""))) {
            Unit u = UNITS.get(suffix);
            if (u != null) {
                return u;
            }
        }
        return new Unit(null, null, NONE, NONE);
    }

    /** Reads and checks {@code variables:}, reporting each bad item where it is written. */
    static List<Channel> variables(Settings settings) {
        List<Channel> out = new ArrayList<>();
        List<String> names = settings.strings("variables").orElse(List.of());
        Set<String> taken = new HashSet<>();
        FIXED.forEach(c -> taken.add(c.name()));
        Set<String> fixedVariables = new HashSet<>();
        FIXED.forEach(c -> fixedVariables.add(c.variable()));
        for (int i = 0; i < names.size(); i++) {
            String v = names.get(i);
            String name = v.replace('.', '_');
            if (!VARIABLE.matcher(v).matches()) {
                settings.problem("variables", i, "must be a NUT variable name like battery.voltage, was " + v);
            } else if (v.equals("ups.status")) {
                settings.problem("variables", i, "ups.status is not a number: its flags are channels already");
            } else if (fixedVariables.contains(v)) {
                settings.problem("variables", i, v + " is read already (channel "
                        + FIXED.stream().filter(c -> c.variable().equals(v)).findFirst().orElseThrow().name() + ")");
            } else if (!taken.add(name)) {
                settings.problem("variables", i, "duplicate variable " + v);
            } else {
                out.add(Channel.number(v, name));
            }
        }
        return out;
    }
}
