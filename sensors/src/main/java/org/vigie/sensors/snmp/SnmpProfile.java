package org.vigie.sensors.snmp;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.vigie.sensors.Reading;

/**
 * A named set of channels for one family of devices ({@code profile: apc-ups}), built from the
 * vendor's MIB: what is read, the answers each object may give, the traps that mean "poll now",
 * and where the device tells who it is.
 *
 * @param name     the {@code profile:} value
 * @param mib      the MIB it follows, as cited in the README ({@code PowerNet-MIB})
 * @param channels what is read at every poll
 * @param traps    trap OID prefixes (with their MIB names) this family sends; any trap from the
 *                 sensor's host polls it at once, these are named in the {@code trap} event
 * @param identity identity key ({@code model}, {@code serial}, {@code firmware}…) to the OID read
 *                 once for the sensor's {@code info}
 * @param fixed    identity keys the profile knows without asking ({@code mfr})
 * @param adjust   a last look at the decoded readings by channel name (unit conversions that
 *                 depend on another object); may replace readings in the map
 */
record SnmpProfile(String name, String mib, List<OidChannel> channels, Map<String, String> traps,
                   Map<String, String> identity, Map<String, String> fixed, Adjust adjust) {

    /** Changes readings that depend on each other, after one poll is decoded. */
    @FunctionalInterface
    interface Adjust {
        void apply(String sensorId, Map<String, Reading> byChannel);

        Adjust NONE = (id, readings) -> { };
    }

    SnmpProfile {
        Objects.requireNonNull(name, "name");
        channels = List.copyOf(channels);
        traps = Map.copyOf(traps);
        identity = Map.copyOf(identity);
        fixed = Map.copyOf(fixed);
        Objects.requireNonNull(adjust, "adjust");
    }

    /** The MIB name of {@code trapOid} when it belongs to this profile, else {@code null}. */
    String trapName(String trapOid) {
        String exact = traps.get(trapOid);
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<String, String> e : traps.entrySet()) {
            if (e.getKey().endsWith(".*") && trapOid.startsWith(e.getKey().substring(0, e.getKey().length() - 1))) {
                return e.getValue();
            }
        }
        return null;
    }
}
