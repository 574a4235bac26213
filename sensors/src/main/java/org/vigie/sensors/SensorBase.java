package org.vigie.sensors;

import java.time.Duration;
import java.util.Objects;

/**
 * The keys every sensor takes, whatever its type.
 *
 * @param id         the sensor id
 * @param type       the driver type name
 * @param kind       what it measures, or {@code null}
 * @param unit       unit of a single-valued sensor, or {@code null}
 * @param interval   how often it is read
 * @param staleAfter how long without a fresh reading before its channels turn {@code stale}
 */
public record SensorBase(String id, String type, String kind, String unit, Duration interval, Duration staleAfter) {
    public SensorBase {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(staleAfter, "staleAfter");
    }
}
