package org.vigie.sensors;

import java.util.Objects;

/**
 * One value a sensor exposes, known from its configuration before any device is touched.
 *
 * @param address the channel's address: the sensor id for a single-valued sensor,
 *                {@code SENSOR.CHANNEL} otherwise
 * @param type    number or boolean
 * @param unit    unit for numbers, or {@code null}
 * @param kind    what it measures ({@code leak}, {@code temperature}, …), or {@code null}
 */
public record ChannelSpec(String address, ValueType type, String unit, String kind) {
    public ChannelSpec {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(type, "type");
    }

    /** The address of channel {@code name} of sensor {@code sensorId}. */
    public static String address(String sensorId, String name) {
        return name == null || name.isEmpty() ? sensorId : sensorId + "." + name;
    }
}
