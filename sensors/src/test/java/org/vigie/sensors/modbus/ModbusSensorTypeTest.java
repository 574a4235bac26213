package org.vigie.sensors.modbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vigie.sensors.MapSettings;
import org.vigie.sensors.SensorBase;

class ModbusSensorTypeTest {

    static final SensorBase BASE = new SensorBase("meter-1", "modbus", null, null, Duration.ofSeconds(10),
            Duration.ofSeconds(30));

    static ModbusSensorType.Spec parse(MapSettings s) {
        return new ModbusSensorType().parse(BASE, s);
    }

    @Test
    void aProfileGivesItsChannels() {
        MapSettings s = new MapSettings(Map.of("port", "/dev/ttyUSB0", "baud", 9600, "parity", "even",
                "unit_id", 1, "profile", "sdm120"));
        ModbusSensorType.Spec spec = parse(s);
        assertEquals(List.of(), s.problems());
        assertEquals(List.of(), List.copyOf(s.unused()));
        assertEquals(List.of("meter-1.voltage", "meter-1.current", "meter-1.power", "meter-1.frequency",
                "meter-1.energy"), spec.channels().stream().map(c -> c.address()).toList());
        assertEquals("9600 8E1", spec.line().toString());
        assertEquals(Duration.ofMillis(500), spec.timeout());
        assertEquals(1, spec.retries());
        assertEquals(3, spec.failuresBeforeFault());
    }

    @Test
    void explicitRegisters() {
        MapSettings s = new MapSettings(Map.of("port", "/dev/ttyUSB0", "unit_id", 7, "timeout", "250ms",
                "retries", 0, "failures_before_fault", 5, "registers", List.of(
                        Map.of("channel", "supply", "address", 0, "function", 4, "type", "int16", "scale", 0.1,
                                "unit", "°C"),
                        Map.of("channel", "kwh", "address", 10, "type", "uint32", "word_order", "little",
                                "offset", 100))));
        ModbusSensorType.Spec spec = parse(s);
        assertEquals(List.of(), s.problems());
        assertEquals(List.of(), List.copyOf(s.unused()));
        Register kwh = spec.registers().get(1);
        assertEquals(3, kwh.function());
        assertEquals(WordOrder.LITTLE, kwh.wordOrder());
        assertEquals(RegisterType.UINT32, kwh.type());
        assertEquals("°C", spec.channels().get(0).unit());
    }

    @Test
    void everyProblemNamesItsKeyAndValue() {
        MapSettings s = new MapSettings(Map.of("baud", 9601, "parity", "mark", "stop_bits", 3,
                "profile", "sdm999", "timeout", "10s", "retries", 9));
        parse(s);
        List<String> p = s.problems();
        assertTrue(p.contains("sensors[0].port: missing: the serial port (port: /dev/ttyUSB0), or tcp: HOST:PORT for Modbus TCP"),
                p.toString());
        assertTrue(p.contains("sensors[0].baud: must be one of [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200],"
                + " was 9601"), p.toString());
        assertTrue(p.contains("sensors[0].parity: must be one of [even, none, odd], was mark"), p.toString());
        assertTrue(p.contains("sensors[0].stop_bits: must be between 1 and 2, was 3"), p.toString());
        assertTrue(p.contains("sensors[0].unit_id: missing: the device's Modbus address, 1…247"), p.toString());
        assertTrue(p.contains("sensors[0].profile: must be one of [sdm120, sdm630, xy-md02], was sdm999"), p.toString());
        assertTrue(p.contains("sensors[0].timeout: must be at most 5s (it holds the whole bus), was 10000ms"),
                p.toString());
        assertTrue(p.contains("sensors[0].retries: must be between 0 and 5, was 9"), p.toString());
    }

    @Test
    void badRegisterEntries() {
        MapSettings s = new MapSettings(Map.of("port", "/dev/ttyUSB0", "unit_id", 1, "registers", List.of(
                Map.of("channel", "Temp", "address", 0),
                Map.of("channel", "a", "address", 65535, "type", "float32"),
                Map.of("channel", "b", "address", 1, "function", 6, "type", "float64", "word_order", "middle"),
                Map.of("channel", "b", "address", 2, "scale", 0),
                Map.of("channel", "c"))));
        parse(s);
        List<String> p = s.problems();
        assertTrue(p.contains("sensors[0].registers[0].channel: must match [a-z0-9][a-z0-9_-]*, was Temp"), p.toString());
        assertTrue(p.contains("sensors[0].registers[1].address: float32 at 65535 runs past register 65535"), p.toString());
        assertTrue(p.contains("sensors[0].registers[2].function: must be between 3 and 4, was 6"), p.toString());
        assertTrue(p.contains("sensors[0].registers[2].type: must be one of [float32, int16, int32, uint16, uint32],"
                + " was float64"), p.toString());
        assertTrue(p.contains("sensors[0].registers[2].word_order: must be one of [big, little], was middle"),
                p.toString());
        assertTrue(p.contains("sensors[0].registers[3].channel: duplicate channel b"), p.toString());
        assertTrue(p.contains("sensors[0].registers[3].scale: must not be 0"), p.toString());
        assertTrue(p.contains("sensors[0].registers[4].address: missing: the 0-based register address, 0…65535"),
                p.toString());
    }

    @Test
    void profileAndRegistersExcludeEachOther() {
        MapSettings both = new MapSettings(Map.of("port", "/dev/x", "unit_id", 1, "profile", "sdm120",
                "registers", List.of()));
        parse(both);
        assertEquals(List.of("sensors[0].registers: give either profile or registers, not both"), both.problems());
        MapSettings none = new MapSettings(Map.of("port", "/dev/x", "unit_id", 1));
        parse(none);
        assertEquals(List.of("sensors[0].profile: missing: give a profile (sdm120, sdm630, xy-md02) or a list of"
                + " registers"), none.problems());
    }
}
