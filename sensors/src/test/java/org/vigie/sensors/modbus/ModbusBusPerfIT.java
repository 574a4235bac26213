package org.vigie.sensors.modbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigie.sensors.MapSettings;
import org.vigie.sensors.Reading;
import org.vigie.sensors.Sensor;
import org.vigie.sensors.SensorBase;
import org.vigie.sensors.SensorContext;
import org.vigie.sensors.serial.Pty;
import org.vigie.sensors.serial.SerialPorts;

/**
 * Issue 6's figure: a bus of 8 devices × 10 registers at 9600 baud, polled every second. The
 * device emulates the wire time of 9600 8N1 (a pty has no baud rate); the cycle time and this
 * JVM's CPU share are logged as {@code PERF …} lines.
 */
class ModbusBusPerfIT {

    private static final Logger LOG = LoggerFactory.getLogger(ModbusBusPerfIT.class);
    static final int UNITS = 8;
    static final int CYCLES = 30;

    @TempDir
    Path dir;
    Pty pty;
    PymodbusDevice device;
    final List<Sensor> sensors = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        sensors.forEach(Sensor::close);
        if (device != null) {
            device.close();
        }
        if (pty != null) {
            pty.close();
        }
    }

    @Test
    void eightDevicesOfTenRegistersFitInOneSecondAt9600Baud() throws Exception {
        Pty.assumeSocat();
        PymodbusDevice.assumeAvailable();
        pty = new Pty(dir);
        pty.start();
        device = new PymodbusDevice(pty.peer, dir.resolve("device.log"));
        device.send("wire 9600");
        SerialPorts ports = Pty.realPorts();
        ModbusSensorType type = new ModbusSensorType(ports);
        List<Map<String, Object>> registers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            registers.add(Map.of("channel", "r" + i, "address", i, "function", 4));
        }
        for (int unit = 1; unit <= UNITS; unit++) {
            device.send("reg " + unit + " 9 " + (100 + unit));
            MapSettings s = new MapSettings(Map.of("port", pty.dev.toString(), "unit_id", unit, "registers", registers));
            var spec = type.parse(new SensorBase("dev-" + unit, "modbus", null, null, Duration.ofSeconds(1),
                    Duration.ofSeconds(3)), s);
            assertEquals(List.of(), s.problems());
            sensors.add(type.open(spec, new SensorContext(Clock.systemUTC(), dir)));
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long[] cycles = new long[CYCLES];
        long cpu0 = os.getProcessCpuTime();
        long wall0 = System.nanoTime();
        for (int c = 0; c < CYCLES; c++) {
            long start = System.nanoTime();
            for (int unit = 1; unit <= UNITS; unit++) {
                List<Reading> r = sensors.get(unit - 1).read(Instant.now());
                assertEquals(10, r.size());
                assertEquals(100.0 + unit, r.get(9).asDouble(), "dev-" + unit + ".r9");
            }
            cycles[c] = (System.nanoTime() - start) / 1_000_000;
        }
        double wall = (System.nanoTime() - wall0) / 1e9;
        double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
        long[] sorted = cycles.clone();
        Arrays.sort(sorted);
        LOG.info("PERF modbus 9600 8N1, {} units x 10 registers: cycle median {} ms, max {} ms over {} cycles;"
                + " CPU {} s in {} s wall = {} % of one core while polling back to back",
                UNITS, sorted[CYCLES / 2], sorted[CYCLES - 1], CYCLES, String.format("%.2f", cpu),
                String.format("%.1f", wall), String.format("%.1f", 100 * cpu / wall));
        assertTrue(sorted[CYCLES - 1] < 1000, "a cycle must fit in the 1 s interval: " + Arrays.toString(cycles));
    }
}
