package org.vigie.sensors.modbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

/**
 * Against a real Modbus TCP gateway (pymodbus on 127.0.0.1): an SDM120-like meter at unit 1 and
 * an XY-MD02-like probe at unit 2 behind one {@code host:port}, read through one shared connection.
 */
class ModbusTcpIT {

    @TempDir
    Path dir;
    int port;
    PymodbusDevice gateway;
    Sensor meter;
    Sensor probe;

    @BeforeEach
    void setUp() throws Exception {
        PymodbusDevice.assumeAvailable();
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        gateway = started();
        meter = open("meter-1", Map.of("tcp", "127.0.0.1:" + port, "unit_id", 1, "profile", "sdm120",
                "timeout", "300ms", "retries", 1));
        probe = open("probe-1", Map.of("tcp", "127.0.0.1:" + port, "unit_id", 2, "profile", "xy-md02",
                "timeout", "300ms", "retries", 0));
    }

    private PymodbusDevice started() throws IOException {
        PymodbusDevice d = PymodbusDevice.tcp(port, dir.resolve("gateway.log"));
        d.send("float 1 0x0000 230.5");
        d.send("float 1 0x0006 1.25");
        d.send("float 1 0x000C 288.0");
        d.send("float 1 0x0046 50.0");
        d.send("float 1 0x0156 1234.5");
        d.send("reg 2 1 215");
        d.send("reg 2 2 455");
        return d;
    }

    Sensor open(String id, Map<String, Object> keys) throws IOException {
        ModbusSensorType type = new ModbusSensorType();
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
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void readingsFollowTheDevicesBehindOneConnection() throws Exception {
        assertEquals(Map.of("meter-1.voltage", 230.5, "meter-1.current", 1.25, "meter-1.power", 288.0,
                "meter-1.frequency", 50.0, "meter-1.energy", 1234.5), ModbusRtuIT.values(meter.read(Instant.now())));
        Map<String, Object> p = ModbusRtuIT.values(probe.read(Instant.now()));
        assertEquals(21.5, (Double) p.get("probe-1.temperature"), 1e-9);
        assertEquals(45.5, (Double) p.get("probe-1.humidity"), 1e-9);
        gateway.send("float 1 0x0000 198.25");
        gateway.send("reg 2 1 -35");
        assertEquals(198.25, ModbusRtuIT.values(meter.read(Instant.now())).get("meter-1.voltage"));
        assertEquals(-3.5, (Double) ModbusRtuIT.values(probe.read(Instant.now())).get("probe-1.temperature"), 1e-9);
        assertEquals(1, connections(), "the two sensors share one connection to the gateway");
    }

    @Test
    void brokenRepliesAreCountedAndNeverPublishedAsGoodAndALateReplyIsSkipped() throws Exception {
        for (String mode : List.of("garble", "short", "silent")) {
            gateway.send("mode " + mode);
            assertEquals(List.of(), meter.read(Instant.now()), mode);
            assertEquals(List.of(), meter.read(Instant.now()), mode);
            List<Reading> third = meter.read(Instant.now());
            assertEquals(5, third.size(), mode);
            assertTrue(third.stream().allMatch(r -> r.quality() == Quality.FAULT), mode + ": " + third);
            assertTrue(third.get(0).problem().startsWith("meter-1 127.0.0.1:" + port + " unit 1: read input 0x0000+14: "),
                    third.get(0).problem());
            gateway.send("mode normal");
            assertEquals(230.5, ModbusRtuIT.values(meter.read(Instant.now())).get("meter-1.voltage"), mode + ": recovers");
        }
        gateway.send("mode stale");
        assertEquals(230.5, ModbusRtuIT.values(meter.read(Instant.now())).get("meter-1.voltage"),
                "a reply with an earlier transaction id is skipped, ours is taken");
    }

    @Test
    void anExceptionResponseIsTheDevicesAnswerAndIsNotRetried() throws Exception {
        gateway.send("mode exception");
        List<Reading> all = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            all.addAll(meter.read(Instant.now()));
        }
        assertEquals(5, all.size(), all.toString());
        assertTrue(all.get(0).problem().endsWith("read input 0x0000+14: exception 2 (illegal data address)"),
                all.get(0).problem());
    }

    @Test
    void aGatewayThatGoesDownFaultsAtOnceAndIsReconnectedWithBackoff() throws Exception {
        assertEquals(230.5, ModbusRtuIT.values(meter.read(Instant.now())).get("meter-1.voltage"));
        gateway.close();
        gateway = null;
        List<Reading> r = meter.read(Instant.now());
        if (r.isEmpty()) {
            r = meter.read(Instant.now()); // the first try may see the old connection close, and retry on a new one
        }
        assertEquals(5, r.size(), r.toString());
        assertTrue(r.stream().allMatch(x -> x.quality() == Quality.FAULT), r.toString());
        assertTrue(r.get(0).problem().contains("connection refused"), r.get(0).problem());
        long t0 = System.nanoTime();
        List<Reading> again = probe.read(Instant.now());
        assertTrue((System.nanoTime() - t0) / 1_000_000 < 100, "in backoff, a read fails at once");
        assertTrue(again.get(0).problem().contains("next try in"), again.get(0).problem());

        gateway = started();
        Object voltage = null;
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!(voltage instanceof Double) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            voltage = ModbusRtuIT.values(meter.read(Instant.now())).get("meter-1.voltage");
        }
        assertEquals(230.5, voltage);
        assertEquals(45.5, (Double) ModbusRtuIT.values(probe.read(Instant.now())).get("probe-1.humidity"), 1e-9);
    }

    /** Established connections to the gateway's port, as the kernel sees them. */
    private int connections() throws IOException {
        int n = 0;
        String hexPort = String.format(":%04X ", port);
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            for (String line : java.nio.file.Files.readAllLines(Path.of(table))) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 3 && (f[2] + " ").contains(hexPort) && f[3].equals("01")) {
                    n++;
                }
            }
        }
        return n;
    }
}
