package org.vigie.sensors.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SerialPortsTest {

    static final LineSettings L9600 = new LineSettings(9600, Parity.NONE, 1);

    @TempDir
    Path dir;

    @Test
    void sensorsNamingOneDeviceShareOneLinkUntilTheLastCloses() throws IOException {
        FakeSerial dev = new FakeSerial(dir);
        Path byId = Files.createSymbolicLink(dir.resolve("usb-FTDI-if00"), dev.path);
        SerialLink a = dev.ports().acquire(dev.path, L9600, "meter-1");
        SerialLink b = dev.ports().acquire(byId, L9600, "probe-1");
        assertEquals(1, dev.ports().openLinks());
        a.exchange(io -> 0);
        b.exchange(io -> 0);
        assertEquals(1, dev.opens.get(), "one open for both sensors");
        a.close();
        a.close();
        assertEquals(1, dev.ports().openLinks(), "closing twice releases one share only");
        b.close();
        assertEquals(0, dev.ports().openLinks());
    }

    @Test
    void aPathWhoseDeviceChangedStillFindsItsLink() throws IOException {
        FakeSerial dev = new FakeSerial(dir);
        Path link = Files.createSymbolicLink(dir.resolve("dev"), dev.path);
        SerialLink a = dev.ports().acquire(link, L9600, "meter-1");
        Files.delete(link);
        Files.createSymbolicLink(link, Files.createFile(dir.resolve("ttyFAKE1")));
        SerialLink b = dev.ports().acquire(link, L9600, "probe-1");
        assertEquals(1, dev.ports().openLinks());
        a.close();
        b.close();
        assertEquals(0, dev.ports().openLinks());
    }

    @Test
    void otherLineSettingsOnABusInUseAreRefused() throws IOException {
        FakeSerial dev = new FakeSerial(dir);
        dev.ports().acquire(dev.path, L9600, "meter-1");
        IOException e = assertThrows(IOException.class,
                () -> dev.ports().acquire(dev.path, new LineSettings(2400, Parity.NONE, 1), "ups-1"));
        assertTrue(e.getMessage().startsWith("ups-1 " + dev.path + ": port already used at 9600 8N1"), e.getMessage());
    }

    @Test
    void aVanishedPortFailsAtOnceTellsListenersAndReopensWithBackoff() throws IOException {
        FakeSerial dev = new FakeSerial(dir);
        SerialLink link = dev.ports().acquire(dev.path, L9600, "meter-1");
        List<String> told = new CopyOnWriteArrayList<>();
        link.onLost(told::add);
        link.exchange(io -> 0);
        dev.unplug();
        assertEquals(List.of(dev.path + ": port disconnected"), told);
        PortLostException lost = assertThrows(PortLostException.class, () -> link.exchange(io -> 0));
        assertTrue(lost.getMessage().contains("disconnected"), lost.getMessage());
        dev.plugBack();
        assertThrows(PortLostException.class, () -> link.exchange(io -> 0), "still in backoff");
        dev.advance(Duration.ofMillis(1100));
        // the first delay was used by the drop; the doubled one applies now
        dev.advance(Duration.ofSeconds(2));
        assertEquals(7, link.<Integer>exchange(io -> 7));
        assertEquals(2, dev.opens.get());
        assertEquals(1, told.size(), "one loss, one notice");
    }

    @Test
    void anAbsentPortIsRetriedWithDoublingDelays() throws IOException {
        FakeSerial dev = new FakeSerial(dir);
        Files.delete(dev.path);
        SerialLink link = dev.ports().acquire(dev.path, L9600, "meter-1");
        PortLostException e = assertThrows(PortLostException.class, () -> link.exchange(io -> 0));
        assertEquals(dev.path + ": no such device", e.getMessage());
        assertTrue(assertThrows(PortLostException.class, () -> link.exchange(io -> 0)).getMessage()
                .contains("next try in"));
        dev.plugBack();
        dev.advance(Duration.ofMillis(1001));
        assertEquals(1, link.<Integer>exchange(io -> 1));
    }

    @Test
    void backoffDoublesToThirtySecondsAndResets() {
        Backoff b = new Backoff();
        long t = 0;
        assertTrue(b.ready(t));
        long[] expected = {1, 2, 4, 8, 16, 30, 30};
        for (long s : expected) {
            b.failed(t);
            assertEquals(s * 1_000_000_000L, b.remaining(t));
        }
        b.succeeded();
        assertTrue(b.ready(t));
    }

    @Test
    void lineSettingsNameTheBadValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LineSettings(9601, Parity.NONE, 1));
        assertEquals("baud: must be one of 1200…115200, was 9601", e.getMessage());
        assertEquals("19200 8E2", new LineSettings(19200, Parity.EVEN, 2).toString());
        assertEquals(11, new LineSettings(9600, Parity.EVEN, 1).bitsPerChar());
    }
}
