package org.vigie.bench;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.vigie.agent.config.AgentConfig;
import org.vigie.agent.recovery.MagicPacket;
import org.vigie.agent.recovery.Recoveries;
import org.vigie.agent.run.Agent;
import org.vigie.agent.shutdown.AgentShutdown;
import org.vigie.agent.shutdown.Keys;

/**
 * Ordered recovery latency against a real Mosquitto, with a UDP receiver on 127.0.0.1 for the
 * hosts' network cards. Each round: a leak raises the alarm, the flood policy commands both groups,
 * the leak clears, the recovery settles and waits for a person; then
 *
 * <ul>
 *   <li>A: a confirmation is published on {@code cmd/recover} (t0, just before Paho's publish) →
 *       the first magic packet of the first group reaches the receiver;</li>
 *   <li>B: db1's presence {@code online} is published (as its listener does when it connects) →
 *       the first magic packet of the next group reaches the receiver.</li>
 * </ul>
 *
 * <p>The presence is published by the harness, not by a real listener, so the figure is the
 * agent's reaction alone. Run: {@code java -cp bench/target/benchmarks.jar
 * org.vigie.bench.RecoveryLatency [--rounds N] [--warmup N]} (defaults 40 and 5).
 */
public final class RecoveryLatency {
    private static final String ROOT = "vigie/bench/room";
    private static final long TIMEOUT_MS = 10_000;
    private static final byte[] MAC_DB = {0x52, 0x54, 0, 0, 0x0d, (byte) 0xb1};

    private int rounds = 40;
    private int warmup = 5;

    public static void main(String[] args) throws Exception {
        RecoveryLatency run = new RecoveryLatency();
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--rounds" -> run.rounds = Integer.parseInt(args[i + 1]);
                case "--warmup" -> run.warmup = Integer.parseInt(args[i + 1]);
                default -> {
                    System.err.println("usage: RecoveryLatency [--rounds N] [--warmup N]");
                    System.exit(2);
                }
            }
        }
        Path dir = Files.createTempDirectory("vigie-recovery-latency");
        try {
            run.run(dir);
        } finally {
            Harness.delete(dir);
        }
    }

    private void run(Path dir) throws Exception {
        System.out.println(Harness.header("RecoveryLatency"));
        Keys.write(Keys.generate(), dir.resolve("room"));
        Path leak = dir.resolve("leak");
        Files.writeString(leak, "0\n");
        BlockingQueue<long[]> packets = new LinkedBlockingQueue<>();
        try (Broker broker = Broker.start(dir.resolve("broker"));
             DatagramSocket nic = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            Thread receiver = new Thread(() -> receive(nic, packets), "bench-nic");
            receiver.setDaemon(true);
            receiver.start();
            AgentConfig config = Harness.config(dir, List.of(
                    "site: bench", "agent: room", "state_dir: " + dir.resolve("state"),
                    "mqtt: {urls: [" + broker.url() + "]}",
                    "sensors:", "  - {id: leak, type: file, path: " + leak + ", interval: 50ms}",
                    "rules:", "  - {id: basement-leak, sensor: leak, above: {critical: 0.5}}",
                    "shutdown:", "  key: " + dir.resolve("room.key"), "  command_ttl: 500ms",
                    "  groups: [{id: rack-a-db, hosts: [db1]}, {id: rack-a-batch, hosts: [batch1]}]",
                    "  policies: [{id: flood, on: [basement-leak], delay: 100ms, groups: [rack-a-batch, rack-a-db]}]",
                    "recovery:", "  - id: flood-back", "    after: flood", "    settle: 0s", "    confirm: true",
                    "    groups:",
                    "      - {id: rack-a-db, wake: [{mac: \"52:54:00:00:0d:b1\", broadcast: 127.0.0.1, port: " + nic.getLocalPort() + "}]}",
                    "      - {id: rack-a-batch, wake: [{mac: \"52:54:00:00:0b:a1\", broadcast: 127.0.0.1, port: " + nic.getLocalPort() + "}]}"));
            MqttClient op = client(broker.url());
            try (Agent agent = new Agent(config, Clock.systemUTC());
                 AlarmSubscriber progress = new AlarmSubscriber(broker.url(), ROOT + "/recovery/flood-back")) {
                AgentShutdown.attach(agent);
                Recoveries.attach(agent);
                agent.start();
                Harness.awaitConnected(agent);
                List<Long> a = new ArrayList<>();
                List<Long> b = new ArrayList<>();
                for (int i = 0; i < warmup + rounds; i++) {
                    presence(op, "offline");
                    Files.writeString(leak, "1\n");
                    await(progress, "waiting");
                    Files.writeString(leak, "0\n");
                    await(progress, "confirm");
                    packets.clear();
                    long t0 = System.nanoTime();
                    op.publish(ROOT + "/cmd/recover", "{\"policy\":\"flood-back\",\"by\":\"bench\"}".getBytes(StandardCharsets.UTF_8), 1, false);
                    long[] first = next(packets, true);
                    Thread.sleep(PACKETS_PASS_MS);
                    packets.clear();
                    long t2 = System.nanoTime();
                    op.publish("vigie/bench/listeners/db1/status", "online".getBytes(StandardCharsets.UTF_8), 1, true);
                    long[] next = next(packets, false);
                    op.publish("vigie/bench/listeners/batch1/status", "online".getBytes(StandardCharsets.UTF_8), 1, true);
                    await(progress, "complete");
                    if (i >= warmup) {
                        a.add(first[0] - t0);
                        b.add(next[0] - t2);
                    }
                    Thread.sleep(PACKETS_PASS_MS);
                }
                System.out.println(new Stats(a.stream().mapToLong(Long::longValue).toArray())
                        .line("A: confirmation -> first magic packet"));
                System.out.println(new Stats(b.stream().mapToLong(Long::longValue).toArray())
                        .line("B: group online -> next group's packet"));
            } finally {
                op.disconnect(1000);
                op.close(true);
            }
        }
    }

    /** The three rounds of packets of a group take about 600 ms; the next step waits for them to pass. */
    private static final long PACKETS_PASS_MS = 800;

    private static void receive(DatagramSocket nic, BlockingQueue<long[]> packets) {
        byte[] buf = new byte[256];
        while (!nic.isClosed()) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                nic.receive(p);
            } catch (java.io.IOException e) {
                return;
            }
            long at = System.nanoTime();
            byte[] mac = MagicPacket.macOf(p.getData(), p.getLength());
            if (mac != null) {
                packets.add(new long[] {at, java.util.Arrays.equals(mac, MAC_DB) ? 1 : 0});
            }
        }
    }

    private static long[] next(BlockingQueue<long[]> packets, boolean db) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS);
        while (System.nanoTime() < deadline) {
            long[] p = packets.poll(100, TimeUnit.MILLISECONDS);
            if (p != null && (p[1] == 1) == db) {
                return p;
            }
        }
        throw new IllegalStateException("no magic packet for " + (db ? "db1" : "batch1") + " within " + TIMEOUT_MS + " ms");
    }

    private static void await(AlarmSubscriber progress, String state) throws InterruptedException {
        if (Harness.next(progress.arrivals(), x -> x.payload().contains("\"state\":\"" + state + "\""), TIMEOUT_MS) == null) {
            throw new IllegalStateException("recovery never reached " + state + " within " + TIMEOUT_MS + " ms");
        }
    }

    private static void presence(MqttClient op, String status) throws Exception {
        op.publish("vigie/bench/listeners/db1/status", status.getBytes(StandardCharsets.UTF_8), 1, true);
        op.publish("vigie/bench/listeners/batch1/status", status.getBytes(StandardCharsets.UTF_8), 1, true);
    }

    private static MqttClient client(String url) throws Exception {
        MqttClient c = new MqttClient(url, "vigie-bench-op-" + ProcessHandle.current().pid(), new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        o.setSocketFactory(new org.vigie.agent.mqtt.NoDelaySocketFactory());
        c.connect(o);
        return c;
    }
}
