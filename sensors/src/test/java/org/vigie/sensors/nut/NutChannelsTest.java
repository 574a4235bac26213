package org.vigie.sensors.nut;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.vigie.sensors.ChannelSpec;
import org.vigie.sensors.MapSettings;
import org.vigie.sensors.Quality;
import org.vigie.sensors.Reading;
import org.vigie.sensors.SensorBase;

/** Every ups.status flag, {@code variables:}, bad values and the identity, against a fake upsd. */
class NutChannelsTest {

    private static final SensorBase BASE =
            new SensorBase("ups-2", "nut", null, null, Duration.ofSeconds(2), Duration.ofSeconds(6));
    private static final Instant NOW = Instant.parse("2026-12-03T08:00:00Z");
    private final FakeUpsd upsd = new FakeUpsd();

    NutChannelsTest() throws IOException {
    }

    @AfterEach
    void close() throws IOException {
        upsd.close();
    }

    private NutSensor sensor(List<String> variables) {
        Map<String, Object> map = new HashMap<>(Map.of("host", "127.0.0.1", "port", upsd.port(), "ups", "ups1",
                "timeout", "500ms", "variables", variables));
        MapSettings s = new MapSettings(map);
        NutSensorType.Spec spec = new NutSensorType().parse(BASE, s);
        assertEquals(List.of(), s.problems());
        return new NutSensor(spec, new NutClient(spec));
    }

    private Map<String, Reading> read(NutSensor s, String... vars) {
        String[] lines = new String[vars.length + 2];
        lines[0] = "BEGIN LIST VAR ups1";
        for (int i = 0; i < vars.length; i++) {
            lines[i + 1] = "VAR ups1 " + vars[i];
        }
        lines[lines.length - 1] = "END LIST VAR ups1";
        upsd.answer("LIST VAR ups1", lines);
        Map<String, Reading> map = new HashMap<>();
        s.read(NOW).forEach(r -> map.put(r.channel().substring("ups-2.".length()), r));
        return map;
    }

    @Test
    void everyStandardStatusFlagIsAChannel() {
        NutSensor s = sensor(List.of());
        Map<String, Reading> r = read(s, "ups.status \"OL CHRG RB OVER BYPASS TRIM ALARM\"");
        for (String on : List.of("online", "charging", "replace_battery", "overload", "bypass", "trim", "alarm")) {
            assertEquals(true, r.get(on).value(), on);
        }
        for (String off : List.of("on_battery", "battery_low", "fsd", "discharging", "boost", "off")) {
            assertEquals(false, r.get(off).value(), off);
        }
        r = read(s, "ups.status \"OB DISCHRG LB BOOST FSD OFF\"");
        for (String on : List.of("on_battery", "discharging", "battery_low", "boost", "fsd", "off")) {
            assertEquals(true, r.get(on).value(), on);
        }
    }

    @Test
    void variablesAreNumberChannelsWithUnits() {
        NutSensor s = sensor(List.of("battery.voltage", "output.voltage", "input.frequency", "ups.temperature",
                "ups.realpower"));
        Map<String, Reading> r = read(s, "ups.status \"OL\"", "battery.voltage \"27.3\"", "output.voltage \"230.0\"",
                "input.frequency \"49.9\"", "ups.temperature \"31.5\"", "ups.realpower \"412\"");
        assertEquals(27.3, r.get("battery_voltage").value());
        assertEquals(230.0, r.get("output_voltage").value());
        assertEquals(49.9, r.get("input_frequency").value());
        assertEquals(31.5, r.get("ups_temperature").value());
        assertEquals(412.0, r.get("ups_realpower").value());
        Map<String, String> units = new HashMap<>();
        NutSensorType.Spec spec = new NutSensorType().parse(BASE, new MapSettings(Map.of("host", "h", "ups", "u",
                "variables", List.of("battery.voltage", "ups.temperature", "input.frequency"))));
        for (ChannelSpec c : spec.channels()) {
            units.put(c.address(), c.unit());
        }
        assertEquals("V", units.get("ups-2.battery_voltage"));
        assertEquals("°C", units.get("ups-2.ups_temperature"));
        assertEquals("Hz", units.get("ups-2.input_frequency"));
        assertEquals(17 + 3, spec.channels().size());
    }

    @Test
    void badValuesFaultTheirChannelOnly() {
        NutSensor s = sensor(List.of("battery.voltage", "output.voltage", "ups.temperature", "input.frequency",
                "output.current"));
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger)
                org.slf4j.LoggerFactory.getLogger(NutSensor.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged =
                new ch.qos.logback.core.read.ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        Map<String, Reading> r = read(s, "ups.status \"OL\"", "battery.charge \"-1\"", "battery.runtime \"NaN\"",
                "input.voltage \"1e400\"", "ups.load \"12,5\"", "battery.voltage \"0x1B\"",
                "output.voltage \"" + "9".repeat(40) + "\"", "ups.temperature \"inf\"", "input.frequency \"-50\"",
                "output.current \"\"");
        fault(r, "charge_pct", "battery.charge: not reported by the device (-1)");
        fault(r, "runtime_s", "battery.runtime: not a number: \"NaN\"");
        fault(r, "input_voltage", "input.voltage: not a finite number: 1e400");
        fault(r, "load_pct", "ups.load: not a number: \"12,5\"");
        fault(r, "battery_voltage", "battery.voltage: not a number: \"0x1B\"");
        fault(r, "output_voltage", "output.voltage: not a number: \"" + "9".repeat(32) + "…\"");
        fault(r, "ups_temperature", "ups.temperature: not a number: \"inf\"");
        fault(r, "input_frequency", "input.frequency: out of range 0..: -50");
        fault(r, "output_current", "output.current: not a number: \"\"");
        assertEquals(true, r.get("online").value(), "the other channels are unaffected");
        s.read(NOW);
        logger.detachAppender(logged);
        assertEquals(1, logged.list.size(), "one line for the change, none per poll: " + logged.list);
        assertEquals(null, logged.list.get(0).getThrowableProxy(), "never a stack trace");
    }

    @Test
    void aTruncatedValueSpoilsItsChannelOnly() {
        NutSensor s = sensor(List.of("battery.voltage"));
        Map<String, Reading> r = read(s, "ups.status \"OL\"",
                "battery.charge \"10", "battery.runtime 1800", "battery.voltage \"27.3\"");
        fault(r, "charge_pct", "battery.charge: garbled answer from upsd: \"10");
        fault(r, "runtime_s", "battery.runtime: garbled answer from upsd: 1800");
        assertEquals(27.3, r.get("battery_voltage").value());
        assertEquals(true, r.get("online").value());
        r = read(s, "ups.status \"OL CH");
        fault(r, "online", "ups.status: garbled answer from upsd: \"OL CH");
    }

    @Test
    void theIdentityPrefersDeviceNames() {
        NutSensor s = sensor(List.of());
        read(s, "ups.status \"OL\"", "device.mfr \"American Power Conversion\"", "ups.mfr \"APC\"",
                "device.model \"Smart-UPS 1500\"", "device.serial \"AS1503123456\"", "ups.firmware \"UPS 09.3\"",
                "driver.name \"usbhid-ups\"");
        assertEquals(Map.of("mfr", "American Power Conversion", "model", "Smart-UPS 1500", "serial", "AS1503123456",
                "firmware", "UPS 09.3", "driver", "usbhid-ups"), s.info());
        s.close();
        NutSensor old = sensor(List.of());
        read(old, "ups.status \"OL\"", "ups.mfr \"MEGATEC\"", "ups.model \"HV 1K\"");
        assertEquals(Map.of("mfr", "MEGATEC", "model", "HV 1K"), old.info());
    }

    @Test
    void variablesAreCheckedWhereTheyAreWritten() {
        MapSettings s = new MapSettings(Map.of("host", "h", "ups", "u", "variables",
                List.of("battery.voltage", "Battery Voltage", "ups.status", "battery.charge", "battery.voltage", "load")));
        new NutSensorType().parse(BASE, s);
        assertEquals(List.of(
                "sensors[0].variables[1]: must be a NUT variable name like battery.voltage, was Battery Voltage",
                "sensors[0].variables[2]: ups.status is not a number: its flags are channels already",
                "sensors[0].variables[3]: battery.charge is read already (channel charge_pct)",
                "sensors[0].variables[4]: duplicate variable battery.voltage",
                "sensors[0].variables[5]: must be a NUT variable name like battery.voltage, was load"), s.problems());
    }

    private static void fault(Map<String, Reading> r, String channel, String problem) {
        assertEquals(Quality.FAULT, r.get(channel).quality(), channel + ": " + r.get(channel));
        assertTrue(r.get(channel).problem().equals(problem), channel + ": " + r.get(channel).problem());
    }
}
