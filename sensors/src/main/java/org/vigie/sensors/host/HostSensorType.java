package org.vigie.sensors.host;

import java.nio.file.Path;
import java.util.List;
import org.vigie.sensors.ChannelSpec;
import org.vigie.sensors.Sensor;
import org.vigie.sensors.SensorBase;
import org.vigie.sensors.SensorContext;
import org.vigie.sensors.SensorSpec;
import org.vigie.sensors.SensorType;
import org.vigie.sensors.Settings;
import org.vigie.sensors.ValueType;

/**
 * {@code type: host}: the board's own health: SoC temperature, the firmware's under-voltage and
 * throttling flags, free space where the agent keeps its state. See this package's README.
 */
public final class HostSensorType implements SensorType<HostSensorType.Spec> {

    static final String SOC_TEMPERATURE = "soc_temperature";
    static final String UNDER_VOLTAGE = "under_voltage";
    static final String THROTTLED = "throttled";
    static final String UNDER_VOLTAGE_OCCURRED = "under_voltage_occurred";
    static final String DISK_FREE_PCT = "disk_free_pct";
    static final String DISK_FREE_MB = "disk_free_mb";

    /**
     * A validated {@code host} sensor.
     *
     * @param root where {@code /sys} is looked for: {@code /} but for tests (an extension of the spec)
     */
    public record Spec(SensorBase base, Path root) implements SensorSpec {
        @Override
        public List<ChannelSpec> channels() {
            String id = base.id();
            return List.of(
                    new ChannelSpec(ChannelSpec.address(id, SOC_TEMPERATURE), ValueType.NUMBER, "°C", "temperature"),
                    new ChannelSpec(ChannelSpec.address(id, UNDER_VOLTAGE), ValueType.BOOLEAN, null, "power"),
                    new ChannelSpec(ChannelSpec.address(id, THROTTLED), ValueType.BOOLEAN, null, "power"),
                    new ChannelSpec(ChannelSpec.address(id, UNDER_VOLTAGE_OCCURRED), ValueType.BOOLEAN, null, "power"),
                    new ChannelSpec(ChannelSpec.address(id, DISK_FREE_PCT), ValueType.NUMBER, "%", "disk"),
                    new ChannelSpec(ChannelSpec.address(id, DISK_FREE_MB), ValueType.NUMBER, "MB", "disk"));
        }
    }

    @Override
    public String name() {
        return "host";
    }

    /** The board's own health changes slowly. */
    @Override
    public java.time.Duration defaultInterval() {
        return java.time.Duration.ofSeconds(30);
    }

    @Override
    public Spec parse(SensorBase base, Settings settings) {
        Path root = settings.string("root").map(Path::of).orElse(Path.of("/"));
        if (!root.isAbsolute()) {
            settings.problem("root", "must be an absolute path, was " + root);
        }
        return new Spec(base, root);
    }

    @Override
    public Sensor open(Spec spec, SensorContext context) {
        return new HostSensor(spec, context.stateDir());
    }
}
