package org.vigie.sensors.snmp;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code profile: ups-mib}: the UPS-MIB of RFC 1628 (1.3.6.1.2.1.33), served by most network
 * cards of UPSes (APC with the RFC 1628 option, Eaton, Riello, Socomec, …) and by net-snmp.
 * Tables are read at their first line (input line 1, output line 1).
 */
final class UpsMib {

    static final String NAME = "ups-mib";

    /** upsOutputSource: battery(5). */
    static final int OUTPUT_SOURCE_BATTERY = 5;
    /** upsBatteryStatus: batteryLow(3), batteryDepleted(4). */
    static final Set<Integer> BATTERY_LOW = Set.of(3, 4);

    static final String UPS_MIB = "1.3.6.1.2.1.33";
    /** upsTraps: upsTrapOnBattery is .1, upsTrapTestCompleted .2, upsTrapAlarmEntryAdded .3, …Removed .4. */
    static final String UPS_TRAPS = UPS_MIB + ".2";
    private static final long INT_MAX = Integer.MAX_VALUE;

    /**
     * Ranges as RFC 1628 declares them, except upsEstimatedMinutesRemaining (PositiveInteger,
     * 1..): cards answer 0 with an empty battery, and that 0 must reach the runtime rule.
     */
    static final List<OidChannel> CHANNELS = List.of(
            OidChannel.flag("on_battery", UPS_MIB + ".1.4.1.0", Set.of(OUTPUT_SOURCE_BATTERY)).range(1, 7),
            OidChannel.flag("battery_low", UPS_MIB + ".1.2.1.0", BATTERY_LOW).range(1, 4).unknown(1, "unknown(1)"),
            OidChannel.number("runtime_s", UPS_MIB + ".1.2.3.0", 60.0, "s", null).range(0, INT_MAX).minusOneUnknown(),
            OidChannel.number("charge_pct", UPS_MIB + ".1.2.4.0", 1.0, "%", null).range(0, 100).minusOneUnknown(),
            OidChannel.number("seconds_on_battery", UPS_MIB + ".1.2.2.0", 1.0, "s", null).range(0, INT_MAX)
                    .minusOneUnknown(),
            OidChannel.number("input_voltage", UPS_MIB + ".1.3.3.1.3.1", 1.0, "V", "voltage").range(0, INT_MAX)
                    .minusOneUnknown(),
            OidChannel.number("load_pct", UPS_MIB + ".1.4.4.1.5.1", 1.0, "%", null).range(0, 200).minusOneUnknown(),
            OidChannel.number("battery_temperature", UPS_MIB + ".1.2.7.0", 1.0, "°C", "temperature"),
            OidChannel.number("alarms_present", UPS_MIB + ".1.6.1.0", 1.0, null, null).range(0, INT_MAX));

    static final SnmpProfile PROFILE = new SnmpProfile(NAME, "UPS-MIB (RFC 1628)", CHANNELS,
            Map.of(UPS_TRAPS + ".1", "upsTrapOnBattery", UPS_TRAPS + ".2", "upsTrapTestCompleted",
                    UPS_TRAPS + ".3", "upsTrapAlarmEntryAdded", UPS_TRAPS + ".4", "upsTrapAlarmEntryRemoved",
                    UPS_TRAPS + ".0.1", "upsTrapOnBattery", UPS_TRAPS + ".0.3", "upsTrapAlarmEntryAdded"),
            Map.of("mfr", UPS_MIB + ".1.1.1.0", "model", UPS_MIB + ".1.1.2.0",
                    "firmware", UPS_MIB + ".1.1.3.0", "name", UPS_MIB + ".1.1.5.0"),
            Map.of(), SnmpProfile.Adjust.NONE);

    private UpsMib() {
    }
}
