package org.vigie.sensors.snmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snmp4j.CommunityTarget;
import org.snmp4j.PDU;
import org.snmp4j.Snmp;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;
import org.vigie.sensors.MapSettings;
import org.vigie.sensors.Peer;
import org.vigie.sensors.Reading;
import org.vigie.sensors.Sensor;
import org.vigie.sensors.SensorBase;
import org.vigie.sensors.SensorContext;

/**
 * The path the agent wires: a UPS-MIB trap from a sensor's host makes the agent poll that
 * sensor at once. Measures trap sent → {@code on_battery=true} reading over 20 flips against a
 * real snmpd, and prints the figures (a harness for docs/performance.md, not a benchmark).
 */
class TrapToReadingIT {

    private static final String OUTPUT_SOURCE = "1.3.6.1.2.1.33.1.4.1.0";

    @TempDir
    Path dir;

    @Test
    void aTrapPollsTheSensorAtOnce() throws Exception {
        Files.writeString(dir.resolve("community"), Snmpd.COMMUNITY);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        BlockingQueue<Long> seen = new LinkedBlockingQueue<>();
        try (Snmpd snmpd = new Snmpd(dir.resolve("snmpd"), Peer.freeUdpPort());
             Snmp sender = new Snmp(new DefaultUdpTransportMapping())) {
            snmpd.set(OUTPUT_SOURCE, "integer", "3").start();
            SnmpSensorType type = new SnmpSensorType();
            MapSettings settings = new MapSettings(Map.of("host", "127.0.0.1", "port", snmpd.port(),
                    "community_file", dir.resolve("community").toString(), "profile", "ups-mib"));
            SensorBase base = new SensorBase("ups-1", "snmp", null, null, Duration.ofSeconds(5), Duration.ofSeconds(15));
            try (Sensor ups = type.open(type.parse(base, settings), new SensorContext(Clock.systemUTC(), dir));
                 TrapReceiver receiver = new TrapReceiver(
                         new TrapConfig(new InetSocketAddress("127.0.0.1", 0), dir.resolve("community"), List.of()),
                         TrapReceiver.hosts(List.of("127.0.0.1")),
                         (source, oid, varbinds) -> pool.execute(() -> poll(ups, seen)))) {
                receiver.start();
                sender.listen();
                List<Double> millis = new ArrayList<>();
                for (int flip = 0; flip < 20; flip++) {
                    snmpd.set(OUTPUT_SOURCE, "integer", "5");
                    long sent = System.nanoTime();
                    trap(sender, receiver);
                    Long at = seen.poll(2, TimeUnit.SECONDS);
                    assertTrue(at != null, "no on_battery reading after trap " + flip);
                    millis.add((at - sent) / 1e6);
                    snmpd.set(OUTPUT_SOURCE, "integer", "3");
                }
                Collections.sort(millis);
                System.out.printf("trap -> on_battery reading over %d flips: median %.1f ms, p90 %.1f ms, max %.1f ms%n",
                        millis.size(), millis.get(millis.size() / 2), millis.get(millis.size() * 9 / 10),
                        millis.get(millis.size() - 1));
                assertEquals(20, receiver.accepted());
                assertTrue(millis.get(millis.size() / 2) < 500, "median " + millis.get(millis.size() / 2) + " ms");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void poll(Sensor ups, BlockingQueue<Long> seen) {
        try {
            Reading onBattery = ups.read(Instant.now()).get(0);
            if (Boolean.TRUE.equals(onBattery.value())) {
                seen.add(System.nanoTime());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void trap(Snmp sender, TrapReceiver receiver) throws java.io.IOException {
        PDU pdu = new PDU();
        pdu.setType(PDU.TRAP);
        pdu.add(new VariableBinding(SnmpConstants.sysUpTime, new TimeTicks(1)));
        pdu.add(new VariableBinding(SnmpConstants.snmpTrapOID, new OID("1.3.6.1.2.1.33.2.1")));
        CommunityTarget<UdpAddress> target = new CommunityTarget<>(new UdpAddress(
                receiver.localAddress().getAddress(), receiver.localAddress().getPort()), new OctetString(Snmpd.COMMUNITY));
        target.setVersion(SnmpConstants.version2c);
        sender.send(pdu, target);
    }
}
