package org.vigie.sensors.snmp;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The registry of {@code snmp} profiles: one line per family of devices. */
public final class SnmpProfiles {

    private static final List<SnmpProfile> ALL = List.of(
            UpsMib.PROFILE,
            ApcUps.PROFILE,
            ApcPdu.profile(1, 0),
            EatonUps.PROFILE,
            Geist.PROFILE);

    private SnmpProfiles() {
    }

    /** Every profile name, for {@code profile:} validation. */
    static Set<String> names() {
        Set<String> names = new TreeSet<>();
        ALL.forEach(p -> names.add(p.name()));
        return names;
    }

    static Optional<SnmpProfile> byName(String name) {
        return ALL.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /**
     * The MIB name of a trap ({@code upsOnBattery (PowerNet-MIB)}) when a profile knows it, for
     * the {@code trap} event; empty otherwise.
     */
    public static Optional<String> trapName(String trapOid) {
        for (SnmpProfile p : ALL) {
            String name = p.trapName(trapOid);
            if (name != null && !name.endsWith(" trap")) {
                return Optional.of(name + " (" + p.mib() + ")");
            }
        }
        for (SnmpProfile p : ALL) {
            String name = p.trapName(trapOid);
            if (name != null) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }
}
