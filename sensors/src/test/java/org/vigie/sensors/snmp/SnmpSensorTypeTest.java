package org.vigie.sensors.snmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vigie.sensors.ChannelSpec;
import org.vigie.sensors.MapSettings;
import org.vigie.sensors.SensorBase;
import org.vigie.sensors.SensorTypes;
import org.vigie.sensors.ValueType;

class SnmpSensorTypeTest {

    private static final SensorBase BASE =
            new SensorBase("ups-1", "snmp", null, null, Duration.ofSeconds(5), Duration.ofSeconds(15));

    private static MapSettings settings(Object... keyValues) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return new MapSettings(map);
    }

    @Test
    void upsMibSensorHasTheDocumentedChannels() {
        MapSettings s = settings("host", "192.0.2.10", "community_file", "/etc/vigie/snmp.community", "profile", "ups-mib");
        SnmpSensorType.Spec spec = new SnmpSensorType().parse(BASE, s);
        assertEquals(List.of(), s.problems());
        assertEquals(java.util.Set.of(), s.unused());
        assertEquals("2c", spec.version());
        assertEquals(161, spec.port());
        assertEquals("192.0.2.10", spec.host());
        assertEquals("192.0.2.10:161", spec.target());
        assertEquals(Duration.ofMillis(800), spec.maxWait());
        assertEquals(java.util.Optional.of(Duration.ofSeconds(1)), spec.longestRead(), "within the default 1 s interval");
        List<String> names = spec.channels().stream().map(ChannelSpec::address).toList();
        assertEquals(List.of("ups-1.on_battery", "ups-1.battery_low", "ups-1.runtime_s", "ups-1.charge_pct",
                "ups-1.seconds_on_battery", "ups-1.input_voltage", "ups-1.load_pct", "ups-1.battery_temperature",
                "ups-1.alarms_present"), names);
        assertEquals(ValueType.BOOLEAN, spec.channels().get(0).type());
        assertEquals("s", spec.channels().get(2).unit());
    }

    @Test
    void v3NeedsUserAndKeyFilesAndRefusesACommunity() {
        MapSettings s = settings("host", "ups", "version", 3, "community_file", "/x", "profile", "ups-mib");
        new SnmpSensorType().parse(BASE, s);
        assertEquals(List.of(
                "sensors[0].community_file: not used with version: 3 (give user and *_password_file)",
                "sensors[0].user: missing",
                "sensors[0].auth_password_file: missing",
                "sensors[0].priv_password_file: missing"), s.problems());
    }

    @Test
    void v3KeysWithV2cAreNamed() {
        MapSettings s = settings("host", "ups", "community_file", "/x", "user", "bob", "profile", "ups-mib");
        new SnmpSensorType().parse(BASE, s);
        assertEquals(List.of("sensors[0].user: only used with version: 3, this sensor has version: 2c"), s.problems());
    }

    @Test
    void badValuesAreNamedWithTheKey() {
        MapSettings s = settings("host", "ups", "version", "2", "port", 70000, "community_file", "/x",
                "profile", "apc", "retries", 11, "auth_protocol", "md5");
        new SnmpSensorType().parse(BASE, s);
        List<String> p = s.problems();
        assertTrue(p.stream().anyMatch(x -> x.startsWith("sensors[0].version: must be one of") && x.endsWith("was 2")),
                p.toString());
        assertTrue(p.contains("sensors[0].port: must be between 1 and 65535, was 70000"), p.toString());
        assertTrue(p.stream().anyMatch(x -> x.startsWith("sensors[0].profile: must be one of") && x.endsWith("was apc")),
                p.toString());
        assertTrue(p.contains("sensors[0].retries: must be between 0 and 10, was 11"), p.toString());
        assertTrue(p.stream().anyMatch(x -> x.startsWith("sensors[0].auth_protocol: only used with version: 3")),
                p.toString());
    }

    @Test
    void profileOrOidsExactlyOnce() {
        MapSettings none = settings("host", "ups", "community_file", "/x");
        new SnmpSensorType().parse(BASE, none);
        assertEquals(List.of("sensors[0].profile: missing: give profile: (apc-pdu, apc-ups, eaton-ups, geist, ups-mib) or an oids: list of {channel, oid}"),
                none.problems());
        MapSettings both = settings("host", "ups", "community_file", "/x", "profile", "ups-mib",
                "oids", List.of(Map.of("channel", "a", "oid", "1.3.6.1.2.1.1.3.0")));
        new SnmpSensorType().parse(BASE, both);
        assertEquals(List.of("sensors[0].oids: give either profile or oids, not both"), both.problems());
    }

    @Test
    void apcPduReadsAsManyPhasesAndBanksAsConfigured() {
        MapSettings s = settings("host", "pdu", "community_file", "/x", "profile", "apc-pdu", "phases", 3, "banks", 2);
        SnmpSensorType.Spec spec = new SnmpSensorType().parse(BASE, s);
        assertEquals(List.of(), s.problems());
        List<String> names = spec.oids().stream().map(OidChannel::name).toList();
        assertTrue(names.containsAll(List.of("phase1_current_a", "phase3_current_a", "bank2_current_a", "power_kw")),
                names.toString());
        MapSettings bad = settings("host", "pdu", "community_file", "/x", "profile", "apc-pdu", "phases", 4);
        new SnmpSensorType().parse(BASE, bad);
        assertEquals(List.of("sensors[0].phases: must be between 1 and 3, was 4"), bad.problems());
    }

    @Test
    void everyProfileParses() {
        for (String profile : SnmpProfiles.names()) {
            MapSettings s = settings("host", "dev", "community_file", "/x", "profile", profile);
            SnmpSensorType.Spec spec = new SnmpSensorType().parse(BASE, s);
            assertEquals(List.of(), s.problems(), profile);
            assertTrue(spec.channels().size() >= 4, profile);
        }
    }

    @Test
    void explicitOidsAreValidated() {
        MapSettings s = settings("host", "pdu-1", "community_file", "/x", "oids", List.of(
                Map.of("channel", "outlet_1_a", "oid", ".1.3.6.1.4.1.318.1.1.12.2.3.1.1.2.1", "scale", 0.1, "unit", "A"),
                Map.of("channel", "Bad Name", "oid", "1.3.6.x"),
                Map.of("channel", "outlet_1_a", "oid", "1.3.6.1.2.1.1.3.0", "scale", 0)));
        SnmpSensorType.Spec spec = new SnmpSensorType().parse(BASE, s);
        assertEquals(List.of(
                "sensors[0].oids[1].channel: must match [a-z0-9][a-z0-9_-]*, was Bad Name",
                "sensors[0].oids[1].oid: must be a numeric OID like 1.3.6.1.4.1.318.1.1.1.2.2.1.0, was 1.3.6.x",
                "sensors[0].oids[2].channel: duplicate channel outlet_1_a",
                "sensors[0].oids[2].scale: must not be 0"), s.problems());
        OidChannel first = spec.oids().get(0);
        assertEquals("1.3.6.1.4.1.318.1.1.12.2.3.1.1.2.1", first.oid(), "leading dot dropped");
        assertEquals(0.1, first.scale());
        assertEquals("A", first.unit());
    }

    @Test
    void registered() {
        assertTrue(SensorTypes.byName("snmp").isPresent());
        assertTrue(SensorTypes.byName("nut").isPresent());
    }
}
