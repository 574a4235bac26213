package org.vigie.sensors.snmp;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code profile: eaton-ups}: Eaton (Powerware) UPS network cards (Network-M2, Network-MS,
 * ConnectUPS), from Eaton's XUPS-MIB ({@code 1.3.6.1.4.1.534.1}), revision 2019-09-27. Tables
 * are read at phase 1.
 */
final class EatonUps {

    static final String NAME = "eaton-ups";
    private static final String XUPS = "1.3.6.1.4.1.534.1";
    private static final long MAX = Integer.MAX_VALUE;
    /** xupsOutputSource: bypass(4), battery(5), maintenanceBypass(11). */
    private static final Set<Integer> ON_BATTERY = Set.of(5);
    private static final Set<Integer> ON_BYPASS = Set.of(4, 11);
    /** The yes(1)/no(2) objects of xupsBattery. */
    private static final Set<Integer> YES = Set.of(1);

    static final List<OidChannel> CHANNELS = List.of(
            OidChannel.flag("on_battery", XUPS + ".4.5.0", ON_BATTERY).range(1, 12),
            OidChannel.flag("on_bypass", XUPS + ".4.5.0", ON_BYPASS).range(1, 12),
            OidChannel.flag("battery_low", XUPS + ".2.10.0", YES).range(1, 2),
            OidChannel.flag("replace_battery", XUPS + ".2.9.0", YES).range(1, 2),
            OidChannel.flag("battery_failure", XUPS + ".2.7.0", YES).range(1, 2),
            OidChannel.number("runtime_s", XUPS + ".2.1.0", 1.0, "s", null).range(0, MAX).minusOneUnknown(),
            OidChannel.number("charge_pct", XUPS + ".2.4.0", 1.0, "%", null).range(0, 100).minusOneUnknown(),
            OidChannel.number("battery_voltage", XUPS + ".2.2.0", 1.0, "V", "voltage").range(0, MAX)
                    .minusOneUnknown(),
            OidChannel.number("input_voltage", XUPS + ".3.4.1.2.1", 1.0, "V", "voltage").range(0, MAX)
                    .minusOneUnknown(),
            OidChannel.number("input_frequency", XUPS + ".3.1.0", 0.1, "Hz", null).range(0, MAX).minusOneUnknown(),
            OidChannel.number("output_voltage", XUPS + ".4.4.1.2.1", 1.0, "V", "voltage").range(0, MAX)
                    .minusOneUnknown(),
            OidChannel.number("load_pct", XUPS + ".4.1.0", 1.0, "%", null).range(0, 200).minusOneUnknown(),
            OidChannel.number("ambient_temperature", XUPS + ".6.1.0", 1.0, "°C", "temperature").range(-100, 200),
            OidChannel.number("alarms_present", XUPS + ".7.1.0", 1.0, null, null).range(0, MAX));

    /** xupsTrapOidDefined (xupsTrapControl.4.1.0): the "xupstd" notifications. */
    private static final String TD = XUPS + ".11.4.1.0";

    static final SnmpProfile PROFILE = new SnmpProfile(NAME, "XUPS-MIB", CHANNELS,
            Map.ofEntries(
                    Map.entry(TD + ".3", "xupstdOnBattery"),
                    Map.entry(TD + ".4", "xupstdLowBattery"),
                    Map.entry(TD + ".5", "xupstdUtilityPowerRestored"),
                    Map.entry(TD + ".6", "xupstdReturnFromLowBattery"),
                    Map.entry(TD + ".7", "xupstdOutputOverload"),
                    Map.entry(TD + ".8", "xupstdInternalFailure"),
                    Map.entry(TD + ".9", "xupstdBatteryDischarged"),
                    Map.entry(TD + ".11", "xupstdOnBypass"),
                    Map.entry(TD + ".16", "xupstdShutdownImminent"),
                    Map.entry(TD + ".17", "xupstdOnInverter"),
                    Map.entry(TD + ".23", "xupstdAlarmBatteryBad"),
                    Map.entry(TD + ".*", "XUPS-MIB trap")),
            Map.of("mfr", XUPS + ".1.1.0", "model", XUPS + ".1.2.0", "firmware", XUPS + ".1.3.0",
                    "serial", XUPS + ".1.6.0"),
            Map.of(), SnmpProfile.Adjust.NONE);

    private EatonUps() {
    }
}
