package org.vigie.sensors.modbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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

/**
 * Against a real Modbus RTU device (pymodbus) on a socat pty: an SDM120-like meter at unit 1 and
 * an XY-MD02-like probe at unit 2 on one bus, read through jSerialComm.
 */
class ModbusRtuIT {

    @TempDir
    Path dir;
    Pty pty;
    PymodbusDevice device;
    SerialPorts ports;
    Sensor meter;
    Sensor probe;

    @BeforeEach
    void setUp() throws Exception {
        Pty.assumeSocat();
        PymodbusDevice.assumeAvailable();
        pty = new Pty(dir);
        pty.start();
        device = new PymodbusDevice(pty.peer, dir.resolve("device.log"));
        ports = Pty.realPorts();
        meter = open("meter-1", Map.of("port", pty.dev.toString(), "unit_id", 1, "profile", "sdm120",
                "timeout", "200ms", "retries", 1));
        probe = open("probe-1", Map.of("port", pty.dev.toString(), "unit_id", 2, "profile", "xy-md02",
                "timeout", "200ms", "retries", 0));
        device.send("float 1 0x0000 230.5");
        device.send("float 1 0x0006 1.25");
        device.send("float 1 0x000C 288.0");
        device.send("float 1 0x0046 50.0");
        device.send("float 1 0x0156 1234.5");
        device.send("reg 2 1 215");
        device.send("reg 2 2 455");
    }

    Sensor open(String id, Map<String, Object> keys) throws IOException {
        ModbusSensorType type = new ModbusSensorType(ports);
        MapSettings s = new MapSettings(keys);
        var spec = type.parse(new SensorBase(id, "modbus", null, null, Duration.ofSeconds(1), Duration.ofSeconds(3)), s);
        assertEquals(List.of(), s.problems());
        return type.open(spec, new SensorContext(Clock.systemUTC(), dir));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (meter != null) {
            meter.close();
            probe.close();
        }
        if (device != null) {
            device.close();
        }
        if (pty != null) {
            pty.close();
        }
    }

    static Map<String, Object> values(List<Reading> readings) {
        return readings.stream().collect(Collectors.toMap(Reading::channel, r -> r.good() ? r.value() : r.quality()));
    }

    @Test
    void readingsFollowTheDevice() throws Exception {
        assertEquals(Map.of("meter-1.voltage", 230.5, "meter-1.current", 1.25, "meter-1.power", 288.0,
                "meter-1.frequency", 50.0, "meter-1.energy", 1234.5), values(meter.read(Instant.now())));
        Map<String, Object> p = values(probe.read(Instant.now()));
        assertEquals(21.5, (Double) p.get("probe-1.temperature"), 1e-9);
        assertEquals(45.5, (Double) p.get("probe-1.humidity"), 1e-9);
        device.send("float 1 0x0000 198.25");
        device.send("reg 2 1 -35");
        assertEquals(198.25, values(meter.read(Instant.now())).get("meter-1.voltage"));
        assertEquals(-3.5, (Double) values(probe.read(Instant.now())).get("probe-1.temperature"), 1e-9);
    }

    @Test
    void twoSensorsPollingTheBusAtOnceNeverInterleave() throws Exception {
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<Integer>> runs = new ArrayList<>();
            for (Sensor s : List.of(meter, probe)) {
                runs.add(pool.submit(() -> {
                    int good = 0;
                    for (int i = 0; i < 15; i++) {
                        List<Reading> r = s.read(Instant.now());
                        assertTrue(r.stream().allMatch(Reading::good), r.toString());
                        good += r.size();
                    }
                    return good;
                }));
            }
            assertEquals(15 * 5, runs.get(0).get(60, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals(15 * 2, runs.get(1).get(60, java.util.concurrent.TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void brokenRepliesAreCountedAndNeverPublishedAsGood() throws Exception {
        for (String mode : List.of("crc", "garble", "wrong-unit", "silent")) {
            device.send("mode " + mode);
            List<Reading> all = new ArrayList<>();
            assertEquals(List.of(), meter.read(Instant.now()), mode);
            assertEquals(List.of(), meter.read(Instant.now()), mode);
            List<Reading> third = meter.read(Instant.now());
            all.addAll(third);
            assertEquals(5, third.size(), mode);
            assertTrue(all.stream().allMatch(r -> r.quality() == Quality.FAULT), mode + ": " + all);
            assertTrue(third.get(0).problem().startsWith("meter-1 " + pty.dev + " unit 1: read input 0x0000+14: "),
                    third.get(0).problem());
            device.send("mode normal");
            assertEquals(230.5, values(meter.read(Instant.now())).get("meter-1.voltage"), mode + ": recovers");
        }
    }

    @Test
    void unpluggedBusFaultsAtOnceAndComesBackWithoutReopeningTheSensors() throws Exception {
        List<Reading> pushed = new CopyOnWriteArrayList<>();
        meter.start(pushed::add);
        probe.start(pushed::add);
        assertEquals(230.5, values(meter.read(Instant.now())).get("meter-1.voltage"));
        device.close();
        pty.stop();
        long deadline = System.nanoTime() + 3_000_000_000L;
        while (pushed.size() < 7 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(7, pushed.size(), "every channel of the bus pushed as fault: " + pushed);
        assertTrue(pushed.stream().allMatch(r -> r.quality() == Quality.FAULT));
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        Thread.sleep(1000);
        long busy = (os.getProcessCpuTime() - cpu) / 1_000_000;
        assertTrue(busy < 250, "the hung-up port must not spin (jSerialComm repeats the event): " + busy + " ms CPU in 1 s");
        List<Reading> r = meter.read(Instant.now());
        assertEquals(5, r.size());
        assertTrue(r.stream().allMatch(x -> x.quality() == Quality.FAULT), r.toString());
        assertEquals(Quality.FAULT, probe.read(Instant.now()).get(0).quality());

        pty.start();
        device = new PymodbusDevice(pty.peer, dir.resolve("device.log"));
        device.send("float 1 0x0000 231.0");
        device.send("reg 2 2 500");
        Object voltage = null;
        deadline = System.nanoTime() + 10_000_000_000L;
        while (!(voltage instanceof Double) && System.nanoTime() < deadline) {
            Thread.sleep(250);
            voltage = values(meter.read(Instant.now())).get("meter-1.voltage");
        }
        assertEquals(231.0, voltage);
        assertEquals(50.0, (Double) values(probe.read(Instant.now())).get("probe-1.humidity"), 1e-9);
    }
}
