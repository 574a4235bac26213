package org.vigie.sensors.snmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snmp4j.CommunityTarget;
import org.snmp4j.PDU;
import org.snmp4j.PDUv1;
import org.snmp4j.Snmp;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;
import org.vigie.sensors.MapSettings;

/** The trap receiver fed by an in-process SNMP4J sender over real UDP on 127.0.0.1. */
class TrapReceiverTest {

    @TempDir
    Path dir;
    private final BlockingQueue<String> traps = new LinkedBlockingQueue<>();
    private TrapReceiver receiver;

    @AfterEach
    void close() {
        if (receiver != null) {
            receiver.close();
        }
    }

    private void start() throws IOException {
        Files.writeString(dir.resolve("community"), "s3cret\n");
        receiver = new TrapReceiver(new TrapConfig(new InetSocketAddress("127.0.0.1", 0), dir.resolve("community"),
                List.of()), TrapReceiver.hosts(List.of("127.0.0.1")),
                (source, oid, varbinds) -> traps.add(oid + " " + varbinds));
        receiver.start();
    }

    private void send(String community, PDU pdu, int version) throws IOException {
        try (Snmp snmp = new Snmp(new DefaultUdpTransportMapping())) {
            CommunityTarget<UdpAddress> target = new CommunityTarget<>(
                    new UdpAddress(receiver.localAddress().getAddress(), receiver.localAddress().getPort()),
                    new OctetString(community));
            target.setVersion(version);
            snmp.send(pdu, target);
        }
    }

    @Test
    void v2cTrapIsHandedOverWithoutTheHeaderVarbinds() throws Exception {
        start();
        PDU pdu = new PDU();
        pdu.setType(PDU.TRAP);
        pdu.add(new VariableBinding(SnmpConstants.sysUpTime, new TimeTicks(100)));
        pdu.add(new VariableBinding(SnmpConstants.snmpTrapOID, new OID("1.3.6.1.2.1.33.2.3")));
        pdu.add(new VariableBinding(new OID("1.3.6.1.2.1.33.1.6.2.1.2.1"), new OID("1.3.6.1.2.1.33.1.6.3.2")));
        send("s3cret", pdu, SnmpConstants.version2c);
        assertEquals("1.3.6.1.2.1.33.2.3 {1.3.6.1.2.1.33.1.6.2.1.2.1=1.3.6.1.2.1.33.1.6.3.2}",
                traps.poll(2, TimeUnit.SECONDS));
        send("guess", pdu, SnmpConstants.version2c);
        assertNull(traps.poll(200, TimeUnit.MILLISECONDS));
        assertEquals(1, receiver.accepted());
        assertEquals(1, receiver.rejected());
    }

    @Test
    void v1GenericAndEnterpriseTraps() throws Exception {
        start();
        PDUv1 cold = new PDUv1();
        cold.setType(PDU.V1TRAP);
        cold.setGenericTrap(PDUv1.COLDSTART);
        cold.setEnterprise(new OID("1.3.6.1.4.1.318"));
        send("s3cret", cold, SnmpConstants.version1);
        assertEquals("1.3.6.1.6.3.1.1.5.1 {}", traps.poll(2, TimeUnit.SECONDS));
        PDUv1 apc = new PDUv1();
        apc.setType(PDU.V1TRAP);
        apc.setGenericTrap(PDUv1.ENTERPRISE_SPECIFIC);
        apc.setSpecificTrap(5);
        apc.setEnterprise(new OID("1.3.6.1.4.1.318"));
        apc.add(new VariableBinding(new OID("1.3.6.1.4.1.318.2.3.3.0"), new Integer32(1)));
        send("s3cret", apc, SnmpConstants.version1);
        String trap = traps.poll(2, TimeUnit.SECONDS);
        assertNotNull(trap);
        assertEquals("1.3.6.1.4.1.318.0.5 {1.3.6.1.4.1.318.2.3.3.0=1}", trap);
    }

    @Test
    void startRefusesAMissingCommunityFileWithItsName() {
        receiver = new TrapReceiver(new TrapConfig(new InetSocketAddress("127.0.0.1", 0), dir.resolve("absent"),
                List.of()), a -> true, (s, o, v) -> { });
        IOException e = assertThrows(IOException.class, receiver::start);
        assertEquals("snmp_traps.community_file " + dir.resolve("absent") + ": no such file", e.getMessage());
    }

    @Test
    void configParsing() {
        MapSettings ok = new MapSettings(Map.of("listen", "[::1]:10162", "community_file", "/etc/vigie/snmp.community"));
        TrapConfig c = TrapConfig.parse(ok);
        assertEquals(List.of(), ok.problems());
        assertEquals("::1", c.listen().getHostString());
        assertEquals(10162, c.listen().getPort());

        MapSettings defaults = new MapSettings(Map.of("community_file", "/c"));
        assertEquals(TrapConfig.DEFAULT_LISTEN, TrapConfig.parse(defaults).listen());

        MapSettings bad = new MapSettings(Map.of("listen", "0.0.0.0", "users",
                List.of(Map.of("user", "u", "auth_protocol", "md5", "auth_password_file", "/a", "priv_protocol", "aes128"))));
        TrapConfig.parse(bad);
        assertEquals(List.of("sensors[0].listen: must be HOST:PORT like 0.0.0.0:162 or [::]:162, was 0.0.0.0",
                "sensors[0].users[0].auth_protocol: must be one of [sha, sha256], was md5",
                "sensors[0].users[0].priv_password_file: missing: priv_protocol needs priv_password_file"),
                bad.problems().stream().map(p -> p.replace("[sha256, sha]", "[sha, sha256]")).toList());
    }
}
