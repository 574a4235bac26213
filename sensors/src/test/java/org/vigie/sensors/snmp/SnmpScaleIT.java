package org.vigie.sensors.snmp;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.sensors.MapSettings;
import org.vigie.sensors.Peer;
import org.vigie.sensors.Reading;
import org.vigie.sensors.Sensor;
import org.vigie.sensors.SensorBase;
import org.vigie.sensors.SensorContext;

/**
 * A scale probe, run only when asked: {@code mvn -B -pl sensors verify -Dit.test=SnmpScaleIT
 * -Dvigie.snmp.scale=N} polls N ups-mib sensors every 5 s for 30 s on a pool of 4 threads, against
 * two snmpd instances serving static values, and prints this JVM's CPU per poll, read times and
 * heap per sensor. snmpd's own CPU is not counted.
 */
class SnmpScaleIT {

    private static final Duration INTERVAL = Duration.ofSeconds(5);
    private static final Duration RUN = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void pollsManyTargets() throws Exception {
        int n = Integer.getInteger("vigie.snmp.scale", 0);
        assumeTrue(n > 0, "optional: scale probe, run with -Dvigie.snmp.scale=N to poll N sensors");
        Path snmpdBin = Peer.require("/usr/sbin/snmpd", "snmpd");
        Files.writeString(dir.resolve("community"), Snmpd.COMMUNITY);
        StringBuilder conf = new StringBuilder("rocommunity " + Snmpd.COMMUNITY + " 127.0.0.1\n");
        for (OidChannel c : UpsMib.CHANNELS) {
            conf.append("override .").append(c.oid()).append(" integer 3\n");
        }
        Files.writeString(dir.resolve("static.conf"), conf);
        Files.createDirectories(dir.resolve("persist"));
        List<Peer> peers = new ArrayList<>();
        List<Sensor> sensors = new ArrayList<>();
        ScheduledExecutorService pool = Executors.newScheduledThreadPool(4);
        try {
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                int port = Peer.freeUdpPort();
                ports.add(port);
                peers.add(Peer.start("snmpd-" + i, dir, Snmpd.env(dir), List.of(snmpdBin.toString(), "-f", "-Lo", "-C",
                        "-c", dir.resolve("static.conf").toString(), "-I", "-smux", "udp:127.0.0.1:" + port))
                        .awaitLog("NET-SNMP version", Duration.ofSeconds(10)));
            }
            long heapBefore = heapAfterGc();
            SnmpSensorType type = new SnmpSensorType();
            for (int i = 0; i < n; i++) {
                SensorBase base = new SensorBase("ups-" + i, "snmp", null, null, INTERVAL, INTERVAL.multipliedBy(3));
                MapSettings s = new MapSettings(Map.of("host", "127.0.0.1", "port", ports.get(i % 2),
                        "community_file", dir.resolve("community").toString(), "profile", "ups-mib"));
                sensors.add(type.open(type.parse(base, s), new SensorContext(Clock.systemUTC(), dir)));
            }
            long heapPerSensor = (heapAfterGc() - heapBefore) / n;
            List<Long> micros = Collections.synchronizedList(new ArrayList<>());
            AtomicLong bad = new AtomicLong();
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpuStart = os.getProcessCpuTime();
            for (int i = 0; i < n; i++) {
                Sensor sensor = sensors.get(i);
                long offset = INTERVAL.toMillis() * i / n;
                pool.scheduleAtFixedRate(() -> {
                    long t0 = System.nanoTime();
                    try {
                        for (Reading r : sensor.read(Instant.now())) {
                            if (!r.good()) {
                                bad.incrementAndGet();
                            }
                        }
                    } catch (java.io.IOException e) {
                        bad.incrementAndGet();
                    }
                    micros.add((System.nanoTime() - t0) / 1000);
                }, offset, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
            }
            Thread.sleep(RUN.toMillis());
            pool.shutdown();
            pool.awaitTermination(10, TimeUnit.SECONDS);
            double cpuMs = (os.getProcessCpuTime() - cpuStart) / 1e6;
            List<Long> sorted = new ArrayList<>(micros);
            Collections.sort(sorted);
            int polls = sorted.size();
            double cpuPerPoll = cpuMs / polls;
            System.out.printf("snmp scale: %d sensors every %ds for %ds: %d polls (%d expected), %d bad readings;"
                            + " read p50 %.2f ms, p99 %.2f ms, max %.2f ms; JVM CPU %.3f ms/poll"
                            + " -> ~%d targets per core at %ds; heap ~%d KiB per sensor%n",
                    n, INTERVAL.toSeconds(), RUN.toSeconds(), polls, n * RUN.toSeconds() / INTERVAL.toSeconds(),
                    bad.get(), sorted.get(polls / 2) / 1e3, sorted.get(polls * 99 / 100) / 1e3,
                    sorted.get(polls - 1) / 1e3, cpuPerPoll, (long) (INTERVAL.toMillis() / cpuPerPoll),
                    INTERVAL.toSeconds(), heapPerSensor / 1024);
            assertTrue(bad.get() < polls, "most readings good");
        } finally {
            pool.shutdownNow();
            sensors.forEach(Sensor::close);
            for (Peer p : peers) {
                p.close();
            }
        }
    }

    private static long heapAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
