package org.vigie.sensors.snmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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

/** The snmp driver against a real net-snmp snmpd serving the UPS-MIB through pass_persist. */
class SnmpSensorIT {

    private static final String ON_BATTERY = "1.3.6.1.2.1.33.1.4.1.0";
    private static final String BATTERY_STATUS = "1.3.6.1.2.1.33.1.2.1.0";
    private static final String MINUTES = "1.3.6.1.2.1.33.1.2.3.0";
    private static final String CHARGE = "1.3.6.1.2.1.33.1.2.4.0";
    private static final String TEMPERATURE = "1.3.6.1.2.1.33.1.2.7.0";

    @TempDir
    Path dir;
    private Snmpd snmpd;
    private final List<Sensor> open = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        snmpd = new Snmpd(dir.resolve("snmpd"), Peer.freeUdpPort());
        snmpd.set(ON_BATTERY, "integer", "3").set(BATTERY_STATUS, "integer", "2").set(MINUTES, "integer", "42")
                .set(CHARGE, "gauge", "97").set("1.3.6.1.2.1.33.1.2.2.0", "integer", "0")
                .set("1.3.6.1.2.1.33.1.3.3.1.3.1", "integer", "231").set("1.3.6.1.2.1.33.1.4.4.1.5.1", "integer", "35")
                .set(TEMPERATURE, "integer", "24").set("1.3.6.1.2.1.33.1.6.1.0", "gauge", "0");
        snmpd.start();
        Files.writeString(dir.resolve("community"), Snmpd.COMMUNITY + "\n");
        Files.writeString(dir.resolve("wrong-community"), "not-the-community\n");
        Files.writeString(dir.resolve("auth"), Snmpd.AUTH + "\n");
        Files.writeString(dir.resolve("priv"), Snmpd.PRIV + "\n");
        Files.writeString(dir.resolve("auth256"), Snmpd.AUTH256 + "\n");
        Files.writeString(dir.resolve("priv256"), Snmpd.PRIV256 + "\n");
        Files.writeString(dir.resolve("wrong-key"), "wrong-pass-999\n");
    }

    @AfterEach
    void stop() throws Exception {
        open.forEach(Sensor::close);
        snmpd.close();
        assertFalse(SnmpEngine.isOpen(), "the shared SNMP session is closed with the last sensor");
    }

    private Sensor open(Map<String, Object> keys) throws IOException {
        Map<String, Object> all = new HashMap<>(Map.of("host", "127.0.0.1", "port", snmpd.port(),
                "timeout", "300ms", "retries", 1));
        all.putAll(keys);
        MapSettings settings = new MapSettings(all);
        SensorBase base = new SensorBase("ups-1", "snmp", null, null, Duration.ofSeconds(5), Duration.ofSeconds(15));
        SnmpSensorType type = new SnmpSensorType();
        SnmpSensorType.Spec spec = type.parse(base, settings);
        assertEquals(List.of(), settings.problems());
        Sensor sensor = type.open(spec, new SensorContext(java.time.Clock.systemUTC(), dir));
        open.add(sensor);
        return sensor;
    }

    private Sensor v2c() throws IOException {
        return open(Map.of("version", "2c", "community_file", dir.resolve("community").toString(), "profile", "ups-mib"));
    }

    private static Map<String, Reading> byChannel(List<Reading> readings) {
        Map<String, Reading> map = new HashMap<>();
        readings.forEach(r -> map.put(r.channel(), r));
        return map;
    }

    @Test
    void readsTheUpsMibAndSeesTheSwitchToBattery() throws Exception {
        Sensor ups = v2c();
        Map<String, Reading> r = byChannel(ups.read(Instant.now()));
        assertEquals(9, r.size());
        assertEquals(false, r.get("ups-1.on_battery").value());
        assertEquals(false, r.get("ups-1.battery_low").value());
        assertEquals(42 * 60.0, r.get("ups-1.runtime_s").value());
        assertEquals(97.0, r.get("ups-1.charge_pct").value());
        assertEquals(231.0, r.get("ups-1.input_voltage").value());
        assertEquals(35.0, r.get("ups-1.load_pct").value());
        assertEquals(24.0, r.get("ups-1.battery_temperature").value());
        assertEquals(0.0, r.get("ups-1.alarms_present").value());

        snmpd.set(ON_BATTERY, "integer", "5").set(BATTERY_STATUS, "integer", "3");
        r = byChannel(ups.read(Instant.now()));
        assertEquals(true, r.get("ups-1.on_battery").value(), "pass_persist is asked on every GET: no 30 s cache");
        assertEquals(true, r.get("ups-1.battery_low").value());
    }

    @Test
    void missingOidsAndWrongTypesAreFaultsOfTheirChannelOnly() throws Exception {
        snmpd.remove(TEMPERATURE).set(CHARGE, "string", "abc");
        Map<String, Reading> r = byChannel(v2c().read(Instant.now()));
        Reading temperature = r.get("ups-1.battery_temperature");
        assertEquals(Quality.FAULT, temperature.quality());
        assertTrue(temperature.problem().contains(TEMPERATURE) && temperature.problem().contains("noSuch"),
                temperature.problem());
        Reading charge = r.get("ups-1.charge_pct");
        assertEquals(Quality.FAULT, charge.quality());
        assertTrue(charge.problem().contains(CHARGE) && charge.problem().contains("wrong type OCTET STRING"),
                charge.problem());
        assertEquals(Quality.GOOD, r.get("ups-1.on_battery").quality());
    }

    @Test
    void version1NoSuchNameFaultsThatChannelAndReadsTheOthers() throws Exception {
        snmpd.remove(TEMPERATURE);
        Sensor ups = open(Map.of("version", 1, "community_file", dir.resolve("community").toString(), "profile", "ups-mib"));
        Map<String, Reading> r = byChannel(ups.read(Instant.now()));
        assertTrue(r.get("ups-1.battery_temperature").problem().contains("noSuchName"));
        assertEquals(Quality.GOOD, r.get("ups-1.load_pct").quality());
    }

    @Test
    void explicitOidsWithScale() throws Exception {
        Sensor pdu = open(Map.of("community_file", dir.resolve("community").toString(),
                "oids", List.of(Map.of("channel", "runtime_h", "oid", MINUTES, "scale", 1.0 / 60, "unit", "h"))));
        Reading r = pdu.read(Instant.now()).get(0);
        assertEquals("ups-1.runtime_h", r.channel());
        assertEquals(0.7, (Double) r.value(), 1e-9);
    }

    @Test
    void wrongCommunityGivesNoDataAndSaysWhyWithinTheTimeout() throws Exception {
        Sensor ups = open(Map.of("community_file", dir.resolve("wrong-community").toString(), "profile", "ups-mib"));
        long start = System.nanoTime();
        List<Reading> readings = ups.read(Instant.now());
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 300 * 2 + 400, "read waits timeout x (retries + 1) at most, took " + millis + " ms");
        for (Reading r : readings) {
            assertEquals(Quality.FAULT, r.quality());
            assertTrue(r.problem().contains("timeout") && r.problem().contains("community"), r.problem());
        }
    }

    @Test
    void missingSecretFileIsAFaultThatHealsOnceTheFileExists() throws Exception {
        Path file = dir.resolve("late-community");
        Sensor ups = open(Map.of("community_file", file.toString(), "profile", "ups-mib"));
        Reading r = ups.read(Instant.now()).get(0);
        assertEquals(Quality.FAULT, r.quality());
        assertTrue(r.problem().contains("community_file " + file + ": no such file"), r.problem());
        Files.writeString(file, Snmpd.COMMUNITY);
        assertEquals(Quality.GOOD, ups.read(Instant.now()).get(0).quality());
    }

    @Test
    void v3AuthPrivShaAndSha256() throws Exception {
        Sensor sha = open(Map.of("version", 3, "user", Snmpd.USER, "auth_password_file", dir.resolve("auth").toString(),
                "priv_password_file", dir.resolve("priv").toString(), "profile", "ups-mib"));
        Sensor sha256 = open(Map.of("version", 3, "user", Snmpd.USER256, "auth_protocol", "sha256",
                "auth_password_file", dir.resolve("auth256").toString(),
                "priv_password_file", dir.resolve("priv256").toString(), "profile", "ups-mib"));
        snmpd.set(ON_BATTERY, "integer", "5");
        assertEquals(true, byChannel(sha.read(Instant.now())).get("ups-1.on_battery").value());
        assertEquals(true, byChannel(sha256.read(Instant.now())).get("ups-1.on_battery").value());
    }

    @Test
    void ipv6Target() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Peer.hasIpv6Loopback(), "optional: no IPv6 loopback here");
        Sensor ups = open(Map.of("host", "::1", "community_file", dir.resolve("community").toString(),
                "profile", "ups-mib"));
        Reading r = ups.read(Instant.now()).get(0);
        assertEquals(Quality.GOOD, r.quality(), String.valueOf(r.problem()));
    }

    @Test
    void v3AuthNoPriv() throws Exception {
        Sensor ups = open(Map.of("version", 3, "user", Snmpd.USER_NOPRIV, "security_level", "authNoPriv",
                "auth_password_file", dir.resolve("auth").toString(), "profile", "ups-mib"));
        assertEquals(Quality.GOOD, ups.read(Instant.now()).get(0).quality());
    }

    @Test
    void v3WrongAuthKeyIsReportedAsSuch() throws Exception {
        Sensor ups = open(Map.of("version", 3, "user", Snmpd.USER, "auth_password_file", dir.resolve("wrong-key").toString(),
                "priv_password_file", dir.resolve("priv").toString(), "profile", "ups-mib"));
        Reading r = ups.read(Instant.now()).get(0);
        assertEquals(Quality.FAULT, r.quality());
        assertTrue(r.problem().contains("wrong digest"), r.problem());
    }

    @Test
    void v3WrongPrivKeyGetsNoAnswer() throws Exception {
        Sensor ups = open(Map.of("version", 3, "user", Snmpd.USER, "auth_password_file", dir.resolve("auth").toString(),
                "priv_password_file", dir.resolve("wrong-key").toString(), "profile", "ups-mib"));
        Reading r = ups.read(Instant.now()).get(0);
        assertEquals(Quality.FAULT, r.quality());
        assertTrue(r.problem().contains("timeout") && r.problem().contains("keys"), r.problem());
    }

    @Test
    void targetDownIsAFaultAndBackIsGood() throws Exception {
        Sensor ups = v2c();
        assertEquals(Quality.GOOD, ups.read(Instant.now()).get(0).quality());
        snmpd.stop();
        Reading down = ups.read(Instant.now()).get(0);
        assertEquals(Quality.FAULT, down.quality());
        assertTrue(down.problem().startsWith("127.0.0.1:" + snmpd.port() + ": timeout after 1 retries"), down.problem());
        snmpd.start();
        assertEquals(Quality.GOOD, ups.read(Instant.now()).get(0).quality());
    }

    @Test
    void aDeadTargetDoesNotDelayALiveOne() throws Exception {
        Sensor live = v2c();
        Sensor dead = open(Map.of("port", Peer.freeUdpPort(), "community_file", dir.resolve("community").toString(),
                "profile", "ups-mib", "timeout", "1s", "retries", 2));
        CompletableFuture<List<Reading>> deadRead = CompletableFuture.supplyAsync(() -> read(dead));
        Thread.sleep(50);
        long start = System.nanoTime();
        assertEquals(Quality.GOOD, live.read(Instant.now()).get(0).quality());
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertFalse(deadRead.isDone(), "the dead target is still waiting");
        assertTrue(millis < 200, "the live target answered in " + millis + " ms while the dead one waits");
        assertEquals(Quality.FAULT, deadRead.get().get(0).quality());
    }

    private static List<Reading> read(Sensor s) {
        try {
            return s.read(Instant.now());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
