package org.vigie.sensors;

import java.time.Instant;
import java.util.Objects;

/**
 * One channel's value at one instant, with its quality.
 *
 * @param channel the channel address ({@code sensor} or {@code sensor.channel})
 * @param value   a {@link Double} or a {@link Boolean}; {@code null} when there is no usable value
 * @param quality good, stale or fault
 * @param ts      when it was read
 * @param problem why the reading is not good, in a few words; {@code null} when good
 */
public record Reading(String channel, Object value, Quality quality, Instant ts, String problem) {
    public Reading {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(quality, "quality");
        Objects.requireNonNull(ts, "ts");
        if (value != null && !(value instanceof Double) && !(value instanceof Boolean)) {
            throw new IllegalArgumentException("value must be a Double or a Boolean, was " + value.getClass().getName());
        }
        if (quality == Quality.GOOD && value == null) {
            throw new IllegalArgumentException("a good reading of " + channel + " needs a value");
        }
    }

    public static Reading number(String channel, double value, Instant ts) {
        if (!Double.isFinite(value)) {
            return fault(channel, ts, "not a finite number: " + value);
        }
        return new Reading(channel, value, Quality.GOOD, ts, null);
    }

    public static Reading flag(String channel, boolean value, Instant ts) {
        return new Reading(channel, value, Quality.GOOD, ts, null);
    }

    public static Reading fault(String channel, Instant ts, String problem) {
        return new Reading(channel, null, Quality.FAULT, ts, problem);
    }

    public boolean good() {
        return quality == Quality.GOOD;
    }

    /** The value as a number: booleans count as 1 (active) and 0. NaN when there is none. */
    public double asDouble() {
        if (value instanceof Double d) {
            return d;
        }
        if (value instanceof Boolean b) {
            return b ? 1.0 : 0.0;
        }
        return Double.NaN;
    }
}
