package org.vigie.sensors.onewire;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.vigie.sensors.ChannelSpec;
import org.vigie.sensors.Sensor;
import org.vigie.sensors.SensorBase;
import org.vigie.sensors.SensorContext;
import org.vigie.sensors.SensorSpec;
import org.vigie.sensors.SensorType;
import org.vigie.sensors.Settings;
import org.vigie.sensors.ValueType;

/**
 * {@code type: onewire}: a DS18B20 (or another w1_therm thermometer) through the Linux w1 sysfs.
 * See this package's README.
 */
public final class OneWireSensorType implements SensorType<OneWireSensorType.Spec> {

    /** Where the kernel lists 1-Wire devices. */
    public static final Path DEFAULT_PATH = Path.of("/sys/bus/w1/devices");
    /** {@code device: auto}: the single DS18B20 present. */
    public static final String AUTO = "auto";
    /** Family codes the kernel's w1_therm driver reads: DS18S20, DS1822, DS18B20, DS1825/MAX31850, DS28EA00. */
    static final Pattern DEVICE = Pattern.compile("(10|22|28|3b|42)-[0-9a-f]{12}");
    /** The DS18B20 family, the one {@code auto} looks for. */
    static final String DS18B20_PREFIX = "28-";

    /** A validated {@code onewire} sensor; {@code device} is a device id or {@link #AUTO}. */
    public record Spec(SensorBase base, String device, Path path) implements SensorSpec {
        @Override
        public List<ChannelSpec> channels() {
            return List.of(new ChannelSpec(base.id(), ValueType.NUMBER,
                    base.unit() == null ? "°C" : base.unit(),
                    base.kind() == null ? "temperature" : base.kind()));
        }
    }

    @Override
    public String name() {
        return "onewire";
    }

    /** A DS18B20 conversion takes about 750 ms; temperatures move slowly. */
    @Override
    public java.time.Duration defaultInterval() {
        return java.time.Duration.ofSeconds(10);
    }

    @Override
    public Spec parse(SensorBase base, Settings settings) {
        String device = settings.string("device").orElse(null);
        if (!settings.has("device")) {
            settings.problem("device", "missing: a device id like 28-0000071c7a2b, or auto");
        } else if (device != null && !device.equals(AUTO) && !DEVICE.matcher(device).matches()) {
            settings.problem("device", "must be auto or a thermometer id like 28-0000071c7a2b"
                    + " (family 10, 22, 28, 3b or 42, then 12 lowercase hex digits), was " + device);
        }
        Path path = settings.string("path").map(Path::of).orElse(DEFAULT_PATH);
        return new Spec(base, device, path);
    }

    @Override
    public Sensor open(Spec spec, SensorContext context) {
        return new OneWireSensor(spec);
    }

    /**
     * The 1-Wire devices present under {@code path} (slaves only, bus masters left out), sorted: for
     * {@code vigie check} and for fault messages. An absent directory lists nothing.
     *
     * @throws IOException when the directory exists but cannot be listed
     */
    public static List<String> presentDevices(Path path) throws IOException {
        if (!Files.isDirectory(path)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(path)) {
            return entries.map(p -> p.getFileName().toString())
                    .filter(name -> !name.startsWith("w1_bus_master"))
                    .sorted()
                    .toList();
        }
    }
}
