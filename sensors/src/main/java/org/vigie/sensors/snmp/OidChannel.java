package org.vigie.sensors.snmp;

import java.util.Objects;
import java.util.Set;
import org.vigie.sensors.ValueType;

/**
 * One value read with a GET: a number (the answer times {@code scale}) or a state (active when
 * the answer is one of {@code activeWhen}).
 *
 * @param name       the channel name ({@code on_battery}); the address is {@code SENSOR.name}
 * @param oid        the numeric OID of the instance, like {@code 1.3.6.1.2.1.33.1.4.1.0}
 * @param type       number or boolean
 * @param scale      factor applied to a number
 * @param unit       unit of a number, or {@code null}
 * @param activeWhen for a boolean: the integer answers that mean active
 * @param kind       what it measures, or {@code null}
 */
public record OidChannel(String name, String oid, ValueType type, double scale, String unit,
                         Set<Integer> activeWhen, String kind) {
    public OidChannel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(oid, "oid");
        Objects.requireNonNull(type, "type");
        activeWhen = Set.copyOf(activeWhen);
        if (type == ValueType.BOOLEAN && activeWhen.isEmpty()) {
            throw new IllegalArgumentException("boolean channel " + name + " needs the answers that mean active");
        }
    }

    static OidChannel number(String name, String oid, double scale, String unit, String kind) {
        return new OidChannel(name, oid, ValueType.NUMBER, scale, unit, Set.of(), kind);
    }

    static OidChannel flag(String name, String oid, Set<Integer> activeWhen) {
        return new OidChannel(name, oid, ValueType.BOOLEAN, 1.0, null, activeWhen, null);
    }
}
