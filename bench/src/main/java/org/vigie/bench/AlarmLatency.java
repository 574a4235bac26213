package org.vigie.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;
import org.vigie.agent.config.AgentConfig;
import org.vigie.agent.config.AgentConfigLoader;
import org.vigie.agent.config.ConfigException;
import org.vigie.agent.run.Agent;
import org.vigie.sensors.Reading;
import org.vigie.sensors.Sensor;
import org.vigie.sensors.SensorContext;
import org.vigie.sensors.SensorSpec;
import org.vigie.sensors.SensorTypes;

/**
 * End-to-end alarm latency against a real Mosquitto: a file sensor's new value is read, the agent
 * raises (or clears) the alarm, and a subscriber receives it. For each event, alternately a raise
 * and a clear:
 *
 * <ul>
 *   <li>the new value is written to the sensor's file (not timed);</li>
 *   <li>t0: the file is read through a {@code file} sensor opened from the registry, and the
 *       reading handed to {@link Agent#accept};</li>
 *   <li>t1: the agent's MQTT thread has handed the alarm to Paho ({@code MqttLink.onSent});</li>
 *   <li>t2: the subscriber (Paho, TCP_NODELAY) receives the alarm.</li>
 * </ul>
 *
 * <p>The first {@code --warmup} events (default 200) are not counted, then {@code --events}
 * (default 500) are, {@code --gap-ms} (default 20) apart; each event ends when its transition is
 * journaled, so the next one never waits behind it. Also printed: the first event on a cold JVM, and
 * the stages in between.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar org.vigie.bench.AlarmLatency [--events N]
 * [--warmup N] [--gap-ms MS]}
 */
public final class AlarmLatency {
    private static final String ROOT = "vigie/bench/room";
    private static final String ALARM_TOPIC = ROOT + "/alarms/probe-hot";
    private static final long TIMEOUT_MS = 5000;

    private int events = 500;
    private int warmup = 200;
    private long gapMs = 20;

    public static void main(String[] args) throws Exception {
        AlarmLatency run = new AlarmLatency();
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--events" -> run.events = Integer.parseInt(value);
                case "--warmup" -> run.warmup = Integer.parseInt(value);
                case "--gap-ms" -> run.gapMs = Long.parseLong(value);
                default -> {
                    System.err.println("usage: AlarmLatency [--events N] [--warmup N] [--gap-ms MS]");
                    System.exit(2);
                }
            }
            i++;
        }
        if (run.events < 1 || run.warmup < 0) {
            System.err.println("--events must be at least 1 and --warmup at least 0");
            System.exit(2);
        }
        Path dir = Files.createTempDirectory("vigie-latency");
        try {
            run.run(dir);
        } finally {
            delete(dir);
        }
    }

    /** One event's instants, in {@code System.nanoTime()}. */
    private record Event(long t0, long read, long pickup, long sent, long received, long journaled) {
    }

    private void run(Path dir) throws Exception {
        Path value = dir.resolve("probe");
        Files.writeString(value, "24000\n");
        try (Broker broker = Broker.start(dir.resolve("broker"))) {
            AgentConfig config = config(dir, broker.port(), value);
            ProbeClock clock = new ProbeClock();
            BlockingQueue<Long> sent = new LinkedBlockingQueue<>();
            BlockingQueue<Long> journaled = new LinkedBlockingQueue<>();
            try (Agent agent = new Agent(config, clock);
                 AlarmSubscriber sub = new AlarmSubscriber(broker.url(), ALARM_TOPIC)) {
                agent.link().onSent(topic -> {
                    if (topic.equals(ALARM_TOPIC)) {
                        sent.add(System.nanoTime());
                    }
                });
                agent.onTransition(t -> journaled.add(System.nanoTime()));
                agent.start();
                awaitConnected(agent);
                SensorSpec spec = config.sensors().get(0);
                try (Sensor sensor = SensorTypes.byName(spec.base().type()).orElseThrow()
                        .openUnchecked(spec, new SensorContext(Clock.systemUTC(), config.stateDir()))) {
                    List<Event> measured = new ArrayList<>();
                    for (int i = 0; i < warmup + events; i++) {
                        Event e = event(i, agent, clock, sensor, value, sent, journaled, sub);
                        if (i == 0) {
                            System.out.println("first event (cold JVM): pipeline " + Stats.ms(e.sent() - e.t0())
                                    + " ms, end to end " + Stats.ms(e.received() - e.t0()) + " ms");
                        }
                        if (i >= warmup) {
                            measured.add(e);
                        }
                        Thread.sleep(gapMs);
                    }
                    report(measured);
                }
            }
        }
    }

    private Event event(int i, Agent agent, ProbeClock clock, Sensor sensor, Path value, BlockingQueue<Long> sent,
                        BlockingQueue<Long> journaled, AlarmSubscriber sub) throws Exception {
        boolean raise = i % 2 == 0;
        Files.writeString(value, raise ? "33500\n" : "24000\n");
        clock.arm();
        long t0 = System.nanoTime();
        List<Reading> readings = sensor.read(Clock.systemUTC().instant());
        long read = System.nanoTime();
        readings.forEach(agent::accept);
        Long t1 = sent.poll(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        AlarmSubscriber.Arrival arrival = sub.arrivals().poll(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        Long done = journaled.poll(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        if (t1 == null || arrival == null || done == null) {
            throw new IllegalStateException("event " + i + ": no alarm within " + TIMEOUT_MS + " ms (sent " + t1
                    + ", received " + arrival + ", transition " + done + ", subscriber lost: " + sub.lost() + ")");
        }
        String expected = raise ? "\"state\":\"active\"" : "\"state\":\"cleared\"";
        if (!arrival.payload().contains(expected)) {
            throw new IllegalStateException("event " + i + ": expected " + expected + ", got " + arrival.payload());
        }
        return new Event(t0, read, clock.seen(), t1, arrival.nanos(), done);
    }

    private void report(List<Event> measured) {
        System.out.println();
        System.out.printf("alarm latency: %d events measured (alternately raised and cleared) after %d warm-up "
                + "event(s), %d ms apart%n", events, warmup, gapMs);
        System.out.println(stats(measured, e -> e.sent() - e.t0()).line("pipeline: read -> handed to MQTT"));
        System.out.println(stats(measured, e -> e.received() - e.t0()).line("end to end: read -> at subscriber"));
        System.out.println("stages:");
        System.out.println(stats(measured, e -> e.read() - e.t0()).line("  file read (sensor.read)"));
        List<Event> picked = measured.stream().filter(e -> e.pickup() > e.read()).toList();
        if (!picked.isEmpty()) {
            System.out.println(stats(picked, e -> e.pickup() - e.read()).line("  queue -> engine thread (approx.)"));
            System.out.println(stats(picked, e -> e.sent() - e.pickup()).line("  engine -> handed to MQTT (approx.)"));
        }
        System.out.println(stats(measured, e -> e.received() - e.sent()).line("  handed to MQTT -> at subscriber"));
        System.out.println(stats(measured, e -> e.journaled() - e.t0()).line("  read -> transition journaled"));
    }

    private static Stats stats(List<Event> events, ToLongFunction<Event> f) {
        return new Stats(events.stream().mapToLong(f).toArray());
    }

    private static AgentConfig config(Path dir, int port, Path value) throws IOException {
        Path file = dir.resolve("agent.yaml");
        Files.writeString(file, String.join("\n",
                "site: bench",
                "agent: room",
                "state_dir: " + dir.resolve("state"),
                "mqtt: {urls: [tcp://127.0.0.1:" + port + "]}",
                "telemetry: {interval: 1h}",
                "sensors:",
                "  # read by the harness itself; the agent's own poller reads it once at start",
                "  - {id: probe, type: file, path: " + value + ", scale: 0.001, unit: \"°C\", kind: temperature, "
                        + "interval: 1h}",
                "rules:",
                "  - {id: probe-hot, sensor: probe, above: {warning: 27, critical: 32}, hysteresis: 1.0}",
                ""));
        try {
            return AgentConfigLoader.load(file);
        } catch (ConfigException e) {
            throw new IllegalStateException(String.join("\n", e.lines()), e);
        }
    }

    private static void awaitConnected(Agent agent) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!agent.link().connected()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the agent did not connect to the broker within 10 s");
            }
            Thread.sleep(10);
        }
        Thread.sleep(500);
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
