package org.vigie.sensors;

/**
 * A driver type: the {@code type:} of a sensor in the configuration.
 *
 * <p>{@link #parse} validates the type's own keys and never touches hardware or network: it is
 * what {@code vigie check} runs. {@link #open} makes a running sensor from a valid spec.
 *
 * @param <S> the type's validated configuration
 */
public interface SensorType<S extends SensorSpec> {

    /** The interval of a sensor that gives none. */
    java.time.Duration DEFAULT_INTERVAL = java.time.Duration.ofSeconds(5);

    /** The name used as {@code type:} in the configuration. */
    String name();

    /** How often a sensor of this type is read when its configuration does not say. */
    default java.time.Duration defaultInterval() {
        return DEFAULT_INTERVAL;
    }

    /**
     * Reads the type's keys from {@code settings}, reporting every problem through it.
     *
     * @return the spec; may be incomplete when problems were reported (it is then never opened)
     */
    S parse(SensorBase base, Settings settings);

    /**
     * Starts the driver. A device that is absent at start is not a reason to refuse: report it as
     * {@code fault} readings and keep trying. Refuse (throw) only when the spec cannot work at all.
     */
    Sensor open(S spec, SensorContext context) throws java.io.IOException;

    /** Opens a spec known to be of this type. */
    @SuppressWarnings("unchecked")
    default Sensor openUnchecked(SensorSpec spec, SensorContext context) throws java.io.IOException {
        return open((S) spec, context);
    }
}
