package org.vigie.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.vigie.agent.config.AgentConfig;
import org.vigie.agent.run.Agent;
import org.vigie.sensors.Reading;

/**
 * Issue 7 (a): durable events per second, and what the journal (fsync on) adds to an event's
 * latency, against a real Mosquitto with an in-process {@link Agent} whose {@code state_dir} is on
 * this machine's disk ({@code --dir}, default the temp dir).
 *
 * <p>The agent has a {@code file} sensor {@code door} (interval 1 h, read once at start) and the
 * rule {@code door-open: when: active}; the harness hands it readings of that channel through
 * {@link Agent#accept}, alternately 1 and 0, so that every reading is an alarm transition, which
 * the agent publishes (retained alarm), saves ({@code alarms.json}), journals and publishes as an
 * event. One subscriber (TCP_NODELAY) takes the agent's whole tree.
 *
 * <ul>
 *   <li>Paced ({@code --paced N}, one reading every {@code --gap-ms}, each waiting for its event):
 *       reading → alarm at the subscriber (published before the journal is written) and reading →
 *       event at the subscriber (published once journaled); the difference is the journal's share.</li>
 *   <li>Burst ({@code --burst N} readings handed over at once): transitions journaled per second on
 *       the engine thread, events received per second, and the time until the agent's MQTT link has
 *       nothing left waiting for a broker acknowledgement ({@code MqttLink.waiting() == 0}).</li>
 * </ul>
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar org.vigie.bench.DurableEvents [--paced 300]
 * [--gap-ms 20] [--burst 2000] [--dir DIR]}
 */
public final class DurableEvents {
    private static final String ROOT = "vigie/bench/room";
    private static final String ALARM_TOPIC = ROOT + "/alarms/door-open";
    private static final String EVENT_TOPIC = ROOT + "/events";
    private static final long TIMEOUT_MS = 10_000;

    private int paced = 300;
    private long gapMs = 20;
    private int burst = 2000;
    private Path base;

    public static void main(String[] args) throws Exception {
        DurableEvents run = new DurableEvents();
        for (int i = 0; i < args.length; i += 2) {
            String value = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--paced" -> run.paced = Integer.parseInt(value);
                case "--gap-ms" -> run.gapMs = Long.parseLong(value);
                case "--burst" -> run.burst = Integer.parseInt(value);
                case "--dir" -> run.base = Path.of(value);
                default -> {
                    System.err.println("usage: DurableEvents [--paced N] [--gap-ms MS] [--burst N] [--dir DIR]");
                    System.exit(2);
                }
            }
        }
        Path dir = run.base == null ? Files.createTempDirectory("vigie-durable")
                : Files.createTempDirectory(run.base, "vigie-durable");
        try {
            run.run(dir);
        } finally {
            Harness.delete(dir);
        }
    }

    private void run(Path dir) throws Exception {
        System.out.println(Harness.header("durable events (state_dir " + dir + "), start"));
        Path value = dir.resolve("door");
        Files.writeString(value, "0\n");
        try (Broker broker = Broker.start(dir.resolve("broker"))) {
            AgentConfig config = Harness.config(dir, List.of(
                    "site: bench",
                    "agent: room",
                    "state_dir: " + dir.resolve("state"),
                    "mqtt: {urls: [" + broker.url() + "]}",
                    "telemetry: {interval: 1h}",
                    "sensors:",
                    "  - {id: door, type: file, path: " + value + ", kind: door, interval: 1h}",
                    "rules:",
                    "  - {id: door-open, sensor: door, when: active, severity: warning}"));
            AtomicLong journaled = new AtomicLong();
            BlockingQueue<Long> transitions = new LinkedBlockingQueue<>();
            try (Agent agent = new Agent(config, Clock.systemUTC());
                 AlarmSubscriber sub = new AlarmSubscriber(broker.url(), ROOT + "/#")) {
                agent.onTransition(t -> {
                    journaled.incrementAndGet();
                    transitions.add(System.nanoTime());
                });
                agent.start();
                Harness.awaitConnected(agent);
                Thread.sleep(500);
                sub.arrivals().clear();
                boolean active = paced(agent, sub, transitions);
                burst(agent, sub, transitions, active);
            }
        }
        System.out.println(Harness.header("durable events, end"));
    }

    private static boolean isEvent(AlarmSubscriber.Arrival a, boolean raise) {
        return a.topic().equals(EVENT_TOPIC) && a.payload().contains("\"door-open\"")
                && a.payload().contains(raise ? "\"transition\":\"raised\"" : "\"transition\":\"cleared\"");
    }

    private boolean paced(Agent agent, AlarmSubscriber sub, BlockingQueue<Long> transitions) throws Exception {
        List<Long> toAlarm = new ArrayList<>();
        List<Long> toEvent = new ArrayList<>();
        List<Long> toJournaled = new ArrayList<>();
        boolean active = false;
        for (int i = 0; i < paced; i++) {
            active = !active;
            boolean raise = active;
            long t0 = System.nanoTime();
            agent.accept(Reading.number("door", raise ? 1 : 0, Instant.now()));
            Long done = transitions.poll(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            long alarm = 0;
            long event = 0;
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS);
            while ((alarm == 0 || event == 0) && System.nanoTime() < deadline) {
                AlarmSubscriber.Arrival a = sub.arrivals().poll(100, TimeUnit.MILLISECONDS);
                if (a == null) {
                    continue;
                }
                String state = raise ? "\"state\":\"active\"" : "\"state\":\"cleared\"";
                if (a.topic().equals(ALARM_TOPIC) && a.payload().contains(state)) {
                    alarm = a.nanos();
                } else if (isEvent(a, raise)) {
                    event = a.nanos();
                }
            }
            if (done == null || alarm == 0 || event == 0) {
                throw new IllegalStateException("paced " + i + ": journaled " + done + ", alarm " + alarm + ", event "
                        + event + " (subscriber lost: " + sub.lost() + ")");
            }
            toAlarm.add(alarm - t0);
            toEvent.add(event - t0);
            toJournaled.add(done - t0);
            Thread.sleep(gapMs);
        }
        System.out.printf("paced: %d transitions, one every %d ms plus its own time%n", paced, gapMs);
        System.out.println(stats(toAlarm).line("reading -> alarm at subscriber"));
        System.out.println(stats(toJournaled).line("reading -> journaled (onTransition)"));
        System.out.println(stats(toEvent).line("reading -> event at subscriber"));
        long[] added = new long[toEvent.size()];
        for (int i = 0; i < added.length; i++) {
            added[i] = toEvent.get(i) - toAlarm.get(i);
        }
        System.out.println(new Stats(added).line("event minus alarm (the journal's share)"));
        return active;
    }

    private void burst(Agent agent, AlarmSubscriber sub, BlockingQueue<Long> transitions, boolean startActive)
            throws Exception {
        transitions.clear();
        Thread.sleep(1000);
        sub.arrivals().clear();
        boolean active = startActive;
        long t0 = System.nanoTime();
        Instant now = Instant.now();
        for (int i = 0; i < burst; i++) {
            active = !active;
            agent.accept(Reading.number("door", active ? 1 : 0, now));
        }
        long handed = System.nanoTime();
        int events = 0;
        long lastEvent = 0;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS) + TimeUnit.MILLISECONDS.toNanos(
                100L * burst);
        while (events < burst && System.nanoTime() < deadline) {
            AlarmSubscriber.Arrival a = sub.arrivals().poll(1, TimeUnit.SECONDS);
            if (a != null && a.topic().equals(EVENT_TOPIC) && a.payload().contains("\"door-open\"")) {
                events++;
                lastEvent = a.nanos();
            }
        }
        long lastJournaled = 0;
        int journaled = 0;
        for (Long t; (t = transitions.poll()) != null; ) {
            journaled++;
            lastJournaled = t;
        }
        long acked = 0;
        while (System.nanoTime() < deadline) {
            if (agent.link().waiting() == 0) {
                acked = System.nanoTime();
                break;
            }
            Thread.sleep(1);
        }
        System.out.printf("burst: %d readings handed over in %s ms, each an alarm transition%n", burst,
                Stats.ms(handed - t0));
        System.out.printf("  %d transitions journaled in %s ms: %.0f per second%n", journaled,
                Stats.ms(lastJournaled - t0), journaled / ((lastJournaled - t0) / 1e9));
        System.out.printf("  %d events at the subscriber in %s ms: %.0f per second%n", events,
                Stats.ms(lastEvent - t0), events / ((lastEvent - t0) / 1e9));
        System.out.printf("  MQTT link with nothing waiting for an acknowledgement after %s ms%n",
                acked == 0 ? "never (timeout)" : Stats.ms(acked - t0));
    }

    private static Stats stats(List<Long> nanos) {
        return new Stats(nanos.stream().mapToLong(Long::longValue).toArray());
    }
}
