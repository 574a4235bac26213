package org.vigie.sensors.snmp;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code profile: apc-ups}: APC Smart-UPS / Symmetra network cards (AP9630/AP9631/AP9640…), from
 * APC's PowerNet-MIB (checked against v4.5.8, 2025-05-22), subtree upsBasic/upsAdv
 * ({@code 1.3.6.1.4.1.318.1.1.1}).
 *
 * <p>The "Adv" objects are Gauge32 or TimeTicks: a card that does not know a value answers
 * {@code -1}, which an unsigned type carries as 4294967295; both are "not reported". The MIB
 * itself names 4294967295 as "not present" for the runtime and 255 for the battery temperature.
 */
final class ApcUps {

    static final String NAME = "apc-ups";
    private static final String UPS = "1.3.6.1.4.1.318.1.1.1";
    private static final long G_MAX = 0xFFFF_FFFFL;

    /**
     * upsBasicOutputStatus: onBattery(3), 1..28 in v4.5.8; upsBasicBatteryStatus: batteryLow(3),
     * 1..5 since noBatteryPresent(5) was added (neither 4 nor 5 is "low": a missing battery on
     * mains must not look like an exhausted one); unknown(1) is not reported on both.
     */
    static final List<OidChannel> CHANNELS = List.of(
            OidChannel.flag("on_battery", UPS + ".4.1.1.0", Set.of(3)).range(1, 28).unknown(1, "unknown(1)"),
            OidChannel.flag("battery_low", UPS + ".2.1.1.0", Set.of(3)).range(1, 5).unknown(1, "unknown(1)"),
            OidChannel.flag("replace_battery", UPS + ".2.2.4.0", Set.of(2)).range(1, 2),
            unsigned(OidChannel.number("charge_pct", UPS + ".2.2.1.0", 1.0, "%", null), 100),
            unsigned(OidChannel.number("runtime_s", UPS + ".2.2.3.0", 0.01, "s", null), G_MAX - 1)
                    .unknown(G_MAX, "4294967295, the MIB's \"not present\""),
            unsigned(OidChannel.number("seconds_on_battery", UPS + ".2.1.2.0", 0.01, "s", null), G_MAX - 1),
            unsigned(OidChannel.number("load_pct", UPS + ".4.2.3.0", 1.0, "%", null), 200),
            unsigned(OidChannel.number("input_voltage", UPS + ".3.2.1.0", 1.0, "V", "voltage"), 1000),
            unsigned(OidChannel.number("input_frequency", UPS + ".3.2.4.0", 1.0, "Hz", null), 100),
            unsigned(OidChannel.number("output_voltage", UPS + ".4.2.1.0", 1.0, "V", "voltage"), 1000),
            unsigned(OidChannel.number("battery_temperature", UPS + ".2.2.2.0", 1.0, "°C", "temperature"), 150)
                    .unknown(255, "255, the MIB's \"not present\""),
            OidChannel.number("battery_voltage", UPS + ".2.2.8.0", 1.0, "V", "voltage").range(0, 1000)
                    .minusOneUnknown());

    /** PowerNet-MIB traps, enterprise 318: a v1 trap arrives as 1.3.6.1.4.1.318.0.N (RFC 3584). */
    static final Map<String, String> TRAPS = Map.ofEntries(
            Map.entry("1.3.6.1.4.1.318.0.1", "communicationLost"),
            Map.entry("1.3.6.1.4.1.318.0.2", "upsOverload"),
            Map.entry("1.3.6.1.4.1.318.0.3", "upsDiagnosticsFailed"),
            Map.entry("1.3.6.1.4.1.318.0.4", "upsDischarged"),
            Map.entry("1.3.6.1.4.1.318.0.5", "upsOnBattery"),
            Map.entry("1.3.6.1.4.1.318.0.6", "smartBoostOn"),
            Map.entry("1.3.6.1.4.1.318.0.7", "lowBattery"),
            Map.entry("1.3.6.1.4.1.318.0.8", "communicationEstablished"),
            Map.entry("1.3.6.1.4.1.318.0.9", "powerRestored"),
            Map.entry("1.3.6.1.4.1.318.0.10", "upsDiagnosticsPassed"),
            Map.entry("1.3.6.1.4.1.318.0.11", "returnFromLowBattery"),
            Map.entry("1.3.6.1.4.1.318.0.*", "PowerNet-MIB trap"));

    static final SnmpProfile PROFILE = new SnmpProfile(NAME, "PowerNet-MIB", CHANNELS, TRAPS,
            Map.of("model", UPS + ".1.1.1.0", "name", UPS + ".1.1.2.0", "firmware", UPS + ".1.2.1.0",
                    "serial", UPS + ".1.2.3.0"),
            Map.of("mfr", "APC"), SnmpProfile.Adjust.NONE);

    /** A Gauge32/TimeTicks object: {@code 0..max}, with -1 and its unsigned form as "unknown". */
    static OidChannel unsigned(OidChannel c, long max) {
        return c.range(0, max).minusOneUnknown().unknown(G_MAX, "-1, sent as the unsigned 4294967295");
    }

    private ApcUps() {
    }
}
