package org.vigie.sensors.modem;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.vigie.sensors.ChannelSpec;
import org.vigie.sensors.SecretFile;
import org.vigie.sensors.Sensor;
import org.vigie.sensors.SensorBase;
import org.vigie.sensors.SensorContext;
import org.vigie.sensors.SensorSpec;
import org.vigie.sensors.SensorType;
import org.vigie.sensors.Settings;
import org.vigie.sensors.ValueType;
import org.vigie.sensors.serial.LineSettings;
import org.vigie.sensors.serial.Parity;
import org.vigie.sensors.serial.SerialPorts;

/** {@code type: modem}: the GSM/LTE modem that sends SMS, watched as a sensor (see README.md). */
public final class ModemSensorType implements SensorType<ModemSensorType.Spec> {

    public static final int DEFAULT_BAUD = 115_200;
    /** How long one AT command may take. */
    public static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(5);
    /** How long the network may take to accept an SMS. */
    public static final Duration SEND_TIMEOUT = Duration.ofSeconds(60);

    static final List<ChannelSpec> CHANNELS = List.of(
            new ChannelSpec("signal_dbm", ValueType.NUMBER, "dBm", "signal"),
            new ChannelSpec("registered", ValueType.BOOLEAN, null, "network"));

    /** A validated {@code modem} sensor. */
    public record Spec(SensorBase base, Path port, LineSettings line, Path pinFile, int failuresBeforeFault)
            implements SensorSpec {
        @Override
        public List<ChannelSpec> channels() {
            return CHANNELS.stream().map(c -> new ChannelSpec(ChannelSpec.address(base.id(), c.address()),
                    c.type(), c.unit(), c.kind())).toList();
        }
    }

    private final SerialPorts ports;

    public ModemSensorType() {
        this(SerialPorts.system());
    }

    public ModemSensorType(SerialPorts ports) {
        this.ports = ports;
    }

    /** The line settings of a modem at {@code baud}: always 8N1. */
    public static LineSettings line(int baud) {
        return new LineSettings(baud, Parity.NONE, 1);
    }

    @Override
    public String name() {
        return "modem";
    }

    @Override
    public Duration defaultInterval() {
        return Duration.ofSeconds(30);
    }

    @Override
    public Spec parse(SensorBase base, Settings settings) {
        Path port = settings.requiredString("port").map(Path::of).orElse(null);
        LineSettings line = LineSettings.read(settings, DEFAULT_BAUD, false);
        Path pin = settings.readableFile("pin_file", false).orElse(null);
        int failures = (int) settings.integer("failures_before_fault", 1, 100).orElse(2);
        return new Spec(base, port, line, pin, failures);
    }

    @Override
    public Sensor open(Spec spec, SensorContext context) throws IOException {
        String pin = spec.pinFile() == null ? null : SecretFile.read("pin_file", spec.pinFile());
        Modem modem = new Modem(ports.acquire(spec.port(), spec.line(), spec.id()), pin, COMMAND_TIMEOUT, SEND_TIMEOUT);
        return new ModemSensor(spec, modem, context.clock());
    }
}
