package org.vigie.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.vigie.agent.config.AgentConfig;
import org.vigie.agent.run.Agent;

/**
 * Issue 7 (c): broker failover time. Two real Mosquittos (no persistence) in the agent's
 * {@code mqtt.urls}; the agent has one raised alarm ({@code room-hot}, a file sensor at 33.5 °C).
 * A round: a subscriber (TCP_NODELAY) is connected to the broker the agent is not on, the agent's
 * broker is SIGKILLed (t0), and the round ends when that subscriber has both the agent's live
 * {@code online} on the status topic and its {@code room-hot} alarm (the surviving broker was
 * started fresh, so the agent must republish it). The killed broker is then started again on its
 * port, and the next round kills the other one.
 *
 * <p>A SIGKILLed broker's socket is closed by the kernel, so Paho sees the connection drop at once:
 * this is the time of a broker crash, not of a host or network that vanishes without a word (that
 * waits for the MQTT keep-alive).
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar org.vigie.bench.Failover [--rounds 10]}
 */
public final class Failover {
    private static final String ROOT = "vigie/bench/room";
    private static final long TIMEOUT_MS = 60_000;

    public static void main(String[] args) throws Exception {
        int rounds = 10;
        if (args.length == 2 && args[0].equals("--rounds")) {
            rounds = Integer.parseInt(args[1]);
        } else if (args.length != 0) {
            System.err.println("usage: Failover [--rounds N]");
            System.exit(2);
        }
        Path dir = Files.createTempDirectory("vigie-failover");
        try {
            run(dir, rounds);
        } finally {
            Harness.delete(dir);
        }
    }

    private static void run(Path dir, int rounds) throws Exception {
        System.out.println(Harness.header("failover, start"));
        Path value = dir.resolve("probe");
        Files.writeString(value, "33500\n");
        Broker[] brokers = {Broker.start(dir.resolve("b0")), Broker.start(dir.resolve("b1"))};
        int[] ports = {brokers[0].port(), brokers[1].port()};
        List<Long> toOnline = new ArrayList<>();
        List<Long> toAlarm = new ArrayList<>();
        try {
            AgentConfig config = Harness.config(dir, List.of(
                    "site: bench",
                    "agent: room",
                    "state_dir: " + dir.resolve("state"),
                    "mqtt: {urls: [tcp://127.0.0.1:" + ports[0] + ", tcp://127.0.0.1:" + ports[1] + "]}",
                    "telemetry: {interval: 1h}",
                    "sensors:",
                    "  - {id: probe, type: file, path: " + value + ", scale: 0.001, unit: \"°C\", kind: temperature,"
                            + " interval: 1s}",
                    "rules:",
                    "  - {id: room-hot, sensor: probe, above: {warning: 27, critical: 32}, hysteresis: 1.0}"));
            try (Agent agent = new Agent(config, Clock.systemUTC())) {
                agent.start();
                Harness.awaitConnected(agent);
                Thread.sleep(1500);
                int on = 0; // the agent connects to the first URL
                for (int round = 0; round < rounds; round++) {
                    int other = 1 - on;
                    try (AlarmSubscriber sub = new AlarmSubscriber(brokers[other].url(), ROOT + "/#")) {
                        Thread.sleep(300);
                        sub.arrivals().clear();
                        long t0 = System.nanoTime();
                        brokers[on].kill();
                        AlarmSubscriber.Arrival online = null;
                        AlarmSubscriber.Arrival alarm = null;
                        long deadline = System.nanoTime() + TIMEOUT_MS * 1_000_000;
                        while ((online == null || alarm == null) && System.nanoTime() < deadline) {
                            AlarmSubscriber.Arrival a = Harness.next(sub.arrivals(), x -> true,
                                    (deadline - System.nanoTime()) / 1_000_000);
                            if (a == null) {
                                break;
                            }
                            if (online == null && a.topic().equals(ROOT + "/status") && a.payload().equals("online")) {
                                online = a;
                            }
                            if (alarm == null && a.topic().equals(ROOT + "/alarms/room-hot")
                                    && a.payload().contains("\"state\":\"active\"")) {
                                alarm = a;
                            }
                        }
                        if (online == null || alarm == null) {
                            throw new IllegalStateException("round " + round + ": online " + online + ", alarm " + alarm
                                    + " within " + TIMEOUT_MS + " ms on the surviving broker");
                        }
                        toOnline.add(online.nanos() - t0);
                        toAlarm.add(alarm.nanos() - t0);
                        System.out.printf("round %d: broker %d killed; on broker %d: online after %s ms, room-hot after"
                                + " %s ms%n", round, on, other, Stats.ms(online.nanos() - t0), Stats.ms(alarm.nanos() - t0));
                    }
                    brokers[on] = Broker.start(dir.resolve("b" + on + "-" + round), ports[on]);
                    Thread.sleep(1000);
                    on = other;
                }
            }
        } finally {
            for (Broker b : brokers) {
                b.close();
            }
        }
        System.out.printf("failover, broker SIGKILLed -> on the other broker, %d rounds:%n", rounds);
        System.out.println(new Stats(toOnline.stream().mapToLong(Long::longValue).toArray()).line("kill -> online"));
        System.out.println(new Stats(toAlarm.stream().mapToLong(Long::longValue).toArray()).line("kill -> retained alarm"));
        System.out.println(Harness.header("failover, end"));
    }
}
