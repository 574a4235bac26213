package org.vigie.agent.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vigie.sensors.ChannelSpec;
import org.vigie.sensors.SensorSpec;

/** Resolves what a rule names ({@code sensor} or {@code sensor.channel}) to one channel. */
final class ChannelIndex {

    private final Map<String, ChannelSpec> channels = new LinkedHashMap<>();
    private final Map<String, List<ChannelSpec>> bySensor = new LinkedHashMap<>();

    ChannelIndex(List<SensorSpec> sensors) {
        for (SensorSpec s : sensors) {
            bySensor.put(s.id(), s.channels());
            s.channels().forEach(c -> channels.put(c.address(), c));
        }
    }

    /** The channel, or empty with {@code why} filled in. */
    Optional<ChannelSpec> resolve(String name, StringBuilder why) {
        ChannelSpec exact = channels.get(name);
        if (exact != null) {
            return Optional.of(exact);
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
