package org.vigie.sensors.snmp;

import java.util.HashMap;
import java.util.Map;
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
 * @param valid      the answers the MIB allows, or {@code null} to accept any integer
 */
public record OidChannel(String name, String oid, ValueType type, double scale, String unit,
                         Set<Integer> activeWhen, String kind, Valid valid) {

    /**
     * What a device may answer for an object: its MIB's declared range, and the values a vendor
     * documents as "unknown" (APC's {@code -1}, an enumeration's {@code unknown(1)}). Anything
     * else is a fault reading, never a value.
     *
     * @param min     the lowest raw answer the MIB allows
     * @param max     the highest
     * @param unknown raw answers that mean "the device does not know", shown with their meaning
     */
    public record Valid(long min, long max, Map<Long, String> unknown) {
        public Valid {
            unknown = Map.copyOf(unknown);
            if (min > max) {
                throw new IllegalArgumentException("range " + min + ".." + max + " is empty");
            }
        }

        /** Why {@code raw} is not a value, or {@code null} when it is one. */
        String problem(long raw) {
            String meaning = unknown.get(raw);
            if (meaning != null) {
                return "not reported by the device (" + meaning + ")";
            }
            if (raw < min || raw > max) {
                return "out of the MIB's range " + min + ".." + max + ": " + raw;
            }
            return null;
        }
    }

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
        return new OidChannel(name, oid, ValueType.NUMBER, scale, unit, Set.of(), kind, null);
    }

    static OidChannel flag(String name, String oid, Set<Integer> activeWhen) {
        return new OidChannel(name, oid, ValueType.BOOLEAN, 1.0, null, activeWhen, null, null);
    }

    /** This channel, accepting only raw answers in {@code [min, max]}. */
    OidChannel range(long min, long max) {
        return new OidChannel(name, oid, type, scale, unit, activeWhen, kind,
                new Valid(min, max, valid == null ? Map.of() : valid.unknown()));
    }

    /** This channel, where the raw answer {@code raw} means "unknown" ({@code meaning} is shown). */
    OidChannel unknown(long raw, String meaning) {
        Map<Long, String> u = new HashMap<>(valid == null ? Map.of() : valid.unknown());
        u.put(raw, meaning);
        return new OidChannel(name, oid, type, scale, unit, activeWhen, kind,
                new Valid(valid == null ? Long.MIN_VALUE : valid.min(), valid == null ? Long.MAX_VALUE : valid.max(), u));
    }

    /** This channel, where {@code -1} means "unknown" (APC, Eaton and many others). */
    OidChannel minusOneUnknown() {
        return unknown(-1, "-1");
    }
}
