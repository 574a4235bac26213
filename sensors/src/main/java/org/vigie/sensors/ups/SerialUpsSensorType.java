package org.vigie.sensors.ups;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.vigie.sensors.ChannelSpec;
import org.vigie.sensors.Sensor;
import org.vigie.sensors.SensorBase;
import org.vigie.sensors.SensorContext;
import org.vigie.sensors.SensorSpec;
import org.vigie.sensors.SensorType;
import org.vigie.sensors.Settings;
import org.vigie.sensors.ValueType;
import org.vigie.sensors.serial.LineSettings;
import org.vigie.sensors.serial.SerialPorts;

/** {@code type: serial-ups}: a UPS speaking Megatec/Q1 on a serial line (see README.md). */
public final class SerialUpsSensorType implements SensorType<SerialUpsSensorType.Spec> {

    /** The channels, in the order they are read. */
    static final List<ChannelSpec> CHANNELS = List.of(
            new ChannelSpec("on_battery", ValueType.BOOLEAN, null, "power"),
            new ChannelSpec("battery_low", ValueType.BOOLEAN, null, "power"),
            new ChannelSpec("ups_fault", ValueType.BOOLEAN, null, "power"),
            new ChannelSpec("input_voltage", ValueType.NUMBER, "V", "voltage"),
            new ChannelSpec("input_frequency", ValueType.NUMBER, "Hz", "frequency"),
            new ChannelSpec("output_voltage", ValueType.NUMBER, "V", "voltage"),
            new ChannelSpec("load_pct", ValueType.NUMBER, "%", "load"),
            new ChannelSpec("battery_voltage", ValueType.NUMBER, "V", "voltage"),
            new ChannelSpec("temperature", ValueType.NUMBER, "°C", "temperature"));

    /** A validated {@code serial-ups} sensor. */
    public record Spec(SensorBase base, Path port, LineSettings line, Duration timeout, int failuresBeforeFault)
            implements SensorSpec {
        /** One command a read, its answer awaited {@code timeout}. */
        @Override
        public java.util.Optional<Duration> longestRead() {
            return java.util.Optional.of(timeout);
        }

        @Override
        public List<ChannelSpec> channels() {
            return CHANNELS.stream().map(c -> new ChannelSpec(ChannelSpec.address(base.id(), c.address()),
                    c.type(), c.unit(), c.kind())).toList();
        }
    }

    private final SerialPorts ports;

    /** On the machine's real serial ports. */
    public SerialUpsSensorType() {
        this(SerialPorts.system());
    }

    public SerialUpsSensorType(SerialPorts ports) {
        this.ports = ports;
    }

    @Override
    public String name() {
        return "serial-ups";
    }

    @Override
    public Spec parse(SensorBase base, Settings settings) {
        Path port = settings.requiredString("port").map(Path::of).orElse(null);
        LineSettings line = LineSettings.read(settings, 2400, false);
        settings.choice("protocol", Set.of("megatec"));
        Duration timeout = settings.duration("timeout").orElse(Duration.ofSeconds(1));
        if (timeout.compareTo(Duration.ofSeconds(5)) > 0) {
            settings.problem("timeout", "must be at most 5s, was " + timeout.toMillis() + "ms");
            timeout = Duration.ofSeconds(5);
        }
        int failures = (int) settings.integer("failures_before_fault", 1, 100).orElse(3);
        return new Spec(base, port, line, timeout, failures);
    }

    @Override
    public Sensor open(Spec spec, SensorContext context) throws IOException {
        return new SerialUpsSensor(spec, ports.acquire(spec.port(), spec.line(), spec.id()), context.clock());
    }
}
