package org.vigie.sensors;

import java.util.List;

/** A sensor's validated configuration: what a {@link SensorType} parsed, before any device is opened. */
public interface SensorSpec {

    /** The keys every sensor has. */
    SensorBase base();

    /** The channels this sensor will report, known without touching the device. */
    List<ChannelSpec> channels();

    /**
     * How long one read may wait at most for a device that does not answer (its timeout × tries),
     * or empty for a sensor that never waits on a device (sysfs, GPIO). {@code vigie check}
     * rejects a sensor whose longest read exceeds its {@code stale_after}: one slow answer would
     * turn its channels stale.
     */
    default java.util.Optional<java.time.Duration> longestRead() {
        return java.util.Optional.empty();
    }

    default String id() {
        return base().id();
    }
}
