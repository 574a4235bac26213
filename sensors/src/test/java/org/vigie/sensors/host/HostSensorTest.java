package org.vigie.sensors.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.sensors.MapSettings;
import org.vigie.sensors.Quality;
import org.vigie.sensors.Reading;
import org.vigie.sensors.SensorBase;
import org.vigie.sensors.SensorContext;

/** The host sensor on fake {@code /sys} trees. */
class HostSensorTest {

    private static final SensorBase BASE =
            new SensorBase("pi", "host", null, null, Duration.ofSeconds(10), Duration.ofSeconds(30));

    @TempDir
    Path root;
    @TempDir
    Path state;

    private void file(Path relative, String content) throws IOException {
        Path f = root.resolve(relative);
        Files.createDirectories(f.getParent());
        Files.writeString(f, content);
    }

    private Map<String, Reading> read(Path stateDir) throws Exception {
        MapSettings settings = new MapSettings(Map.of("root", root.toString()));
        HostSensorType.Spec spec = new HostSensorType().parse(BASE, settings);
        assertEquals(List.of(), settings.problems());
        Map<String, Reading> byChannel = new LinkedHashMap<>();
        try (var sensor = new HostSensorType().open(spec, new SensorContext(Clock.systemUTC(), stateDir))) {
            for (Reading r : sensor.read(Instant.EPOCH)) {
                byChannel.put(r.channel(), r);
            }
        }
        assertEquals(spec.channels().stream().map(c -> c.address()).toList(), List.copyOf(byChannel.keySet()),
                "one reading per declared channel, in order");
        return byChannel;
    }

    @Test
    void aRaspberryPiThatBrownsOut() throws Exception {
        file(HostSensor.THERMAL, "48312\n");
        file(HostSensor.GET_THROTTLED, "50005\n");
        Map<String, Reading> r = read(state);
        assertEquals(48.312, (Double) r.get("pi.soc_temperature").value(), 1e-9);
        assertEquals(true, r.get("pi.under_voltage").value());
        assertEquals(true, r.get("pi.throttled").value());
        assertEquals(true, r.get("pi.under_voltage_occurred").value());
        double pct = (Double) r.get("pi.disk_free_pct").value();
        assertTrue(pct > 0 && pct <= 100, "free %: " + pct);
        assertTrue((Double) r.get("pi.disk_free_mb").value() > 0);
    }

    @Test
    void aHealthyPi() throws Exception {
        file(HostSensor.THERMAL, "41000\n");
        file(HostSensor.GET_THROTTLED, "0\n");
        Map<String, Reading> r = read(state);
        assertEquals(false, r.get("pi.under_voltage").value());
        assertEquals(false, r.get("pi.throttled").value());
        assertEquals(false, r.get("pi.under_voltage_occurred").value());
    }

    @Test
    void aMachineWithoutThoseFilesFaultsThoseChannelsOnly() throws Exception {
        Map<String, Reading> r = read(state);
        Reading soc = r.get("pi.soc_temperature");
        assertEquals(Quality.FAULT, soc.quality());
        assertEquals(root.resolve(HostSensor.THERMAL) + ": no such file on this machine"
                + " (not a Raspberry Pi, or an older kernel)", soc.problem());
        for (String flag : List.of("pi.under_voltage", "pi.throttled", "pi.under_voltage_occurred")) {
            assertEquals(Quality.FAULT, r.get(flag).quality(), flag);
            assertTrue(r.get(flag).problem().startsWith(root.resolve(HostSensor.GET_THROTTLED).toString()));
        }
        assertEquals(Quality.GOOD, r.get("pi.disk_free_pct").quality());
        assertEquals(Quality.GOOD, r.get("pi.disk_free_mb").quality());
    }

    @Test
    void underVoltageFromHwmonWhenGetThrottledIsMissing() throws Exception {
        file(HostSensor.HWMON.resolve("hwmon0/name"), "cpu_thermal\n");
        file(HostSensor.HWMON.resolve("hwmon1/name"), "rpi_volt\n");
        file(HostSensor.HWMON.resolve("hwmon1/in0_lcrit_alarm"), "1\n");
        Map<String, Reading> r = read(state);
        assertEquals(true, r.get("pi.under_voltage").value());
        assertEquals(Quality.FAULT, r.get("pi.throttled").quality());
    }

    @Test
    void garbageIsAFaultNotAValue() throws Exception {
        file(HostSensor.THERMAL, "hot\n");
        file(HostSensor.GET_THROTTLED, "maybe\n");
        Map<String, Reading> r = read(state);
        assertTrue(r.get("pi.soc_temperature").problem().endsWith(": not a number of m°C: 'hot'"));
        assertTrue(r.get("pi.throttled").problem().endsWith(": not a hex throttling word: 'maybe'"));
    }

    @Test
    void aMissingStateDirFaultsTheDiskChannels() throws Exception {
        file(HostSensor.THERMAL, "41000\n");
        Path gone = state.resolve("gone");
        Map<String, Reading> r = read(gone);
        assertEquals("state_dir " + gone + ": no such directory", r.get("pi.disk_free_pct").problem());
        assertEquals(Quality.FAULT, r.get("pi.disk_free_mb").quality());
        assertEquals(Quality.GOOD, r.get("pi.soc_temperature").quality());
    }

    @Test
    void throttlingWordsFromSysfsOrVcgencmd() {
        assertEquals(0x50005, Throttled.parse("throttled=0x50005").bits());
        assertEquals(0x50005, Throttled.parse("0x50005\n").bits());
        assertTrue(Throttled.parse("2").throttled(), "bit 1: frequency capped");
        assertTrue(Throttled.parse("8").throttled(), "bit 3: soft temperature limit");
        assertTrue(!Throttled.parse("10000").underVoltage() && Throttled.parse("10000").underVoltageOccurred());
        assertNull(Throttled.parse("throttled=?"));
    }

    @Test
    void rootMustBeAbsolute() {
        MapSettings settings = new MapSettings(Map.of("root", "fake/sys"));
        new HostSensorType().parse(BASE, settings);
        assertEquals(List.of("sensors[0].root: must be an absolute path, was fake/sys"), settings.problems());
    }
}
