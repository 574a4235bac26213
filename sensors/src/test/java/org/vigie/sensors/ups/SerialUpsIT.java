package org.vigie.sensors.ups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.sensors.MapSettings;
import org.vigie.sensors.Quality;
import org.vigie.sensors.Reading;
import org.vigie.sensors.Sensor;
import org.vigie.sensors.SensorBase;
import org.vigie.sensors.SensorContext;
import org.vigie.sensors.serial.Pty;
import org.vigie.sensors.serial.SerialPorts;

/** Against a Megatec responder on a socat pty, read through jSerialComm at 2400 baud. */
class SerialUpsIT {

    static final String NORMAL = "(230.1 230.0 229.8 041 50.0 27.2 31.5 00001000";

    @TempDir
    Path dir;
    Pty pty;
    MegatecResponder ups;
    SerialPorts ports;
    Sensor sensor;

    @BeforeEach
    void setUp() throws Exception {
        Pty.assumeSocat();
        pty = new Pty(dir);
        pty.start();
        ups = new MegatecResponder(pty.peer);
        ports = Pty.realPorts();
        SerialUpsSensorType type = new SerialUpsSensorType(ports);
        MapSettings s = new MapSettings(Map.of("port", pty.dev.toString(), "baud", 2400, "protocol", "megatec",
                "timeout", "300ms"));
        var spec = type.parse(new SensorBase("ups-1", "serial-ups", null, null, Duration.ofSeconds(2),
                Duration.ofSeconds(6)), s);
        assertEquals(List.of(), s.problems());
        sensor = type.open(spec, new SensorContext(Clock.systemUTC(), dir));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (sensor != null) {
            sensor.close();
        }
        if (pty != null) {
            pty.close();
        }
        if (ups != null) {
            ups.close();
        }
    }

    static Map<String, Object> values(List<Reading> readings) {
        return readings.stream().collect(Collectors.toMap(Reading::channel, r -> r.good() ? r.value() : r.quality()));
    }

    @Test
    void followsTheUpsOntoBatteryAndBack() throws IOException {
        Map<String, Object> v = values(sensor.read(Instant.now()));
        assertEquals(Map.of("ups-1.on_battery", false, "ups-1.battery_low", false, "ups-1.ups_fault", false,
                "ups-1.input_voltage", 230.1, "ups-1.input_frequency", 50.0, "ups-1.output_voltage", 229.8,
                "ups-1.load_pct", 41.0, "ups-1.battery_voltage", 27.2, "ups-1.temperature", 31.5), v);
        ups.status = "(000.0 000.0 229.9 043 00.0 23.9 32.0 11000000";
        v = values(sensor.read(Instant.now()));
        assertEquals(true, v.get("ups-1.on_battery"));
        assertEquals(true, v.get("ups-1.battery_low"));
        assertEquals(23.9, v.get("ups-1.battery_voltage"));
        ups.status = NORMAL;
        assertEquals(false, values(sensor.read(Instant.now())).get("ups-1.on_battery"));
    }

    @Test
    void garbledOrSilentFaultsAfterThreeAndNeverPublishesAGuess() throws IOException {
        for (String bad : new String[] {"(230.1 23#.0 229.8 041 50.0 27.2 31.5 00001000", "\u00ff\u0013(2", null}) {
            ups.status = bad;
            assertEquals(List.of(), sensor.read(Instant.now()));
            assertEquals(List.of(), sensor.read(Instant.now()));
            List<Reading> third = sensor.read(Instant.now());
            assertEquals(9, third.size());
            assertTrue(third.stream().allMatch(r -> r.quality() == Quality.FAULT && r.value() == null), third.toString());
            assertTrue(third.get(0).problem().startsWith("ups-1 " + pty.dev + ": Q1: "), third.get(0).problem());
            ups.status = NORMAL;
            assertEquals(230.1, values(sensor.read(Instant.now())).get("ups-1.input_voltage"));
        }
    }

    @Test
    void unpluggedFaultsAtOnceThenRecoversAtTheSamePath() throws Exception {
        List<Reading> pushed = new CopyOnWriteArrayList<>();
        sensor.start(pushed::add);
        assertEquals(230.1, values(sensor.read(Instant.now())).get("ups-1.input_voltage"));
        pty.stop();
        long deadline = System.nanoTime() + 3_000_000_000L;
        while (pushed.size() < 9 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(9, pushed.size(), pushed.toString());
        List<Reading> r = sensor.read(Instant.now());
        assertTrue(r.size() == 9 && r.stream().allMatch(x -> x.quality() == Quality.FAULT), r.toString());
        ups.close();
        pty.start();
        ups = new MegatecResponder(pty.peer);
        ups.status = "(231.0 230.0 229.8 041 50.0 27.2 31.5 00001000";
        Object volts = null;
        deadline = System.nanoTime() + 10_000_000_000L;
        while (!(volts instanceof Double) && System.nanoTime() < deadline) {
            Thread.sleep(250);
            volts = values(sensor.read(Instant.now())).get("ups-1.input_voltage");
        }
        assertEquals(231.0, volts);
    }
}
