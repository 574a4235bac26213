package org.vigie.sensors.file;

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

/** {@code type: file}: the first number in a file (sysfs attributes, a value written by a script). */
public final class FileSensorType implements SensorType<FileSensorType.Spec> {

    /** A validated {@code file} sensor. */
    public record Spec(SensorBase base, Path path, double scale, double offset) implements SensorSpec {
        @Override
        public List<ChannelSpec> channels() {
            return List.of(new ChannelSpec(base.id(), ValueType.NUMBER, base.unit(), base.kind()));
        }
    }

    @Override
    public String name() {
        return "file";
    }

    @Override
    public Spec parse(SensorBase base, Settings settings) {
        Path path = settings.requiredString("path").map(Path::of).orElse(null);
        double scale = settings.number("scale").orElse(1.0);
        double offset = settings.number("offset").orElse(0.0);
        if (scale == 0.0) {
            settings.problem("scale", "must not be 0");
        }
        return new Spec(base, path, scale, offset);
    }

    @Override
    public Sensor open(Spec spec, SensorContext context) {
        return new FileSensor(spec);
    }
}
