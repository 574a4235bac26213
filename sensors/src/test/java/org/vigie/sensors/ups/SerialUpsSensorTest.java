package org.vigie.sensors.ups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.sensors.MapSettings;
import org.vigie.sensors.Quality;
import org.vigie.sensors.Reading;
import org.vigie.sensors.Sensor;
import org.vigie.sensors.SensorBase;
import org.vigie.sensors.SensorContext;
import org.vigie.sensors.serial.FakeSerial;

class SerialUpsSensorTest {

    static final Instant T = Instant.parse("2026-11-28T23:00:00Z");
    static final SensorBase BASE = new SensorBase("ups-1", "serial-ups", null, null, Duration.ofSeconds(5),
            Duration.ofSeconds(15));

    @TempDir
    Path dir;
    FakeSerial line;
    volatile String answer = "(230.1 230.0 229.8 041 50.0 27.2 31.5 00001000\r";
    Sensor ups;

    @BeforeEach
    void setUp() throws IOException {
        line = new FakeSerial(dir);
        line.responder = req -> new String(req, StandardCharsets.US_ASCII).equals("Q1\r")
                ? answer.getBytes(StandardCharsets.ISO_8859_1) : new byte[0];
        SerialUpsSensorType type = new SerialUpsSensorType(line.ports());
        MapSettings s = new MapSettings(Map.of("port", line.path.toString(), "protocol", "megatec", "timeout", "100ms"));
        SerialUpsSensorType.Spec spec = type.parse(BASE, s);
        assertEquals(List.of(), s.problems());
        assertEquals(List.of(), List.copyOf(s.unused()));
        assertEquals("2400 8N1", spec.line().toString());
        ups = type.open(spec, new SensorContext(Clock.fixed(T, ZoneOffset.UTC), dir));
    }

    static Map<String, Object> values(List<Reading> readings) {
        return readings.stream().collect(Collectors.toMap(Reading::channel, r -> r.good() ? r.value() : r.quality()));
    }

    @Test
    void publishesEveryChannel() throws IOException {
        assertEquals(Map.of("ups-1.on_battery", false, "ups-1.battery_low", false, "ups-1.ups_fault", false,
                "ups-1.input_voltage", 230.1, "ups-1.input_frequency", 50.0, "ups-1.output_voltage", 229.8,
                "ups-1.load_pct", 41.0, "ups-1.battery_voltage", 27.2, "ups-1.temperature", 31.5), values(ups.read(T)));
        answer = "(000.0 000.0 229.8 045 00.0 24.1 31.5 11000000\r";
        Map<String, Object> v = values(ups.read(T));
        assertEquals(true, v.get("ups-1.on_battery"));
        assertEquals(true, v.get("ups-1.battery_low"));
        assertEquals(0.0, v.get("ups-1.input_voltage"));
    }

    @Test
    void garbledLinesAndSilenceFaultAfterThreeInARow() throws IOException {
        for (String bad : List.of("(230.1 230.0 229.8 0#1 50.0 27.2 31.5 00001000\r", "NAK\r", "",
                "(230.1 230.0 229.8")) {
            answer = bad;
            assertEquals(List.of(), ups.read(T), bad);
            assertEquals(List.of(), ups.read(T), bad);
            List<Reading> third = ups.read(T);
            assertEquals(9, third.size());
            assertTrue(third.stream().allMatch(r -> r.quality() == Quality.FAULT && r.value() == null));
            assertTrue(third.get(0).problem().startsWith("ups-1 " + line.path + ": Q1: "), third.get(0).problem());
            answer = "(230.1 230.0 229.8 041 50.0 27.2 31.5 00001000\r";
            assertEquals(230.1, values(ups.read(T)).get("ups-1.input_voltage"));
        }
    }

    @Test
    void megatecIsAlways8N1AndOnlyMegatec() {
        MapSettings s = new MapSettings(Map.of("port", "/dev/ttyS0", "baud", 9601, "parity", "even",
                "protocol", "voltronic", "failures_before_fault", 0));
        new SerialUpsSensorType(line.ports()).parse(BASE, s);
        assertEquals(List.of("sensors[0].baud: must be one of [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200],"
                + " was 9601", "sensors[0].protocol: must be one of [megatec], was voltronic",
                "sensors[0].failures_before_fault: must be between 1 and 100, was 0"), s.problems());
        assertEquals(java.util.Set.of("parity"), s.unused(), "left for the agent to report as unknown");
    }

    @Test
    void noTemperatureSensorFaultsThatChannelOnly() throws IOException {
        answer = "(230.1 230.0 229.8 041 50.0 27.2 --.- 00001000\r";
        Map<String, Object> v = values(ups.read(T));
        assertEquals(Quality.FAULT, v.get("ups-1.temperature"));
        assertEquals(41.0, v.get("ups-1.load_pct"));
    }

    @Test
    void unpluggedIsAFaultAtOnce() throws IOException {
        ups.read(T);
        line.unplug();
        List<Reading> r = ups.read(T);
        assertEquals(9, r.size());
        assertTrue(r.get(0).problem().startsWith("ups-1 " + line.path + ": "), r.get(0).problem());
        line.plugBack();
        line.advance(Duration.ofSeconds(3));
        assertEquals(false, values(ups.read(T)).get("ups-1.on_battery"));
    }
}
