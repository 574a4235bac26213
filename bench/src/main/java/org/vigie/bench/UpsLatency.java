package org.vigie.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.vigie.agent.config.AgentConfig;
import org.vigie.agent.run.Agent;

/**
 * Issue 5: from the UPS switching to battery to the {@code on-battery} alarm at a subscriber, on a
 * real net-snmp {@code snmpd} and a real Mosquitto, with an in-process {@link Agent} polling the
 * UPS (an {@code snmp} sensor, {@code profile: ups-mib}, v2c) at {@code --interval}.
 *
 * <p>A flip: t0, then upsOutputSource (1.3.6.1.2.1.33.1.4.1.0) becomes battery(5) in snmpd's values
 * file; the flip ends when the subscriber receives {@code on-battery} active. Then the UPS goes
 * back to utility(3) and the harness waits for the clear.
 *
 * <ul>
 *   <li>{@code --mode poll}: the next flip starts a random time in [0, interval) after the clear
 *       arrived, so flips fall at every phase of the poll cycle.</li>
 *   <li>{@code --mode trap}: the agent also has {@code snmp_traps} on a free 127.0.0.1 port; right
 *       after the switch the harness runs {@code snmptrap} (net-snmp's, a new process each time)
 *       with {@code upsTrapOnBattery} and its RFC 1628 varbinds, and {@code upsTrapAlarmEntryRemoved}
 *       for the way back. Flips are 200–700 ms apart. Also printed: the time from the end of the
 *       {@code snmptrap} process (the trap is sent by then) to the alarm.</li>
 * </ul>
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar org.vigie.bench.UpsLatency [--mode poll|trap]
 * [--interval 5s] [--flips 20]}
 */
public final class UpsLatency {
    private static final String ROOT = "vigie/bench/room";
    private static final String ALARM_TOPIC = ROOT + "/alarms/on-battery";
    private static final String UPS_MIB = "1.3.6.1.2.1.33";
    private static final String OUTPUT_SOURCE = UPS_MIB + ".1.4.1.0";

    private String mode = "poll";
    private String interval = "5s";
    private int flips = 20;
    private String sender = "snmptrap";

    public static void main(String[] args) throws Exception {
        UpsLatency run = new UpsLatency();
        for (int i = 0; i < args.length; i += 2) {
            String value = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--mode" -> run.mode = value;
                case "--interval" -> run.interval = value;
                case "--flips" -> run.flips = Integer.parseInt(value);
                case "--sender" -> run.sender = value;
                default -> {
                    System.err.println("usage: UpsLatency [--mode poll|trap] [--interval 5s] [--flips 20]"
                            + " [--sender snmptrap|snmp4j]");
                    System.exit(2);
                }
            }
        }
        if (!run.mode.equals("poll") && !run.mode.equals("trap")
                || !run.sender.equals("snmptrap") && !run.sender.equals("snmp4j")) {
            System.err.println("--mode must be poll or trap, --sender snmptrap or snmp4j");
            System.exit(2);
        }
        Path dir = Files.createTempDirectory("vigie-ups");
        try {
            run.run(dir);
        } finally {
            Harness.delete(dir);
        }
    }

    private static Map<String, String> mains() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put(UPS_MIB + ".1.2.1.0", "integer 2");        // upsBatteryStatus batteryNormal
        v.put(UPS_MIB + ".1.2.2.0", "integer 0");        // upsSecondsOnBattery
        v.put(UPS_MIB + ".1.2.3.0", "integer 42");       // upsEstimatedMinutesRemaining
        v.put(UPS_MIB + ".1.2.4.0", "integer 100");      // upsEstimatedChargeRemaining
        v.put(UPS_MIB + ".1.2.7.0", "integer 25");       // upsBatteryTemperature
        v.put(UPS_MIB + ".1.3.3.1.3.1", "integer 230");  // upsInputVoltage
        v.put(OUTPUT_SOURCE, "integer 3");               // upsOutputSource normal
        v.put(UPS_MIB + ".1.4.4.1.5.1", "integer 35");   // upsOutputPercentLoad
        v.put(UPS_MIB + ".1.6.1.0", "gauge 0");          // upsAlarmsPresent
        return v;
    }

    private void run(Path dir) throws Exception {
        System.out.println(Harness.header("ups latency (" + mode + (mode.equals("trap") ? " from " + sender : "") + ", interval " + interval + "), start"));
        boolean traps = mode.equals("trap");
        int trapPort = Snmpd.freeUdpPort();
        try (Broker broker = Broker.start(dir.resolve("broker"));
             Snmpd snmpd = Snmpd.start(dir.resolve("snmpd"), mains())) {
            List<String> lines = new ArrayList<>(List.of(
                    "site: bench",
                    "agent: room",
                    "state_dir: " + dir.resolve("state"),
                    "mqtt: {urls: [" + broker.url() + "]}",
                    "telemetry: {interval: 1h}",
                    "sensors:",
                    "  - {id: ups-1, type: snmp, host: 127.0.0.1, port: " + snmpd.port() + ", version: 2c,"
                            + " community_file: " + snmpd.communityFile() + ", profile: ups-mib, interval: " + interval
                            + "}",
                    "rules:",
                    "  - {id: on-battery, sensor: ups-1.on_battery, when: active, severity: critical}"));
            if (traps) {
                lines.add("snmp_traps: {listen: '127.0.0.1:" + trapPort + "', community_file: " + snmpd.communityFile()
                        + "}");
            }
            AgentConfig config = Harness.config(dir, lines);
            List<Long> latencies = new ArrayList<>();
            List<Long> afterTrap = new ArrayList<>();
            try (Agent agent = new Agent(config, Clock.systemUTC());
                 AlarmSubscriber sub = new AlarmSubscriber(broker.url(), ALARM_TOPIC)) {
                agent.start();
                Harness.awaitConnected(agent);
                Thread.sleep(1500);
                sub.arrivals().clear();
                long timeoutMs = traps ? 5000 : Math.max(20_000, 4 * parseSeconds(interval) * 1000);
                for (int i = 0; i < flips; i++) {
                    long t0 = System.nanoTime();
                    snmpd.set(OUTPUT_SOURCE, "integer 5");
                    long trapSent = traps ? trap(snmpd, trapPort, true) : 0;
                    AlarmSubscriber.Arrival raised = Harness.next(sub.arrivals(),
                            a -> a.payload().contains("\"state\":\"active\""), timeoutMs);
                    if (raised == null) {
                        throw new IllegalStateException("flip " + i + ": no on-battery alarm within " + timeoutMs
                                + " ms (subscriber lost: " + sub.lost() + ")");
                    }
                    latencies.add(raised.nanos() - t0);
                    if (traps) {
                        afterTrap.add(raised.nanos() - trapSent);
                    }
                    System.out.printf("flip %d: on-battery at the subscriber after %s ms%s%n", i,
                            Stats.ms(raised.nanos() - t0),
                            traps ? " (" + Stats.ms(raised.nanos() - trapSent) + " ms after the trap was sent)" : "");
                    snmpd.set(OUTPUT_SOURCE, "integer 3");
                    if (traps) {
                        trap(snmpd, trapPort, false);
                    }
                    if (Harness.next(sub.arrivals(), a -> a.payload().contains("\"state\":\"cleared\""),
                            timeoutMs) == null) {
                        throw new IllegalStateException("flip " + i + ": on-battery not cleared within " + timeoutMs
                                + " ms");
                    }
                    long pause = traps ? 200 + ThreadLocalRandom.current().nextLong(500)
                            : ThreadLocalRandom.current().nextLong(parseSeconds(interval) * 1000);
                    Thread.sleep(pause);
                }
            }
            if (snmp4j != null) {
                snmp4j.close();
            }
            System.out.printf("ups switch -> on-battery alarm at subscriber, %s%s, interval %s, %d flips:%n", mode,
                    traps ? " from " + sender : "", interval, flips);
            System.out.println(new Stats(latencies.stream().mapToLong(Long::longValue).toArray())
                    .line("switch -> alarm at subscriber"));
            if (traps) {
                System.out.println(new Stats(afterTrap.stream().mapToLong(Long::longValue).toArray())
                        .line(sender + " sent the trap -> alarm at subscriber"));
            }
        }
        System.out.println(Harness.header("ups latency, end"));
    }

    private static long parseSeconds(String d) {
        if (d.endsWith("ms")) {
            return Math.max(1, Long.parseLong(d.substring(0, d.length() - 2)) / 1000);
        }
        if (d.endsWith("s")) {
            return Long.parseLong(d.substring(0, d.length() - 1));
        }
        throw new IllegalArgumentException("--interval: like 5s or 500ms, was " + d);
    }

    private org.snmp4j.Snmp snmp4j;

    /** Sends the trap with {@code --sender}; returns {@code System.nanoTime()} once it is sent. */
    private long trap(Snmpd snmpd, int port, boolean onBattery) throws IOException, InterruptedException {
        if (sender.equals("snmptrap")) {
            return snmptrap(snmpd, port, onBattery);
        }
        if (snmp4j == null) {
            snmp4j = new org.snmp4j.Snmp(new org.snmp4j.transport.DefaultUdpTransportMapping());
            snmp4j.listen();
        }
        org.snmp4j.PDU pdu = new org.snmp4j.PDU();
        pdu.setType(org.snmp4j.PDU.TRAP);
        pdu.add(new org.snmp4j.smi.VariableBinding(org.snmp4j.mp.SnmpConstants.sysUpTime,
                new org.snmp4j.smi.TimeTicks(1)));
        pdu.add(new org.snmp4j.smi.VariableBinding(org.snmp4j.mp.SnmpConstants.snmpTrapOID,
                new org.snmp4j.smi.OID(UPS_MIB + ".2." + (onBattery ? 1 : 4))));
        if (onBattery) {
            pdu.add(new org.snmp4j.smi.VariableBinding(new org.snmp4j.smi.OID(UPS_MIB + ".1.2.3.0"),
                    new org.snmp4j.smi.Integer32(42)));
            pdu.add(new org.snmp4j.smi.VariableBinding(new org.snmp4j.smi.OID(UPS_MIB + ".1.2.2.0"),
                    new org.snmp4j.smi.Integer32(0)));
            pdu.add(new org.snmp4j.smi.VariableBinding(new org.snmp4j.smi.OID(UPS_MIB + ".1.9.7.0"),
                    new org.snmp4j.smi.Integer32(2)));
        }
        org.snmp4j.CommunityTarget<org.snmp4j.smi.UdpAddress> target = new org.snmp4j.CommunityTarget<>(
                new org.snmp4j.smi.UdpAddress(java.net.InetAddress.getLoopbackAddress(), port),
                new org.snmp4j.smi.OctetString(Snmpd.COMMUNITY));
        target.setVersion(org.snmp4j.mp.SnmpConstants.version2c);
        snmp4j.send(pdu, target);
        return System.nanoTime();
    }

    /** Sends upsTrapOnBattery (or upsTrapAlarmEntryRemoved) with net-snmp's snmptrap; returns nanoTime at its exit. */
    private static long snmptrap(Snmpd snmpd, int port, boolean onBattery) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/snmptrap", "-v", "2c", "-c", Snmpd.COMMUNITY,
                "127.0.0.1:" + port, "", UPS_MIB + ".2." + (onBattery ? 1 : 4)));
        if (onBattery) {
            cmd.addAll(List.of(UPS_MIB + ".1.2.3.0", "i", "42", UPS_MIB + ".1.2.2.0", "i", "0",
                    UPS_MIB + ".1.9.7.0", "i", "2"));
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("MIBS", "");
        pb.environment().put("SNMP_PERSISTENT_DIR", snmpd.communityFile().getParent().resolve("persist").toString());
        Process p = pb.start();
        if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("snmptrap failed: " + cmd);
        }
        return System.nanoTime();
    }
}
