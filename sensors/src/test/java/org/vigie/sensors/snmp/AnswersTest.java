package org.vigie.sensors.snmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.snmp4j.PDU;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.Counter32;
import org.snmp4j.smi.Gauge32;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.Null;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;
import org.vigie.sensors.Quality;
import org.vigie.sensors.Reading;

class AnswersTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    private static OidChannel channel(String name) {
        return UpsMib.CHANNELS.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private static Reading read(String name, Variable v) {
        OidChannel c = channel(name);
        return Answers.reading("ups-1", c, new VariableBinding(new OID(c.oid()), v), NOW);
    }

    @Test
    void upsOutputSourceBatteryMeansOnBattery() {
        assertEquals(true, read("on_battery", new Integer32(5)).value());
        assertEquals(false, read("on_battery", new Integer32(3)).value());
        assertEquals("ups-1.on_battery", read("on_battery", new Integer32(3)).channel());
    }

    @Test
    void batteryLowOrDepleted() {
        assertEquals(false, read("battery_low", new Integer32(2)).value());
        assertEquals(true, read("battery_low", new Integer32(3)).value());
        assertEquals(true, read("battery_low", new Integer32(4)).value());
    }

    @Test
    void numbersAreScaled() {
        assertEquals(600.0, read("runtime_s", new Integer32(10)).value());
        assertEquals(88.0, read("charge_pct", new Gauge32(88)).value());
        assertEquals(7.0, read("seconds_on_battery", new Counter32(7)).value());
        assertEquals(23.5, read("battery_temperature", new OctetString("23.5")).value(), "a decimal as text is accepted");
    }

    @Test
    void exceptionsAndWrongTypesNameTheOid() {
        Reading missing = read("battery_temperature", Null.noSuchInstance);
        assertEquals(Quality.FAULT, missing.quality());
        assertEquals("get 1.3.6.1.2.1.33.1.2.7.0: noSuchInstance (no such instance: check the index)", missing.problem());
        assertEquals("get 1.3.6.1.2.1.33.1.4.1.0: noSuchObject (the agent does not implement this object)",
                read("on_battery", Null.noSuchObject).problem());
        assertEquals("get 1.3.6.1.2.1.33.1.4.1.0: wrong type OCTET STRING (battery), expected an integer",
                read("on_battery", new OctetString("battery")).problem());
        assertEquals("get 1.3.6.1.2.1.33.1.2.4.0: wrong type OCTET STRING (full), expected a number",
                read("charge_pct", new OctetString("full")).problem());
        assertNull(read("charge_pct", new Gauge32(1)).problem());
    }

    @Test
    void securityReportsAreExplained() {
        PDU report = new PDU();
        report.setType(PDU.REPORT);
        report.add(new VariableBinding(new OID(SnmpConstants.usmStatsWrongDigests).append(0), new Counter32(1)));
        assertEquals("wrong digest: the agent rejects the authentication key (check auth_password_file and auth_protocol)",
                Answers.report(report));
    }

    @Test
    void errorStatusNamesTheOid() {
        PDU response = new PDU();
        response.add(new VariableBinding(new OID("1.3.6.1.2.1.33.1.4.1.0")));
        response.setErrorStatus(PDU.genErr);
        response.setErrorIndex(1);
        assertEquals("error-status genErr(5) at 1.3.6.1.2.1.33.1.4.1.0", Answers.errorStatus(response));
    }
}
