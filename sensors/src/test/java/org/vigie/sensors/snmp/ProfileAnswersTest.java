package org.vigie.sensors.snmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snmp4j.smi.Counter64;
import org.snmp4j.smi.Gauge32;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;
import org.vigie.sensors.Quality;
import org.vigie.sensors.Reading;

/** What the profiles make of the answers real cards give, quirks included. */
class ProfileAnswersTest {

    private static final Instant NOW = Instant.parse("2026-12-03T08:00:00Z");

    private static Reading read(List<OidChannel> channels, String name, Variable v) {
        OidChannel c = channels.stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
        return Answers.reading("dev", c, new VariableBinding(new OID(c.oid()), v), NOW);
    }

    private static void fault(Reading r, String problemEnd) {
        assertEquals(Quality.FAULT, r.quality(), r.toString());
        assertTrue(r.problem().endsWith(problemEnd), r.problem());
    }

    @Test
    void minusOneIsNotReportedNeverMinusOnePercent() {
        fault(read(UpsMib.CHANNELS, "charge_pct", new Integer32(-1)), ": not reported by the device (-1)");
        fault(read(UpsMib.CHANNELS, "runtime_s", new Integer32(-1)), ": not reported by the device (-1)");
        fault(read(EatonUps.CHANNELS, "runtime_s", new Integer32(-1)), ": not reported by the device (-1)");
        fault(read(ApcUps.CHANNELS, "charge_pct", new Gauge32(4294967295L)),
                "not reported by the device (-1, sent as the unsigned 4294967295)");
    }

    @Test
    void outOfTheMibsRangeIsAFault() {
        fault(read(UpsMib.CHANNELS, "charge_pct", new Integer32(250)), "out of the MIB's range 0..100: 250");
        fault(read(EatonUps.CHANNELS, "ambient_temperature", new Integer32(-273)), "range -100..200: -273");
        fault(read(UpsMib.CHANNELS, "on_battery", new Integer32(9)), "range 1..7: 9");
        fault(read(ApcUps.CHANNELS, "on_battery", new Integer32(1)), "not reported by the device (unknown(1))");
        fault(read(UpsMib.CHANNELS, "alarms_present", new Counter64(-5)), "huge value 18446744073709551611 (beyond 2^63)");
    }

    @Test
    void powerNetMarkersAndRangesAreThoseOfTheMib() {
        // PowerNet-MIB v4.5.8: "if not present return maximum value" for the runtime, 255 for
        // the battery temperature, notsupported(5) for the PDU's load state.
        fault(read(ApcUps.CHANNELS, "runtime_s", new TimeTicks(4294967295L)),
                "not reported by the device (4294967295, the MIB's \"not present\")");
        fault(read(ApcUps.CHANNELS, "battery_temperature", new Gauge32(255)),
                "not reported by the device (255, the MIB's \"not present\")");
        fault(read(ApcPdu.channels(1, 0), "overload", new Integer32(5)), "not reported by the device (notsupported(5))");
        fault(read(ApcPdu.channels(1, 0), "phase1_overload", new Integer32(5)), "out of the MIB's range 1..4: 5");
        // noBatteryPresent(5) is a battery status of the MIB, not a low battery.
        assertEquals(false, read(ApcUps.CHANNELS, "battery_low", new Integer32(5)).value());
        fault(read(ApcUps.CHANNELS, "battery_low", new Integer32(6)), "out of the MIB's range 1..5: 6");
        assertEquals(false, read(ApcUps.CHANNELS, "on_battery", new Integer32(28)).value());
        fault(read(ApcUps.CHANNELS, "on_battery", new Integer32(29)), "out of the MIB's range 1..28: 29");
    }

    @Test
    void goodAnswersAreScaledWithoutNoise() {
        assertEquals(1234.56, read(ApcUps.CHANNELS, "runtime_s", new TimeTicks(123456)).value());
        assertEquals(49.9, read(EatonUps.CHANNELS, "input_frequency", new Integer32(499)).value());
        assertEquals(17.4, read(ApcPdu.channels(3, 2), "phase3_current_a", new Gauge32(174)).value());
        assertEquals(0.3, read(ApcPdu.channels(1, 2), "bank2_current_a", new Gauge32(3)).value());
        assertEquals(1.23, read(ApcPdu.channels(1, 0), "power_kw", new Integer32(123)).value());
        assertEquals(true, read(ApcPdu.channels(1, 0), "near_overload", new Integer32(3)).value());
        assertEquals(false, read(ApcPdu.channels(1, 0), "overload", new Integer32(3)).value());
        assertEquals(true, read(EatonUps.CHANNELS, "on_bypass", new Integer32(11)).value());
        assertEquals(23.4, read(Geist.CHANNELS, "internal_temperature", new Integer32(234)).value());
    }

    @Test
    void wrongTypesAndNonFiniteTextAreFaults() {
        fault(read(ApcUps.CHANNELS, "charge_pct", new OctetString("full")), "wrong type OCTET STRING (full), expected a number");
        fault(read(Geist.CHANNELS, "internal_temperature", new OctetString("NaN")), "not a finite number: NaN");
        fault(read(Geist.CHANNELS, "internal_temperature", new OctetString("-inf")), "not a finite number: -inf");
        fault(read(ApcUps.CHANNELS, "on_battery", new OctetString("2")), "expected an integer");
    }

    @Test
    void geistInFahrenheitIsPublishedInCelsius() {
        Map<String, Reading> byName = new LinkedHashMap<>();
        byName.put(Geist.CELSIUS, read(Geist.CHANNELS, Geist.CELSIUS, new Integer32(0)));
        byName.put("internal_temperature", read(Geist.CHANNELS, "internal_temperature", new Integer32(725)));
        byName.put("internal_humidity_pct", read(Geist.CHANNELS, "internal_humidity_pct", new Integer32(40)));
        Geist.toCelsius("dev", byName);
        assertEquals(22.5, byName.get("internal_temperature").value());
        assertEquals("dev.internal_temperature", byName.get("internal_temperature").channel());
        assertEquals(40.0, byName.get("internal_humidity_pct").value(), "not a temperature: untouched");
    }

    @Test
    void geistWithoutAKnownUnitTrustsNoTemperature() {
        Map<String, Reading> byName = new LinkedHashMap<>();
        byName.put(Geist.CELSIUS, read(Geist.CHANNELS, Geist.CELSIUS, new Integer32(7)));
        byName.put("internal_temperature", read(Geist.CHANNELS, "internal_temperature", new Integer32(225)));
        Geist.toCelsius("dev", byName);
        fault(byName.get("internal_temperature"), "out of the MIB's range 0..1: 7)");
    }

    @Test
    void trapsAreNamedAfterTheirMib() {
        assertEquals("upsOnBattery (PowerNet-MIB)", SnmpProfiles.trapName("1.3.6.1.4.1.318.0.5").orElseThrow());
        assertEquals("xupstdOnBattery (XUPS-MIB)", SnmpProfiles.trapName("1.3.6.1.4.1.534.1.11.4.1.0.3").orElseThrow());
        assertEquals("upsTrapOnBattery (UPS-MIB (RFC 1628))", SnmpProfiles.trapName("1.3.6.1.2.1.33.2.1").orElseThrow());
        assertEquals("GEIST-V4-MIB trap", SnmpProfiles.trapName("1.3.6.1.4.1.21239.5.1.32767.0.10807").orElseThrow());
        assertTrue(SnmpProfiles.trapName("1.3.6.1.6.3.1.1.5.1").isEmpty());
    }
}
