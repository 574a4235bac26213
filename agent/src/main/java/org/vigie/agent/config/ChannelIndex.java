package org.vigie.agent.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.vigie.sensors.ChannelSpec;
import org.vigie.sensors.SensorSpec;

/** Resolves what a rule names ({@code sensor} or {@code sensor.channel}) to one channel. */
final class ChannelIndex {

    private final Map<String, ChannelSpec> channels = new LinkedHashMap<>();
    private final Map<String, List<ChannelSpec>> bySensor = new LinkedHashMap<>();
    private final Set<String> unusable;
    private final boolean sensorsMissing;

    /**
     * @param unusable ids of sensors declared in the file whose own configuration is wrong (an
     *                 unknown type): their problem is already reported, so naming them is not another one
     */
    ChannelIndex(List<SensorSpec> sensors, Set<String> unusable) {
        this(sensors, unusable, false);
    }

    /** @param sensorsMissing the sensors: section is absent (reported): every name is left unresolved silently */
    ChannelIndex(List<SensorSpec> sensors, Set<String> unusable, boolean sensorsMissing) {
        this.sensorsMissing = sensorsMissing;
        this.unusable = Set.copyOf(unusable);
        for (SensorSpec s : sensors) {
            bySensor.put(s.id(), s.channels());
            s.channels().forEach(c -> channels.put(c.address(), c));
        }
    }

    /**
     * The channel, or empty with {@code why} filled in; empty with {@code why} left empty when the
     * name is that of an unusable sensor (or one of its channels).
     */
    Optional<ChannelSpec> resolve(String name, StringBuilder why) {
        ChannelSpec exact = channels.get(name);
        if (exact != null) {
            return Optional.of(exact);
        }
        if (sensorsMissing || unusable.contains(name.contains(".") ? name.substring(0, name.indexOf('.')) : name)) {
            return Optional.empty();
        }
        List<ChannelSpec> of = bySensor.get(name);
        if (of != null && of.size() == 1) {
            return Optional.of(of.get(0));
        }
        if (of != null) {
            why.append("sensor ").append(name).append(" has several channels; name one of ")
                    .append(String.join(", ", of.stream().map(ChannelSpec::address).toList()));
        } else {
            why.append("unknown sensor or channel ").append(name);
            String sensor = name.contains(".") ? name.substring(0, name.indexOf('.')) : null;
            if (sensor != null && bySensor.containsKey(sensor)) {
                why.append("; ").append(sensor).append(" has ")
                        .append(String.join(", ", bySensor.get(sensor).stream().map(ChannelSpec::address).toList()));
            } else if (!bySensor.isEmpty()) {
                why.append("; sensors are ").append(String.join(", ", bySensor.keySet()));
            }
        }
        return Optional.empty();
    }
}
