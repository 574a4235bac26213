package org.vigie.sensors.snmp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code profile: apc-pdu}: APC rack PDUs of the rPDU2 family (AP84xx, AP86xx, AP88xx, AP89xx),
 * from PowerNet-MIB (checked against v4.5.8, 2025-05-22), subtree rPDU2
 * ({@code 1.3.6.1.4.1.318.1.1.26}), first PDU of a chain
 * (index 1). How many phases and banks are read is configured ({@code phases}, {@code banks}):
 * the MIB's tables have one row per phase or bank the model has, and asking for a row it lacks
 * would be a lasting fault.
 */
final class ApcPdu {

    static final String NAME = "apc-pdu";
    private static final String RPDU2 = "1.3.6.1.4.1.318.1.1.26";
    /**
     * rPDU2…LoadState: lowLoad(1), normal(2), nearOverload(3), overload(4); the device's
     * (not the phase's or bank's) adds notsupported(5).
     */
    private static final Set<Integer> NEAR_OVERLOAD = Set.of(3, 4);
    private static final Set<Integer> OVERLOAD = Set.of(4);
    private static final long MAX = Integer.MAX_VALUE;

    /** The channels for a PDU with {@code phases} phases and {@code banks} banks. */
    static List<OidChannel> channels(int phases, int banks) {
        List<OidChannel> out = new ArrayList<>();
        out.add(OidChannel.number("power_kw", RPDU2 + ".4.3.1.5.1", 0.01, "kW", null).range(0, MAX)
                .minusOneUnknown());
        out.add(OidChannel.flag("near_overload", RPDU2 + ".4.3.1.4.1", NEAR_OVERLOAD).range(1, 5)
                .unknown(5, "notsupported(5)"));
        out.add(OidChannel.flag("overload", RPDU2 + ".4.3.1.4.1", OVERLOAD).range(1, 5)
                .unknown(5, "notsupported(5)"));
        out.add(OidChannel.number("energy_kwh", RPDU2 + ".4.3.1.9.1", 0.1, "kWh", null).range(0, MAX)
                .minusOneUnknown());
        for (int p = 1; p <= phases; p++) {
            String row = "." + p;
            out.add(OidChannel.number("phase" + p + "_current_a", RPDU2 + ".6.3.1.5" + row, 0.1, "A", "current")
                    .range(0, MAX).minusOneUnknown());
            out.add(OidChannel.number("phase" + p + "_voltage", RPDU2 + ".6.3.1.6" + row, 1.0, "V", "voltage")
                    .range(0, MAX).minusOneUnknown());
            out.add(OidChannel.flag("phase" + p + "_overload", RPDU2 + ".6.3.1.4" + row, OVERLOAD).range(1, 4));
        }
        for (int b = 1; b <= banks; b++) {
            String row = "." + b;
            out.add(OidChannel.number("bank" + b + "_current_a", RPDU2 + ".8.3.1.5" + row, 0.1, "A", "current")
                    .range(0, MAX).minusOneUnknown());
            out.add(OidChannel.flag("bank" + b + "_overload", RPDU2 + ".8.3.1.4" + row, OVERLOAD).range(1, 4));
        }
        return out;
    }

    static SnmpProfile profile(int phases, int banks) {
        return new SnmpProfile(NAME, "PowerNet-MIB", channels(phases, banks),
                Map.of("1.3.6.1.4.1.318.0.*", "PowerNet-MIB trap"),
                Map.of("name", RPDU2 + ".2.1.3.1", "firmware", RPDU2 + ".2.1.6.1",
                        "model", RPDU2 + ".2.1.8.1", "serial", RPDU2 + ".2.1.9.1"),
                Map.of("mfr", "APC"), SnmpProfile.Adjust.NONE);
    }

    private ApcPdu() {
    }
}
