package org.vigie.sensors.onewire;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.vigie.sensors.Reading;
import org.vigie.sensors.Sensor;

/**
 * Reads one thermometer at every poll. A device that vanished, a {@code device: auto} that finds
 * none or several, or a bad value ({@link W1Value}) is a {@code fault} reading naming what is there.
 * Each read makes the kernel convert a temperature: about 750 ms on a DS18B20 at 12 bits.
 */
final class OneWireSensor implements Sensor {

    private final OneWireSensorType.Spec spec;

    OneWireSensor(OneWireSensorType.Spec spec) {
        this.spec = spec;
    }

    @Override
    public String id() {
        return spec.id();
    }

    @Override
    public List<Reading> read(Instant now) {
        return List.of(readOnce(now));
    }

    private Reading readOnce(Instant now) {
        List<String> present;
        try {
            present = OneWireSensorType.presentDevices(spec.path());
        } catch (IOException e) {
            return Reading.fault(spec.id(), now, "listing " + spec.path() + ": " + e.getMessage());
        }
        String device = spec.device();
        if (device.equals(OneWireSensorType.AUTO)) {
            List<String> ds18b20 = present.stream().filter(d -> d.startsWith(OneWireSensorType.DS18B20_PREFIX)).toList();
            if (ds18b20.size() != 1) {
                return Reading.fault(spec.id(), now, "device: auto needs exactly one 28-* device in " + spec.path()
                        + ", found " + (ds18b20.isEmpty() ? "none" : ds18b20.size() + ": " + String.join(", ", ds18b20))
                        + (ds18b20.isEmpty() ? presentSuffix(present) : "; name one in device"));
            }
            device = ds18b20.get(0);
        }
        Path dir = spec.path().resolve(device);
        if (!Files.isDirectory(dir)) {
            return Reading.fault(spec.id(), now, "device " + device + " not found in " + spec.path() + presentSuffix(present));
        }
        try {
            return W1Value.read(dir).toReading(spec.id(), now);
        } catch (IOException e) {
            return Reading.fault(spec.id(), now, "device " + device + ": " + e.getMessage());
        }
    }

    private static String presentSuffix(List<String> present) {
        return present.isEmpty() ? " (no 1-Wire device present: is the w1-gpio overlay loaded and the bus wired?)"
                : " (present: " + String.join(", ", present) + ")";
    }
}
