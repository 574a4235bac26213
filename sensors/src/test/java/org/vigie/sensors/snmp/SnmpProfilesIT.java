package org.vigie.sensors.snmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.sensors.MapSettings;
import org.vigie.sensors.Quality;
import org.vigie.sensors.Reading;
import org.vigie.sensors.Sensor;
import org.vigie.sensors.SensorBase;
import org.vigie.sensors.SensorContext;

/**
 * Every profile against a simulated card: Debian's snmpsim serving walks written from the
 * vendors' MIBs with the values, and the quirks, of real cards (see resources/snmpsim/README.md).
 */
class SnmpProfilesIT {

    @TempDir
    static Path dir;
    private static Snmpsim sim;
    private final List<Sensor> open = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        sim = Snmpsim.start(dir.resolve("sim"), List.of("apc-ups", "apc-pdu", "eaton-ups", "geist",
                "ups-mib-unknowns", "quirks"), Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        if (sim != null) {
            sim.close();
        }
    }

    @AfterEach
    void close() {
        open.forEach(Sensor::close);
    }

    private Sensor open(String community, Map<String, Object> keys) throws IOException {
        Path file = dir.resolve(community + ".community");
        Files.writeString(file, community + "\n");
        Map<String, Object> all = new HashMap<>(Map.of("host", "127.0.0.1", "port", sim.port(),
                "community_file", file.toString(), "timeout", "2s", "retries", 1));
        all.putAll(keys);
        MapSettings settings = new MapSettings(all);
        SensorBase base = new SensorBase("dev", "snmp", null, null, Duration.ofSeconds(5), Duration.ofSeconds(15));
        SnmpSensorType type = new SnmpSensorType();
        SnmpSensorType.Spec spec = type.parse(base, settings);
        assertEquals(List.of(), settings.problems());
        Sensor s = type.open(spec, new SensorContext(java.time.Clock.systemUTC(), dir));
        open.add(s);
        return s;
    }

    private static Map<String, Reading> read(Sensor s) throws IOException {
        Map<String, Reading> out = new LinkedHashMap<>();
        for (Reading r : s.read(Instant.now())) {
            out.put(r.channel().substring("dev.".length()), r);
        }
        return out;
    }

    private static void good(Map<String, Reading> r, String channel, Object value) {
        assertEquals(Quality.GOOD, r.get(channel).quality(), channel + ": " + r.get(channel));
        assertEquals(value, r.get(channel).value(), channel);
    }

    private static void fault(Map<String, Reading> r, String channel, String problemEnd) {
        Reading x = r.get(channel);
        assertEquals(Quality.FAULT, x.quality(), channel + ": " + x);
        assertTrue(x.problem().endsWith(problemEnd), channel + ": " + x.problem());
    }

    @Test
    void apcSmartUpsOnMains() throws Exception {
        Sensor s = open("apc-ups", Map.of("profile", "apc-ups"));
        Map<String, Reading> r = read(s);
        good(r, "on_battery", false);
        good(r, "battery_low", false);
        good(r, "replace_battery", false);
        good(r, "runtime_s", 2880.0);
        good(r, "seconds_on_battery", 0.0);
        good(r, "load_pct", 23.0);
        good(r, "input_voltage", 231.0);
        good(r, "input_frequency", 50.0);
        good(r, "output_voltage", 230.0);
        // The card's quirks: an unknown charge as the unsigned form of -1, an unmeasured battery
        // voltage as -1, a temperature probe answering text.
        fault(r, "charge_pct", "not reported by the device (-1, sent as the unsigned 4294967295)");
        fault(r, "battery_voltage", "not reported by the device (-1)");
        fault(r, "battery_temperature", "not a finite number: NaN");
        assertEquals(Map.of("mfr", "APC", "model", "Smart-UPS 1500", "name", "UPS_IDEN",
                "firmware", "UPS 09.3 (ID18)", "serial", "AS1503123456"), s.info());
    }

    @Test
    void apcRackPduWithAMissingPhaseRow() throws Exception {
        Sensor s = open("apc-pdu", Map.of("profile", "apc-pdu", "phases", 2, "banks", 2));
        Map<String, Reading> r = read(s);
        good(r, "power_kw", 1.84);
        good(r, "energy_kwh", 12345.6);
        good(r, "near_overload", false);
        good(r, "overload", false);
        good(r, "phase1_current_a", 17.4);
        good(r, "phase1_voltage", 230.0);
        good(r, "phase1_overload", false);
        good(r, "bank1_current_a", 8.1);
        good(r, "bank1_overload", false);
        fault(r, "bank2_current_a", "not reported by the device (-1)");
        fault(r, "phase2_current_a", "noSuchInstance (no such instance: check the index)");
        assertEquals(Map.of("mfr", "APC", "model", "AP8953", "name", "rack-b1-pdu-a", "firmware", "v6.5.6",
                "serial", "5A1712E01234"), s.info());
    }

    @Test
    void eatonUpsWithoutItsAmbientProbe() throws Exception {
        Sensor s = open("eaton-ups", Map.of("profile", "eaton-ups"));
        Map<String, Reading> r = read(s);
        good(r, "on_battery", false);
        good(r, "on_bypass", false);
        good(r, "battery_low", false);
        good(r, "replace_battery", false);
        good(r, "battery_failure", false);
        good(r, "runtime_s", 3155.0);
        good(r, "charge_pct", 93.0);
        good(r, "battery_voltage", 54.2);
        good(r, "input_frequency", 49.9);
        good(r, "input_voltage", 229.0);
        good(r, "output_voltage", 230.0);
        good(r, "load_pct", 19.0);
        good(r, "alarms_present", 0.0);
        fault(r, "ambient_temperature", "noSuchInstance (no such instance: check the index)");
        assertEquals(Map.of("mfr", "EATON", "model", "Eaton 5PX 1500", "firmware", "INV: 02.14.0026",
                "serial", "G116F1"), s.info());
    }

    @Test
    void geistInFahrenheitIsPublishedInCelsius() throws Exception {
        Sensor s = open("geist", Map.of("profile", "geist"));
        Map<String, Reading> r = read(s);
        good(r, "units_celsius", false);
        good(r, "internal_temperature", 22.5);
        good(r, "internal_humidity_pct", 41.0);
        good(r, "internal_dew_point", 8.8);
        fault(r, "remote1_temperature", "out of the MIB's range -400..3920: 65535");
        assertEquals("Geist", s.info().get("mfr"));
        assertEquals("Watchdog 100", s.info().get("model"));
    }

    @Test
    void anRfc1628CardsUnknownsAreFaultsNotMinusOnePercent() throws Exception {
        Map<String, Reading> r = read(open("ups-mib-unknowns", Map.of("profile", "ups-mib")));
        fault(r, "charge_pct", "not reported by the device (-1)");
        fault(r, "runtime_s", "not reported by the device (-1)");
        fault(r, "alarms_present", "out of the MIB's range 0..2147483647: -3");
        good(r, "on_battery", false);
        good(r, "battery_low", false);
        good(r, "input_voltage", 229.0);
        good(r, "load_pct", 31.0);
    }

    @Test
    void badAnswersFaultTheirChannelOnlyWithTheReason() throws Exception {
        String base = "1.3.6.1.4.1.99999.1.";
        Sensor s = open("quirks", Map.of("oids", List.of(
                Map.of("channel", "wrong_type", "oid", base + "1.0"),
                Map.of("channel", "truncated", "oid", base + "2.0"),
                Map.of("channel", "infinite", "oid", base + "3.0"),
                Map.of("channel", "huge", "oid", base + "4.0"),
                Map.of("channel", "negative_counter", "oid", base + "5.0"),
                Map.of("channel", "binary", "oid", base + "6.0"),
                Map.of("channel", "good", "oid", base + "7.0", "scale", 0.1, "unit", "°C", "min", -400, "max", 1250),
                Map.of("channel", "absent", "oid", base + "8.0"))));
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger)
                org.slf4j.LoggerFactory.getLogger(SnmpSensor.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged =
                new ch.qos.logback.core.read.ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        Map<String, Reading> r;
        try {
            r = read(s);
            read(s);
            read(s);
        } finally {
            logger.detachAppender(logged);
        }
        assertEquals(1, logged.list.size(), "one line for the change, none per poll: " + logged.list);
        assertEquals(null, logged.list.get(0).getThrowableProxy(), "never a stack trace");
        fault(r, "wrong_type", "wrong type OCTET STRING (full), expected a number");
        fault(r, "truncated", "wrong type OCTET STRING (23.), expected a number");
        fault(r, "infinite", "not a finite number: inf");
        fault(r, "huge", "huge value 18446744073709551615 (beyond 2^63)");
        fault(r, "negative_counter", "noSuchInstance (no such instance: check the index)");
        fault(r, "binary", "expected a number");
        fault(r, "absent", "noSuchInstance (no such instance: check the index)");
        good(r, "good", 21.5);
        assertEquals(Map.of(), s.info(), "explicit oids: no identity");
    }
}
