package org.vigie.sensors.snmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.sensors.Peer;

/** The trap receiver, fed real traps by net-snmp's snmptrap. */
class TrapReceiverIT {

    private static final String ON_BATTERY = "1.3.6.1.2.1.33.2.1";

    record Trap(InetAddress source, String oid, Map<String, String> varbinds, long atNanos) {
    }

    @TempDir
    Path dir;
    private final BlockingQueue<Trap> traps = new LinkedBlockingQueue<>();
    private TrapReceiver receiver;
    private Path snmptrap;

    @BeforeEach
    void files() throws Exception {
        snmptrap = Peer.require("/usr/bin/snmptrap", "snmp");
        Files.createDirectories(dir.resolve("persist"));
        Files.writeString(dir.resolve("community"), Snmpd.COMMUNITY + "\n");
        Files.writeString(dir.resolve("auth"), Snmpd.AUTH + "\n");
        Files.writeString(dir.resolve("priv"), Snmpd.PRIV + "\n");
    }

    @AfterEach
    void close() {
        if (receiver != null) {
            receiver.close();
        }
    }

    private void start(Predicate<InetAddress> known) throws Exception {
        TrapConfig config = new TrapConfig(new InetSocketAddress("127.0.0.1", 0), dir.resolve("community"),
                List.of(new TrapConfig.User(Snmpd.USER, "sha", dir.resolve("auth"), "aes128", dir.resolve("priv"))));
        receiver = new TrapReceiver(config, known,
                (source, oid, varbinds) -> traps.add(new Trap(source, oid, varbinds, System.nanoTime())));
        receiver.start();
    }

    /** Runs snmptrap with {@code args} before the destination, {@code rest} after it; returns when it was started. */
    private long send(List<String> args, List<String> rest) throws Exception {
        List<String> command = new ArrayList<>(List.of(snmptrap.toString()));
        command.addAll(args);
        command.add("127.0.0.1:" + receiver.localAddress().getPort());
        command.addAll(rest);
        long start = System.nanoTime();
        assertEquals(0, Peer.run("snmptrap", dir, Snmpd.env(dir), command), "snmptrap failed");
        return start;
    }

    private static final List<String> UPS_ON_BATTERY = List.of("", ON_BATTERY,
            "1.3.6.1.2.1.33.1.2.3.0", "i", "12", "1.3.6.1.2.1.33.1.2.2.0", "i", "3");

    @Test
    void v2cTrapWithTheRightCommunityReachesTheCallbackAtOnce() throws Exception {
        start(TrapReceiver.hosts(List.of("127.0.0.1")));
        long sent = send(List.of("-v", "2c", "-c", Snmpd.COMMUNITY), UPS_ON_BATTERY);
        Trap trap = traps.poll(2, TimeUnit.SECONDS);
        assertNotNull(trap, "no trap reached the callback");
        assertEquals(ON_BATTERY, trap.oid());
        assertEquals("127.0.0.1", trap.source().getHostAddress());
        assertEquals(Map.of("1.3.6.1.2.1.33.1.2.3.0", "12", "1.3.6.1.2.1.33.1.2.2.0", "3"), trap.varbinds());
        System.out.printf("snmptrap start -> callback: %.1f ms (includes starting the snmptrap process)%n",
                (trap.atNanos() - sent) / 1e6);
        assertEquals(1, receiver.accepted());
    }

    @Test
    void v2cInformIsAcknowledged() throws Exception {
        start(TrapReceiver.hosts(List.of("127.0.0.1")));
        Path snmpinform = Peer.require("/usr/bin/snmpinform", "snmp");
        List<String> command = new ArrayList<>(List.of(snmpinform.toString(), "-v", "2c", "-c", Snmpd.COMMUNITY,
                "-t", "1", "-r", "0", "127.0.0.1:" + receiver.localAddress().getPort()));
        command.addAll(UPS_ON_BATTERY);
        assertEquals(0, Peer.run("snmpinform", dir, Snmpd.env(dir), command), "snmpinform got no acknowledgement");
        assertNotNull(traps.poll(2, TimeUnit.SECONDS));
    }

    @Test
    void wrongCommunityIsCountedAndChangesNothing() throws Exception {
        start(TrapReceiver.hosts(List.of("127.0.0.1")));
        send(List.of("-v", "2c", "-c", "not-the-community"), UPS_ON_BATTERY);
        assertNull(traps.poll(300, TimeUnit.MILLISECONDS));
        assertEquals(1, receiver.rejected());
    }

    @Test
    void trapFromAHostNoSensorPollsIsCountedAndChangesNothing() throws Exception {
        start(TrapReceiver.hosts(List.of("192.0.2.10")));
        send(List.of("-v", "2c", "-c", Snmpd.COMMUNITY), UPS_ON_BATTERY);
        assertNull(traps.poll(300, TimeUnit.MILLISECONDS));
        assertEquals(1, receiver.rejected());
    }

    @Test
    void v1TrapIsTranslatedAsRfc3584Says() throws Exception {
        start(TrapReceiver.hosts(List.of("127.0.0.1")));
        send(List.of("-v", "1", "-c", Snmpd.COMMUNITY),
                List.of("1.3.6.1.2.1.33.2", "127.0.0.1", "6", "1", "", "1.3.6.1.2.1.33.1.2.3.0", "i", "12"));
        Trap trap = traps.poll(2, TimeUnit.SECONDS);
        assertNotNull(trap);
        assertEquals("1.3.6.1.2.1.33.2.0.1", trap.oid());
    }

    @Test
    void v3AuthPrivTrapFromAConfiguredUser() throws Exception {
        start(TrapReceiver.hosts(List.of("127.0.0.1")));
        send(List.of("-v", "3", "-u", Snmpd.USER, "-l", "authPriv", "-a", "SHA", "-A", Snmpd.AUTH,
                "-x", "AES", "-X", Snmpd.PRIV, "-e", "0x8000000001020304"), UPS_ON_BATTERY);
        Trap trap = traps.poll(2, TimeUnit.SECONDS);
        assertNotNull(trap, "the v3 trap was not accepted");
        assertEquals(ON_BATTERY, trap.oid());
    }

    @Test
    void v3TrapWithAWrongKeyIsRefused() throws Exception {
        start(TrapReceiver.hosts(List.of("127.0.0.1")));
        send(List.of("-v", "3", "-u", Snmpd.USER, "-l", "authPriv", "-a", "SHA", "-A", "wrong-pass-999",
                "-x", "AES", "-X", Snmpd.PRIV, "-e", "0x8000000001020305"), UPS_ON_BATTERY);
        assertNull(traps.poll(300, TimeUnit.MILLISECONDS));
        assertTrue(receiver.rejected() >= 1, "the refused v3 trap is counted");
    }
}
