package org.vigie.agent.homeassistant;

import java.util.Map;
import java.util.Set;
import org.vigie.sensors.ChannelSpec;
import org.vigie.sensors.ValueType;

/**
 * Home Assistant's {@code device_class} for a channel, from its {@code kind}. Home Assistant checks a
 * numeric class against the unit (a {@code temperature} in {@code %} is logged as an error and its
 * statistics are refused), so a number gets its class only when its unit is one the class accepts;
 * an unknown kind or another unit gets none, which shows the plain value with its unit.
 */
final class DeviceClasses {

    /** A numeric sensor class and the units Home Assistant accepts for it. */
    private record Numeric(String deviceClass, Set<String> units) {
    }

    private static final Map<String, Numeric> NUMBERS = Map.ofEntries(
            Map.entry("temperature", new Numeric("temperature", Set.of("°C", "°F", "K"))),
            Map.entry("humidity", new Numeric("humidity", Set.of("%"))),
            Map.entry("voltage", new Numeric("voltage", Set.of("V", "mV", "µV", "kV", "MV"))),
            Map.entry("current", new Numeric("current", Set.of("A", "mA"))),
            Map.entry("power", new Numeric("power", Set.of("W", "kW", "MW", "GW", "TW", "mW"))),
            Map.entry("energy", new Numeric("energy", Set.of("Wh", "kWh", "MWh", "GWh", "TWh", "J", "kJ", "MJ", "GJ"))),
            Map.entry("frequency", new Numeric("frequency", Set.of("Hz", "kHz", "MHz", "GHz"))),
            Map.entry("battery", new Numeric("battery", Set.of("%"))),
            Map.entry("signal", new Numeric("signal_strength", Set.of("dB", "dBm"))),
            Map.entry("pressure", new Numeric("pressure", Set.of("Pa", "hPa", "kPa", "bar", "cbar", "mbar", "mmHg", "inHg", "psi"))),
            Map.entry("duration", new Numeric("duration", Set.of("d", "h", "min", "s", "ms"))));

    /**
     * Boolean kinds whose Home Assistant meaning matches vigie's {@code true} (active). {@code power}
     * is left out on purpose: vigie's power flags are active on trouble ({@code on_battery}), Home
     * Assistant's {@code power} class is on when power is present: the entity would read backwards.
     */
    private static final Map<String, String> FLAGS = Map.of(
            "leak", "moisture",
            "moisture", "moisture",
            "smoke", "smoke",
            "door", "door",
            "heat", "heat",
            "cold", "cold",
            "battery", "battery",
            "problem", "problem");

    private DeviceClasses() {
    }

    /** The class for this channel, or {@code null} when none fits. */
    static String of(ChannelSpec c) {
        if (c.kind() == null) {
            return null;
        }
        if (c.type() == ValueType.BOOLEAN) {
            return FLAGS.get(c.kind());
        }
        Numeric n = NUMBERS.get(c.kind());
        return n != null && c.unit() != null && n.units().contains(c.unit()) ? n.deviceClass() : null;
    }

    /** {@code total_increasing} for energy meters (they only count up), {@code measurement} for the rest. */
    static String stateClass(ChannelSpec c) {
        return "energy".equals(of(c)) ? "total_increasing" : "measurement";
    }
}
