package org.vigie.sensors.modem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.sensors.serial.PortLostException;
import org.vigie.sensors.serial.Pty;
import org.vigie.sensors.serial.SerialPorts;

/** The AT dialogue against the modem emulator on a real pty pair (socat). */
class ModemIT {
    @TempDir
    Path dir;
    ModemEmulator emulator;
    SerialPorts ports;

    @BeforeEach
    void start() throws Exception {
        Modem.forgetRefusedPins();
        emulator = new ModemEmulator(dir);
        emulator.start();
        ports = Pty.realPorts();
    }

    @AfterEach
    void stop() throws Exception {
        ports.closeAll();
        emulator.close();
    }

    private Modem modem(String pin) throws IOException {
        return new Modem(ports.acquire(emulator.pty.dev, ModemSensorType.line(115_200), "test"), pin,
                Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    @Test
    void entersThePinThenSendsTextsToTheirNumbers() throws Exception {
        emulator.control("{\"pin\": \"1234\", \"registered\": true}");
        Modem modem = modem("1234");
        assertEquals("1", modem.sendSms("+33600000001", "CRITICAL basement-leak ACTIVE"));
        assertEquals("2", modem.sendSms("+33600000002", SmsText.fit("x".repeat(300))));
        List<ModemEmulator.Event> sms = emulator.events("sms");
        assertEquals(2, sms.size());
        assertEquals("+33600000001", sms.get(0).to());
        assertEquals("CRITICAL basement-leak ACTIVE", sms.get(0).text());
        assertEquals("+33600000002", sms.get(1).to());
        assertEquals(160, sms.get(1).text().length());
        Modem.Status status = modem.status();
        assertTrue(status.registered());
        assertEquals(-73.0, status.signalDbm());
    }

    @Test
    void aSimNeedingAPinWithoutPinFileSaysSo() throws Exception {
        emulator.control("{\"pin\": \"1234\"}");
        IOException e = assertThrows(IOException.class, () -> modem(null).sendSms("+33600000001", "x"));
        assertEquals("the SIM needs its PIN and no pin_file is configured", e.getMessage());
    }

    @Test
    void aRefusedPinIsNeverTriedTwice() throws Exception {
        emulator.control("{\"pin\": \"1234\"}");
        Modem modem = modem("0000");
        IOException first = assertThrows(IOException.class, () -> modem.sendSms("+33600000001", "x"));
        assertTrue(first.getMessage().contains("+CME ERROR: 16"), first.getMessage());
        IOException second = assertThrows(IOException.class, () -> modem.sendSms("+33600000001", "x"));
        assertTrue(second.getMessage().contains("not tried again"), second.getMessage());
        assertTrue(emulator.events("sms").isEmpty());
    }

    @Test
    void aCmsErrorIsReportedWithItsCodeAndTheNextTryGoesThrough() throws Exception {
        emulator.control("{\"cms_errors\": 1}");
        Modem modem = modem(null);
        AtException e = assertThrows(AtException.class, () -> modem.sendSms("+33600000001", "first"));
        assertEquals("+CMS ERROR: 500", e.result());
        assertEquals("1", modem.sendSms("+33600000001", "second"));
        assertEquals(List.of("second"), emulator.events("sms").stream().map(ModemEmulator.Event::text).toList());
    }

    @Test
    void withoutRegistrationNothingIsSentAndTheStatusSaysSo() throws Exception {
        emulator.control("{\"registered\": false}");
        Modem modem = modem(null);
        IOException e = assertThrows(IOException.class, () -> modem.sendSms("+33600000001", "x"));
        assertEquals("no network: searching for a network (+CREG stat 2)", e.getMessage());
        Modem.Status status = modem.status();
        assertFalse(status.registered());
        assertNull(status.signalDbm());
        assertTrue(emulator.events("cmgs").isEmpty());
    }

    @Test
    void aMutedModemTimesOut() throws Exception {
        emulator.control("{\"mute\": true}");
        IOException e = assertThrows(IOException.class, () -> modem(null).status());
        assertEquals("AT: no answer in time", e.getMessage());
    }

    @Test
    void aModemUnpluggedAndPluggedBackSendsAgain() throws Exception {
        Modem modem = modem(null);
        modem.sendSms("+33600000001", "before");
        emulator.pty.stop();
        IOException lost = assertThrows(IOException.class, () -> modem.sendSms("+33600000001", "during"));
        assertInstanceOf(PortLostException.class, lost, lost.toString());
        emulator.pty.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        String ref = null;
        while (ref == null && System.nanoTime() < deadline) {
            try {
                ref = modem.sendSms("+33600000001", "after");
            } catch (IOException e) {
                Thread.sleep(200);
            }
        }
        assertEquals(List.of("before", "after"), emulator.events("sms").stream().map(ModemEmulator.Event::text).toList());
    }

    @Test
    void theModemSensorReportsSignalAndRegistrationAndFaultsWhenTheModemGoesQuiet() throws Exception {
        ModemSensorType.Spec spec = new ModemSensorType.Spec(new org.vigie.sensors.SensorBase("modem", "modem", null, null,
                Duration.ofSeconds(30), Duration.ofSeconds(90)), emulator.pty.dev, ModemSensorType.line(115_200), null, 2);
        java.time.Clock clock = java.time.Clock.systemUTC();
        try (org.vigie.sensors.Sensor sensor = new ModemSensorType(ports).open(spec,
                new org.vigie.sensors.SensorContext(clock, dir))) {
            List<org.vigie.sensors.Reading> pushed = new java.util.concurrent.CopyOnWriteArrayList<>();
            sensor.start(pushed::add);
            List<org.vigie.sensors.Reading> r = sensor.read(clock.instant());
            assertEquals(List.of("modem.signal_dbm", "modem.registered"), r.stream().map(org.vigie.sensors.Reading::channel).toList());
            assertEquals(-73.0, r.get(0).value());
            assertEquals(true, r.get(1).value());
            emulator.control("{\"registered\": false}");
            r = sensor.read(clock.instant());
            assertFalse(r.get(0).good());
            assertEquals(false, r.get(1).value());
            emulator.control("{\"mute\": true}");
            assertEquals(List.of(), sensor.read(clock.instant()), "one silence is not yet a fault");
            r = sensor.read(clock.instant());
            assertEquals(2, r.size());
            assertTrue(r.stream().allMatch(x -> x.quality() == org.vigie.sensors.Quality.FAULT));
            assertTrue(r.get(0).problem().endsWith("AT: no answer in time"), r.get(0).problem());
            emulator.pty.stop();
            sensor.read(clock.instant());
            assertTrue(pushed.stream().anyMatch(x -> x.channel().equals("modem.registered") && !x.good()), pushed.toString());
        }
    }
}
