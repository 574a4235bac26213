package org.vigie.sensors.nut;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.sensors.MapSettings;
import org.vigie.sensors.Peer;
import org.vigie.sensors.Quality;
import org.vigie.sensors.Reading;
import org.vigie.sensors.Sensor;
import org.vigie.sensors.SensorBase;
import org.vigie.sensors.SensorContext;

/**
 * Real dummy-ups + upsd fed dumps (NUT's .dev format) of three vendors' variable sets, read
 * with every status flag, extra variables and the identity (resources/nut/*.dev).
 */
class NutDumpsIT {

    private static final List<String> VARIABLES = List.of("battery.voltage", "output.voltage", "input.frequency",
            "ups.temperature", "ups.realpower");

    @TempDir
    Path dir;
    private Nut nut;
    private Sensor sensor;

    @AfterEach
    void stop() throws Exception {
        if (sensor != null) {
            sensor.close();
        }
        if (nut != null) {
            nut.close();
        }
    }

    private Map<String, Reading> serve(String dump) throws Exception {
        nut = new Nut(dir.resolve("nut"), Peer.freeTcpPort());
        nut.ups(resource(dump));
        nut.start();
        MapSettings settings = new MapSettings(new HashMap<>(Map.of("host", "127.0.0.1", "port", nut.port(),
                "ups", "dummy", "timeout", "1s", "variables", VARIABLES)));
        SensorBase base = new SensorBase("ups-2", "nut", null, null, Duration.ofSeconds(2), Duration.ofSeconds(6));
        NutSensorType type = new NutSensorType();
        NutSensorType.Spec spec = type.parse(base, settings);
        assertEquals(List.of(), settings.problems());
        sensor = type.open(spec, new SensorContext(Clock.systemUTC(), dir));
        long end = System.nanoTime() + Duration.ofSeconds(8).toNanos();
        Map<String, Reading> r = read();
        while (!r.get("online").good() && System.nanoTime() < end) {
            Thread.sleep(100);
            r = read();
        }
        return r;
    }

    private Map<String, Reading> read() throws IOException {
        Map<String, Reading> map = new HashMap<>();
        sensor.read(Instant.now()).forEach(r -> map.put(r.channel().substring("ups-2.".length()), r));
        return map;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = NutDumpsIT.class.getResourceAsStream("/nut/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void flags(Map<String, Reading> r, List<String> on) {
        for (String f : List.of("online", "on_battery", "battery_low", "replace_battery", "overload", "bypass",
                "charging", "discharging", "trim", "boost", "off", "fsd", "alarm")) {
            assertEquals(on.contains(f), r.get(f).value(), f);
        }
    }

    @Test
    void apcSmartUpsOverUsbhid() throws Exception {
        Map<String, Reading> r = serve("apc-smart-ups-usbhid.dev");
        flags(r, List.of("online", "charging"));
        assertEquals(100.0, r.get("charge_pct").value());
        assertEquals(2880.0, r.get("runtime_s").value());
        assertEquals(231.0, r.get("input_voltage").value());
        assertEquals(23.0, r.get("load_pct").value());
        assertEquals(27.3, r.get("battery_voltage").value());
        assertEquals(230.0, r.get("output_voltage").value());
        assertEquals(27.9, r.get("ups_temperature").value());
        fault(r, "input_frequency", "input.frequency: not reported by this UPS");
        fault(r, "ups_realpower", "ups.realpower: not reported by this UPS");
        assertEquals(Map.of("mfr", "American Power Conversion", "model", "Smart-UPS 1500", "serial", "AS1503123456",
                "firmware", "UPS 09.3 (ID18)", "device_type", "ups", "driver", "dummy-ups"), sensor.info(),
                "driver.name is dummy-ups's own, whatever the dump says");
    }

    @Test
    void eatonOnBypassAfterAnOverload() throws Exception {
        Map<String, Reading> r = serve("eaton-5px-usbhid.dev");
        flags(r, List.of("online", "bypass", "overload", "replace_battery", "alarm"));
        assertEquals(104.0, r.get("load_pct").value());
        assertEquals(49.9, r.get("input_frequency").value());
        assertEquals(1391.0, r.get("ups_realpower").value());
        assertEquals(54.2, r.get("battery_voltage").value());
        fault(r, "ups_temperature", "ups.temperature: not reported by this UPS");
        assertEquals("G116F15000", sensor.info().get("serial"));
        assertEquals("EATON", sensor.info().get("mfr"));
    }

    @Test
    void megatecUnitWithoutIdentityThenOnBattery() throws Exception {
        Map<String, Reading> r = serve("megatec-nutdrv-qx.dev");
        flags(r, List.of("online", "boost"));
        assertEquals(2.27, r.get("battery_voltage").value());
        assertEquals(196.4, r.get("input_voltage").value());
        assertEquals(31.0, r.get("ups_temperature").value());
        fault(r, "charge_pct", "battery.charge: not reported by this UPS");
        fault(r, "runtime_s", "battery.runtime: not reported by this UPS");
        // The dump names no maker nor model; dummy-ups fills device.mfr and device.model with its own
        // placeholders, which is what upsd then serves.
        assertEquals("Dummy Manufacturer", sensor.info().get("mfr"));
        assertEquals(null, sensor.info().get("serial"));

        nut.ups(resource("megatec-nutdrv-qx.dev").replace("ups.status: OL BOOST", "ups.status: OB DISCHRG LB")
                .replace("input.voltage: 196.4", "input.voltage: 0.0"));
        long end = System.nanoTime() + Duration.ofSeconds(8).toNanos();
        while (!Boolean.TRUE.equals(r.get("on_battery").value()) && System.nanoTime() < end) {
            Thread.sleep(100);
            r = read();
        }
        flags(r, List.of("on_battery", "discharging", "battery_low"));
        assertEquals(0.0, r.get("input_voltage").value());
    }

    private static void fault(Map<String, Reading> r, String channel, String problem) {
        assertEquals(Quality.FAULT, r.get(channel).quality(), channel + ": " + r.get(channel));
        assertTrue(r.get(channel).problem().endsWith(problem), channel + ": " + r.get(channel).problem());
    }
}
