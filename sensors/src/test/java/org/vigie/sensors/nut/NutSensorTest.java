package org.vigie.sensors.nut;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.sensors.MapSettings;
import org.vigie.sensors.Quality;
import org.vigie.sensors.Reading;
import org.vigie.sensors.SensorBase;

class NutSensorTest {

    private static final SensorBase BASE =
            new SensorBase("ups-2", "nut", null, null, Duration.ofSeconds(2), Duration.ofSeconds(6));
    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    @TempDir
    Path dir;
    private final FakeUpsd upsd = new FakeUpsd();

    NutSensorTest() throws IOException {
    }

    @AfterEach
    void close() throws IOException {
        upsd.close();
    }

    private NutSensor sensor(Object... more) {
        Map<String, Object> map = new HashMap<>(Map.of("host", "127.0.0.1", "port", upsd.port(), "ups", "ups1",
                "timeout", "500ms"));
        for (int i = 0; i < more.length; i += 2) {
            map.put((String) more[i], more[i + 1]);
        }
        MapSettings s = new MapSettings(map);
        NutSensorType.Spec spec = new NutSensorType().parse(BASE, s);
        assertEquals(List.of(), s.problems());
        return new NutSensor(spec, new NutClient(spec));
    }

    private void list(String... vars) {
        String[] lines = new String[vars.length + 2];
        lines[0] = "BEGIN LIST VAR ups1";
        for (int i = 0; i < vars.length; i++) {
            lines[i + 1] = "VAR ups1 " + vars[i];
        }
        lines[lines.length - 1] = "END LIST VAR ups1";
        upsd.answer("LIST VAR ups1", lines);
    }

    private static Map<String, Reading> byName(List<Reading> readings) {
        Map<String, Reading> map = new HashMap<>();
        readings.forEach(r -> map.put(r.channel().substring("ups-2.".length()), r));
        return map;
    }

    @Test
    void statusFlagsAndNumbers() {
        list("ups.status \"OB LB FSD\"", "battery.charge \"12\"", "battery.runtime \"95\"", "input.voltage \"0.0\"",
                "ups.load \"41\"", "ups.model \"Smart \\\"UPS\\\" 1500\"");
        Map<String, Reading> r = byName(sensor().read(NOW));
        assertEquals(true, r.get("on_battery").value());
        assertEquals(true, r.get("battery_low").value());
        assertEquals(true, r.get("fsd").value());
        assertEquals(false, r.get("online").value());
        assertEquals(12.0, r.get("charge_pct").value());
        assertEquals(95.0, r.get("runtime_s").value());
        assertEquals(0.0, r.get("input_voltage").value());
        assertEquals(41.0, r.get("load_pct").value());
    }

    @Test
    void oneConnectionIsKeptBetweenPolls() {
        list("ups.status \"OL\"");
        NutSensor s = sensor();
        s.read(NOW);
        s.read(NOW);
        assertEquals(1, upsd.connections());
    }

    @Test
    void missingAndGarbledVariablesAreFaultsOfTheirChannel() {
        list("ups.status \"OL CHRG\"", "battery.charge \"n/a\"");
        Map<String, Reading> r = byName(sensor().read(NOW));
        assertEquals(true, r.get("online").value());
        assertEquals("battery.charge: not a number: \"n/a\"", r.get("charge_pct").problem());
        assertEquals("battery.runtime: not reported by this UPS", r.get("runtime_s").problem());
    }

    @Test
    void accessDeniedSaysWhatToCheck() throws IOException {
        Files.writeString(dir.resolve("pw"), "secret\n");
        upsd.answer("USERNAME vigie", "OK").answer("PASSWORD secret", "ERR ACCESS-DENIED");
        Reading r = sensor("username", "vigie", "password_file", dir.resolve("pw").toString()).read(NOW).get(0);
        assertEquals(Quality.FAULT, r.quality());
        assertEquals("ups1@127.0.0.1:" + upsd.port() + ": ERR ACCESS-DENIED: check username and password_file", r.problem());
    }

    @Test
    void aDroppedConnectionIsAFaultAndTheNextPollReconnects() {
        upsd.answer("LIST VAR ups1", "DROP");
        NutSensor s = sensor();
        Reading r = s.read(NOW).get(0);
        assertTrue(r.problem().endsWith("LIST VAR: connection closed by upsd"), r.problem());
        list("ups.status \"OL\"");
        assertEquals(true, s.read(NOW).get(3).value());
        assertEquals(2, upsd.connections());
    }

    @Test
    void aSilentServerTimesOut() {
        upsd.answer("LIST VAR ups1");
        long start = System.nanoTime();
        Reading r = sensor().read(NOW).get(0);
        assertTrue((System.nanoTime() - start) / 1_000_000 < 1500);
        assertTrue(r.problem().endsWith("LIST VAR: no answer within 500ms"), r.problem());
    }

    @Test
    void parseNamesKeysAndValues() {
        MapSettings s = new MapSettings(Map.of("host", "nut server", "ups", "my ups", "username", "u", "port", 0));
        new NutSensorType().parse(BASE, s);
        assertEquals(List.of("sensors[0].host: must be a host name or an IP address, was nut server",
                "sensors[0].port: must be between 1 and 65535, was 0",
                "sensors[0].ups: must be a NUT UPS name (letters, digits, . _ -), was my ups",
                "sensors[0].username: needs password_file"), s.problems());
    }

    @Test
    void caFileNeedsStarttls() {
        MapSettings s = new MapSettings(Map.of("host", "h", "ups", "u", "ca_file", "/ca.pem"));
        NutSensorType.Spec spec = new NutSensorType().parse(BASE, s);
        assertEquals(List.of("sensors[0].ca_file: only used with starttls: true"), s.problems());
        assertEquals(false, spec.starttls());
    }

    @Test
    void unquote() throws IOException {
        assertEquals("a \"b\" \\c", NutClient.unquote("\"a \\\"b\\\" \\\\c\""));
    }
}
