package org.vigie.sensors.onewire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.sensors.MapSettings;
import org.vigie.sensors.SensorBase;

class OneWireSensorTypeTest {

    private static final SensorBase BASE =
            new SensorBase("t1", "onewire", null, null, Duration.ofSeconds(10), Duration.ofSeconds(30));

    private static MapSettings parse(Map<String, Object> keys) {
        MapSettings settings = new MapSettings(keys);
        OneWireSensorType.Spec spec = new OneWireSensorType().parse(BASE, settings);
        assertEquals(Set.of(), settings.unused());
        assertEquals("°C", spec.channels().get(0).unit());
        assertEquals("temperature", spec.channels().get(0).kind());
        return settings;
    }

    @Test
    void acceptsAnIdOrAutoAndDefaultsThePath() {
        assertEquals(List.of(), parse(Map.of("device", "28-0000071c7a2b")).problems());
        assertEquals(List.of(), parse(Map.of("device", "auto", "path", "/mnt/w1")).problems());
        var spec = new OneWireSensorType().parse(BASE, new MapSettings(Map.of("device", "auto")));
        assertEquals(Path.of("/sys/bus/w1/devices"), spec.path());
    }

    @Test
    void rejectsAMissingOrMalformedDevice() {
        assertEquals(List.of("sensors[0].device: missing: a device id like 28-0000071c7a2b, or auto"),
                parse(Map.of()).problems());
        assertEquals(List.of("sensors[0].device: must be auto or a thermometer id like 28-0000071c7a2b"
                        + " (family 10, 22, 28, 3b or 42, then 12 lowercase hex digits), was 28-71C7A2B"),
                parse(Map.of("device", "28-71C7A2B")).problems());
    }

    @Test
    void presentDevicesListsSlavesNotBusMasters(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("w1_bus_master1"));
        Files.createDirectories(dir.resolve("28-00000a1b2c3d"));
        Files.createDirectories(dir.resolve("28-0000071c7a2b"));
        assertEquals(List.of("28-0000071c7a2b", "28-00000a1b2c3d"), OneWireSensorType.presentDevices(dir));
        assertTrue(OneWireSensorType.presentDevices(dir.resolve("absent")).isEmpty());
    }

    @Test
    void rangeAndFormatChecks() {
        assertEquals(20_500, W1Value.parseTemperature(" 20500\n").millis());
        assertTrue(W1Value.parseTemperature("130000").problem().startsWith("130.000 °C is outside the DS18B20's range"));
        assertTrue(W1Value.parseW1Slave("72 01 : crc=57 YES\n").problem().startsWith("w1_slave: expected 2 lines"));
        assertTrue(W1Value.parseW1Slave("72 01 crc YES\nt=1\n").problem().startsWith("w1_slave: no crc=.. YES|NO"));
        assertTrue(W1Value.parseW1Slave("a : crc=57 YES\nb t=\n").problem().startsWith("w1_slave: no t=N on line 2"));
        assertEquals(-55_000, W1Value.parseW1Slave("a : crc=57 YES\nb t=-55000\n").millis());
    }
}
