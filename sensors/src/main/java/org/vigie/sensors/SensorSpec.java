package org.vigie.sensors;

import java.util.List;

/** A sensor's validated configuration: what a {@link SensorType} parsed, before any device is opened. */
public interface SensorSpec {

    /** The keys every sensor has. */
    SensorBase base();

    /** The channels this sensor will report, known without touching the device. */
    List<ChannelSpec> channels();

    default String id() {
        return base().id();
    }
}
