package org.vigie.sensors.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vigie.sensors.ChannelSpec;
import org.vigie.sensors.MapSettings;
import org.vigie.sensors.Quality;
import org.vigie.sensors.Reading;
import org.vigie.sensors.Sensor;
import org.vigie.sensors.SensorBase;
import org.vigie.sensors.SensorContext;
import org.vigie.sensors.ValueType;

/** {@code type: file} against files in a temporary folder: a fake sysfs. */
class FileSensorTest {

    private static final Instant NOW = Instant.parse("2026-03-01T02:00:00Z");
    private static final SensorBase BASE = new SensorBase("room-temp", "file", "temperature", "°C",
            Duration.ofSeconds(1), Duration.ofSeconds(3));

    @TempDir
    Path dir;

    private final FileSensorType type = new FileSensorType();

    private FileSensorType.Spec parse(Map<String, Object> keys, List<String> expectedProblems) {
        MapSettings settings = new MapSettings(keys);
        FileSensorType.Spec spec = type.parse(BASE, settings);
        assertEquals(expectedProblems, settings.problems());
        assertEquals(java.util.Set.of(), settings.unused(), "every key is read");
        return spec;
    }

    private Sensor sensor(String content, Map<String, Object> extra) throws IOException {
        Path file = dir.resolve("value");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        Map<String, Object> keys = new HashMap<>(extra);
        keys.put("path", file.toString());
        return type.open(parse(keys, List.of()), new SensorContext(Clock.fixed(NOW, ZoneOffset.UTC), dir));
    }

    private Reading readOne(Sensor s) throws IOException {
        List<Reading> readings = s.read(NOW);
        assertEquals(1, readings.size());
        return readings.get(0);
    }

    @Test
    void parsesPathAndDefaultsScaleToOneAndOffsetToZero() {
        FileSensorType.Spec spec = parse(Map.of("path", "/sys/class/thermal/thermal_zone0/temp"), List.of());
        assertEquals(Path.of("/sys/class/thermal/thermal_zone0/temp"), spec.path());
        assertEquals(1.0, spec.scale());
        assertEquals(0.0, spec.offset());
        assertEquals(List.of(new ChannelSpec("room-temp", ValueType.NUMBER, "°C", "temperature")), spec.channels());
    }

    @Test
    void reportsAMissingPathAndAZeroScale() {
        parse(Map.of("scale", 0), List.of("sensors[0].path: missing", "sensors[0].scale: must not be 0"));
    }

    @ParameterizedTest(name = "''{0}'' × {1} + {2} = {3}")
    @CsvSource(delimiter = '|', value = {
            "23.5              | 1     | 0    | 23.5",
            "45123\\n          | 0.001 | 0    | 45.123",
            "t=21.5 C          | 1     | 0    | 21.5",
            "-12 degrees       | 1     | 0    | -12",
            "+7                | 1     | 0    | 7",
            ".5                | 1     | 0    | 0.5",
            "1.5e3             | 1     | 0    | 1500",
            "12 34 56          | 1     | 0    | 12",
            "v1=3.0            | 1     | 0    | 1",
            "20                | 2     | -1.5 | 38.5",
    })
    void readsTheFirstNumberScaledAndOffset(String content, double scale, double offset, double expected)
            throws IOException {
        Reading r = readOne(sensor(content.replace("\\n", "\n"), Map.of("scale", scale, "offset", offset)));
        assertEquals(Quality.GOOD, r.quality());
        assertEquals("room-temp", r.channel());
        assertEquals(NOW, r.ts());
        assertEquals(expected, (Double) r.value(), 1e-9);
        assertNull(r.problem());
    }

    @Test
    void readsTheFileAgainAtEveryPoll() throws IOException {
        Sensor s = sensor("21\n", Map.of());
        assertEquals(21.0, readOne(s).value());
        Files.writeString(dir.resolve("value"), "22.5\n");
        assertEquals(22.5, readOne(s).value());
    }

    @Test
    void aFileWithoutANumberIsAFaultNamingThePath() throws IOException {
        Reading r = readOne(sensor("N/A\n", Map.of()));
        assertEquals(Quality.FAULT, r.quality());
        assertNull(r.value());
        assertEquals(dir.resolve("value") + ": no number in the file", r.problem());
    }

    @Test
    void anEmptyFileIsAFault() throws IOException {
        assertEquals(Quality.FAULT, readOne(sensor("", Map.of())).quality());
    }

    @Test
    void aNumberBeyondTheFirst4KiBIsNotSeen() throws IOException {
        assertEquals(Quality.FAULT, readOne(sensor(" ".repeat(5000) + "42", Map.of())).quality());
    }

    @Test
    void aMissingFileIsAnIOExceptionNamingThePathAndTheNextReadTriesAgain() throws IOException {
        Sensor s = sensor("21", Map.of());
        Path file = dir.resolve("value");
        Files.delete(file);
        IOException e = assertThrows(IOException.class, () -> s.read(NOW));
        assertEquals(file + ": no such file", e.getMessage());
        Files.writeString(file, "23");
        assertEquals(23.0, readOne(s).value());
    }

    @Test
    void aFolderInsteadOfAFileIsAnIOExceptionNamingThePath() throws IOException {
        Sensor s = sensor("21", Map.of());
        Path file = dir.resolve("value");
        Files.delete(file);
        Files.createDirectory(file);
        IOException e = assertThrows(IOException.class, () -> s.read(NOW));
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
    }
}
