package org.vigie.sensors.modbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.sensors.MapSettings;
import org.vigie.sensors.Quality;
import org.vigie.sensors.Reading;
import org.vigie.sensors.Sensor;
import org.vigie.sensors.SensorContext;
import org.vigie.sensors.serial.FakeSerial;

class ModbusSensorTest {

    static final Instant T = Instant.parse("2026-11-28T23:00:00Z");

    @TempDir
    Path dir;
    FakeSerial bus;
    FakeModbusDevice meter;
    Sensor sensor;

    @BeforeEach
    void setUp() throws IOException {
        bus = new FakeSerial(dir);
        meter = new FakeModbusDevice(1);
        bus.responder = meter;
        meter.setFloat(0x0000, 230.5f);
        meter.setFloat(0x0006, 1.25f);
        meter.setFloat(0x000C, 288.0f);
        meter.setFloat(0x0046, 50.0f);
        meter.setFloat(0x0156, 1234.5f);
        sensor = open(Map.of("port", bus.path.toString(), "unit_id", 1, "profile", "sdm120", "retries", 1));
    }

    Sensor open(Map<String, Object> keys) throws IOException {
        ModbusSensorType type = new ModbusSensorType(bus.ports());
        MapSettings s = new MapSettings(keys);
        ModbusSensorType.Spec spec = type.parse(ModbusSensorTypeTest.BASE, s);
        assertEquals(List.of(), s.problems());
        return type.open(spec, new SensorContext(Clock.fixed(T, ZoneOffset.UTC), dir));
    }

    static Map<String, Object> values(List<Reading> readings) {
        return readings.stream().collect(java.util.stream.Collectors.toMap(Reading::channel,
                r -> r.good() ? r.value() : r.quality()));
    }

    @Test
    void readsTheProfileInThreeRequestsAndFollowsChanges() throws IOException {
        assertEquals(Map.of("meter-1.voltage", 230.5, "meter-1.current", 1.25, "meter-1.power", 288.0,
                "meter-1.frequency", 50.0, "meter-1.energy", 1234.5), values(sensor.read(T)));
        assertEquals(3, bus.writes.get());
        meter.setFloat(0x0000, 0f);
        assertEquals(0.0, values(sensor.read(T)).get("meter-1.voltage"));
    }

    @Test
    void badRepliesAreCountedAndFaultOnlyAfterThreeInARow() throws IOException {
        for (FakeModbusDevice.Mode mode : List.of(FakeModbusDevice.Mode.CRC, FakeModbusDevice.Mode.GARBLE,
                FakeModbusDevice.Mode.SILENT, FakeModbusDevice.Mode.WRONG_UNIT, FakeModbusDevice.Mode.SHORT)) {
            meter.mode = mode;
            assertEquals(List.of(), sensor.read(T), mode + ": first failure publishes nothing");
            assertEquals(List.of(), sensor.read(T), mode + ": nor the second");
            List<Reading> third = sensor.read(T);
            assertEquals(5, third.size(), mode.toString());
            assertTrue(third.stream().allMatch(r -> r.quality() == Quality.FAULT && r.value() == null), mode.toString());
            meter.mode = FakeModbusDevice.Mode.NORMAL;
            assertEquals(230.5, values(sensor.read(T)).get("meter-1.voltage"), mode + ": recovers");
        }
    }

    @Test
    void aSilentUnitHoldsTheBusForOneBlockOnly() throws IOException {
        meter.mode = FakeModbusDevice.Mode.SILENT;
        int before = bus.writes.get();
        sensor.read(T);
        assertEquals(2, bus.writes.get() - before, "first block and its retry; the others wait for the next poll");
    }

    @Test
    void theProblemTextCarriesItsContextOutermostFirst() throws IOException {
        meter.mode = FakeModbusDevice.Mode.CRC;
        sensor.read(T);
        sensor.read(T);
        String problem = sensor.read(T).get(0).problem();
        assertTrue(problem.startsWith("meter-1 " + bus.path + " unit 1: read input 0x0000+14: CRC mismatch ("),
                problem);
        assertTrue(problem.endsWith(") (2 tries)"), problem);
    }

    @Test
    void anExceptionResponseIsNotRetriedAndFaultsOnlyItsBlock() throws IOException {
        Sensor s = open(Map.of("port", bus.path.toString(), "unit_id", 1, "failures_before_fault", 1,
                "registers", List.of(Map.of("channel", "ok", "address", 0, "function", 4),
                        Map.of("channel", "beyond", "address", 0x1FF, "function", 4, "type", "uint32"))));
        int before = bus.writes.get();
        List<Reading> r = s.read(T);
        assertEquals(2, bus.writes.get() - before, "one request each, no retry of the exception");
        assertEquals(Map.of("meter-1.ok", 17254.0, "meter-1.beyond", Quality.FAULT), values(r));
        Reading fault = r.stream().filter(x -> !x.good()).findFirst().orElseThrow();
        assertTrue(fault.problem().endsWith("read input 0x01FF+2: exception 2 (illegal data address)"),
                fault.problem());
    }

    @Test
    void anUnpluggedPortFaultsAtOnceAndRecoversWithoutReopeningTheSensor() throws IOException {
        List<Reading> pushed = new CopyOnWriteArrayList<>();
        sensor.start(pushed::add);
        sensor.read(T);
        bus.unplug();
        assertEquals(5, pushed.size(), "pushed at once, before the next poll");
        assertTrue(pushed.get(0).problem().endsWith(": port disconnected"), pushed.get(0).problem());
        List<Reading> r = sensor.read(T);
        assertEquals(5, r.size());
        assertTrue(r.stream().allMatch(x -> x.quality() == Quality.FAULT));
        bus.plugBack();
        bus.advance(Duration.ofSeconds(3));
        assertEquals(230.5, values(sensor.read(T)).get("meter-1.voltage"));
        assertEquals(2, bus.opens.get());
    }

    @Test
    void twoUnitsShareTheBus() throws IOException {
        FakeModbusDevice probe = new FakeModbusDevice(2);
        probe.input[1] = 0xFF38;
        probe.input[2] = 455;
        bus.responder = req -> (req[0] & 0xFF) == 2 ? probe.apply(req) : meter.apply(req);
        Sensor p = open(Map.of("port", bus.path.toString(), "unit_id", 2, "profile", "xy-md02"));
        Map<String, Object> v = values(p.read(T));
        assertEquals(-20.0, (Double) v.get("meter-1.temperature"), 1e-9);
        assertEquals(45.5, (Double) v.get("meter-1.humidity"), 1e-9);
        assertEquals(230.5, values(sensor.read(T)).get("meter-1.voltage"));
        assertEquals(1, bus.opens.get());
    }
}
