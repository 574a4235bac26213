package org.vigie.sensors.nut;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.sensors.MapSettings;
import org.vigie.sensors.Peer;
import org.vigie.sensors.Quality;
import org.vigie.sensors.Reading;
import org.vigie.sensors.Sensor;
import org.vigie.sensors.SensorBase;
import org.vigie.sensors.SensorContext;

/** The nut driver against a real upsd serving a dummy-ups driver. */
class NutSensorIT {

    @TempDir
    Path dir;
    private Nut nut;
    private final List<Sensor> open = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        nut = new Nut(dir.resolve("nut"), Peer.freeTcpPort()).start();
        Files.writeString(dir.resolve("password"), Nut.PASSWORD + "\n");
    }

    @AfterEach
    void stop() throws Exception {
        open.forEach(Sensor::close);
        nut.close();
    }

    private Sensor open(Map<String, Object> keys) {
        Map<String, Object> all = new HashMap<>(Map.of("host", "127.0.0.1", "port", nut.port(), "ups", "dummy",
                "timeout", "1s"));
        all.putAll(keys);
        MapSettings settings = new MapSettings(all);
        SensorBase base = new SensorBase("ups-2", "nut", null, null, Duration.ofSeconds(2), Duration.ofSeconds(6));
        NutSensorType type = new NutSensorType();
        NutSensorType.Spec spec = type.parse(base, settings);
        assertEquals(List.of(), settings.problems());
        Sensor sensor = type.open(spec, new SensorContext(Clock.systemUTC(), dir));
        open.add(sensor);
        return sensor;
    }

    private static Map<String, Reading> read(Sensor s) throws Exception {
        Map<String, Reading> map = new HashMap<>();
        s.read(Instant.now()).forEach(r -> map.put(r.channel().substring("ups-2.".length()), r));
        return map;
    }

    /** Polls every 100 ms until {@code done} holds, for at most 8 s (dummy-ups polls its file every second). */
    private static Map<String, Reading> await(Sensor s, Predicate<Map<String, Reading>> done) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(8).toNanos();
        Map<String, Reading> r = read(s);
        while (!done.test(r) && System.nanoTime() < end) {
            Thread.sleep(100);
            r = read(s);
        }
        return r;
    }

    private static boolean good(Map<String, Reading> r) {
        return r.values().stream().allMatch(Reading::good);
    }

    @Test
    void readsTheUpsAndSeesItGoOnBattery() throws Exception {
        Sensor ups = open(Map.of());
        Map<String, Reading> r = await(ups, NutSensorIT::good);
        assertTrue(good(r), r.toString());
        assertEquals(true, r.get("online").value());
        assertEquals(false, r.get("on_battery").value());
        assertEquals(100.0, r.get("charge_pct").value());
        assertEquals(1800.0, r.get("runtime_s").value());
        assertEquals(230.0, r.get("input_voltage").value());
        assertEquals(23.0, r.get("load_pct").value());

        nut.ups("ups.status: OB LB\nbattery.charge: 20\nbattery.runtime: 120\ninput.voltage: 0\nups.load: 23\n");
        r = await(ups, m -> Boolean.TRUE.equals(m.get("on_battery").value()));
        assertEquals(true, r.get("on_battery").value());
        assertEquals(true, r.get("battery_low").value());
        assertEquals(false, r.get("online").value());
        assertEquals(false, r.get("fsd").value());
        assertEquals(120.0, r.get("runtime_s").value());
    }

    @Test
    void aMissingVariableIsAFaultOfItsChannelOnly() throws Exception {
        nut.close();
        nut.ups("ups.status: OL\nbattery.charge: 100\nbattery.runtime: 1800\nups.load: 23\n");
        nut.start(); // dummy-ups keeps variables its file no longer names: start it on the new file
        Sensor ups = open(Map.of());
        Map<String, Reading> r = await(ups, m -> m.get("online").good() && !m.get("input_voltage").good());
        assertEquals(Quality.FAULT, r.get("input_voltage").quality());
        assertEquals("input.voltage: not reported by this UPS", r.get("input_voltage").problem());
        assertEquals(Quality.GOOD, r.get("charge_pct").quality());
    }

    @Test
    void unknownUpsIsAClearFault() throws Exception {
        Reading r = read(open(Map.of("ups", "nope"))).get("on_battery");
        assertEquals(Quality.FAULT, r.quality());
        assertTrue(r.problem().contains("ERR UNKNOWN-UPS: upsd has no UPS named nope"), r.problem());
    }

    @Test
    void loginWithUsernameAndPasswordFile() throws Exception {
        Sensor ups = open(Map.of("username", Nut.USER, "password_file", dir.resolve("password").toString()));
        assertTrue(good(await(ups, NutSensorIT::good)));
        Sensor missing = open(Map.of("username", Nut.USER, "password_file", dir.resolve("absent").toString()));
        Reading r = read(missing).get("online");
        assertTrue(r.problem().contains("password_file " + dir.resolve("absent") + ": no such file"), r.problem());
    }

    @Test
    void upsdGoneIsAFaultAndTheSensorReconnectsWhenItIsBack() throws Exception {
        Sensor ups = open(Map.of());
        assertTrue(good(await(ups, NutSensorIT::good)));
        nut.stopUpsd();
        Reading dropped = read(ups).get("online");
        assertEquals(Quality.FAULT, dropped.quality());
        assertTrue(dropped.problem().startsWith("dummy@127.0.0.1:" + nut.port() + ": "), dropped.problem());
        Reading refused = read(ups).get("online");
        assertTrue(refused.problem().contains("connect"), refused.problem());
        nut.startUpsd();
        assertTrue(good(await(ups, NutSensorIT::good)), "reconnected");
    }

    @Test
    void starttlsWithTheServersCertificateAndRefusals() throws Exception {
        nut.close();
        Path pem = nut.tls();
        nut.start();
        Sensor tls = open(Map.of("starttls", true, "ca_file", pem.toString()));
        assertTrue(good(await(tls, NutSensorIT::good)), "readings over TLS");

        Sensor untrusted = open(Map.of("starttls", true));
        Reading r = read(untrusted).get("online");
        assertEquals(Quality.FAULT, r.quality());
        assertTrue(r.problem().contains("TLS handshake: the server's certificate does not chain to the JVM's trusted roots"),
                r.problem());
    }

    @Test
    void starttlsRequiredButNotOffered() throws Exception {
        Reading r = read(open(Map.of("starttls", true))).get("online");
        assertTrue(r.problem().contains("ERR FEATURE-NOT-CONFIGURED"), r.problem());
    }

    @Test
    void driverGoneIsAFault() throws Exception {
        Sensor ups = open(Map.of());
        assertTrue(good(await(ups, NutSensorIT::good)));
        nut.stopDriver();
        Map<String, Reading> r = await(ups, m -> !m.get("online").good());
        Reading online = r.get("online");
        assertEquals(Quality.FAULT, online.quality());
        assertTrue(online.problem().contains("DATA-STALE") || online.problem().contains("DRIVER-NOT-CONNECTED")
                || online.problem().contains("WAIT"), online.problem());
    }
}
