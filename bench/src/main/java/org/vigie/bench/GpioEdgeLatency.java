package org.vigie.bench;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import org.vigie.agent.config.AgentConfig;
import org.vigie.agent.run.Agent;
import org.vigie.sensors.Sensor;
import org.vigie.sensors.SensorContext;
import org.vigie.sensors.gpio.GpioSensorType;

/**
 * Issue 4: from a GPIO edge (Pi4J's mock platform) to the alarm at a subscriber on a real
 * Mosquitto, beyond the configured debounce.
 *
 * <p>An in-process {@link Agent} has a {@code gpio} sensor {@code leak} (BCM 17, active high) and
 * the rule {@code leak-floor: when: active}. The agent opens its own copy of that sensor on this
 * machine's GPIO, which has none: it reports {@code fault} once at start (interval 1 h, so it stays
 * quiet). The harness opens the same sensor spec itself through {@link GpioSensorType#withPi4j} on a
 * mock context and hands its pushed readings to {@link Agent#accept} ({@code sensor.start(agent::accept)}).
 * For each edge, alternately active and inactive: t0 just before {@code mockState}; then when the
 * debounced reading is pushed; when the agent hands the alarm to Paho ({@code MqttLink.onSent}); when
 * the subscriber (TCP_NODELAY) receives it. Every figure is printed minus the debounce.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar org.vigie.bench.GpioEdgeLatency [--edges N]
 * [--warmup N] [--debounce-ms MS] [--gap-ms MS]}
 */
public final class GpioEdgeLatency {
    private static final String ROOT = "vigie/bench/room";
    private static final String ALARM_TOPIC = ROOT + "/alarms/leak-floor";
    private static final long TIMEOUT_MS = 5000;

    private int edges = 200;
    private int warmup = 50;
    private long debounceMs = 100;
    private long gapMs = 20;

    public static void main(String[] args) throws Exception {
        GpioEdgeLatency run = new GpioEdgeLatency();
        for (int i = 0; i < args.length; i += 2) {
            String value = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--edges" -> run.edges = Integer.parseInt(value);
                case "--warmup" -> run.warmup = Integer.parseInt(value);
                case "--debounce-ms" -> run.debounceMs = Long.parseLong(value);
                case "--gap-ms" -> run.gapMs = Long.parseLong(value);
                default -> {
                    System.err.println("usage: GpioEdgeLatency [--edges N] [--warmup N] [--debounce-ms MS] [--gap-ms MS]");
                    System.exit(2);
                }
            }
        }
        Path dir = Files.createTempDirectory("vigie-gpio");
        try {
            run.run(dir);
        } finally {
            Harness.delete(dir);
        }
    }

    private record Edge(long t0, long pushed, long sent, long received) {
    }

    private void run(Path dir) throws Exception {
        System.out.println(Harness.header("gpio edge latency, start"));
        Context pi4j = Pi4J.newContextBuilder().add(MockDigitalInputProvider.newInstance()).build();
        try (Broker broker = Broker.start(dir.resolve("broker"))) {
            AgentConfig config = Harness.config(dir, List.of(
                    "site: bench",
                    "agent: room",
                    "state_dir: " + dir.resolve("state"),
                    "mqtt: {urls: [" + broker.url() + "]}",
                    "telemetry: {interval: 1h}",
                    "sensors:",
                    "  - {id: leak, type: gpio, pin: 17, active: high, debounce: " + debounceMs + "ms, kind: leak,"
                            + " interval: 1h}",
                    "rules:",
                    "  - {id: leak-floor, sensor: leak, when: active, severity: critical}"));
            BlockingQueue<Long> pushed = new LinkedBlockingQueue<>();
            BlockingQueue<Long> sent = new LinkedBlockingQueue<>();
            try (Agent agent = new Agent(config, Clock.systemUTC());
                 AlarmSubscriber sub = new AlarmSubscriber(broker.url(), ALARM_TOPIC)) {
                agent.link().onSent(topic -> {
                    if (topic.equals(ALARM_TOPIC)) {
                        sent.add(System.nanoTime());
                    }
                });
                agent.start();
                Harness.awaitConnected(agent);
                GpioSensorType type = GpioSensorType.withPi4j(pi4j);
                GpioSensorType.Spec spec = (GpioSensorType.Spec) config.sensors().get(0);
                try (Sensor sensor = type.open(spec, new SensorContext(Clock.systemUTC(), config.stateDir()))) {
                    sensor.start(r -> {
                        pushed.add(System.nanoTime());
                        agent.accept(r);
                    });
                    MockDigitalInput in = pi4j.io("vigie-leak", MockDigitalInput.class);
                    in.mockState(DigitalState.LOW);
                    Thread.sleep(debounceMs + 500);
                    pushed.clear();
                    sent.clear();
                    sub.arrivals().clear();
                    List<Edge> measured = new ArrayList<>();
                    for (int i = 0; i < warmup + edges; i++) {
                        boolean active = i % 2 == 0;
                        long t0 = System.nanoTime();
                        in.mockState(active ? DigitalState.HIGH : DigitalState.LOW);
                        Long p = pushed.poll(TIMEOUT_MS + debounceMs, TimeUnit.MILLISECONDS);
                        Long s = sent.poll(TIMEOUT_MS, TimeUnit.MILLISECONDS);
                        String state = active ? "\"state\":\"active\"" : "\"state\":\"cleared\"";
                        AlarmSubscriber.Arrival a = Harness.next(sub.arrivals(), x -> x.payload().contains(state),
                                TIMEOUT_MS);
                        if (p == null || s == null || a == null) {
                            throw new IllegalStateException("edge " + i + ": pushed " + p + ", sent " + s
                                    + ", received " + a + " (subscriber lost: " + sub.lost() + ")");
                        }
                        if (i >= warmup) {
                            measured.add(new Edge(t0, p, s, a.nanos()));
                        }
                        Thread.sleep(gapMs);
                    }
                    report(measured);
                }
            }
        } finally {
            pi4j.shutdown();
        }
        System.out.println(Harness.header("gpio edge latency, end"));
    }

    private void report(List<Edge> measured) {
        long d = TimeUnit.MILLISECONDS.toNanos(debounceMs);
        System.out.printf("gpio edge -> alarm: %d edges measured (alternately active and inactive) after %d warm-up,"
                + " debounce %d ms, %d ms between edges; all figures are beyond the debounce%n", edges, warmup,
                debounceMs, gapMs);
        System.out.println(stats(measured, e -> e.received() - e.t0() - d).line("edge -> alarm at subscriber"));
        System.out.println(stats(measured, e -> e.pushed() - e.t0() - d).line("  edge -> reading pushed"));
        System.out.println(stats(measured, e -> e.sent() - e.pushed()).line("  pushed -> handed to MQTT (no debounce)"));
        System.out.println(stats(measured, e -> e.received() - e.sent()).line("  handed to MQTT -> subscriber (no debounce)"));
    }

    private static Stats stats(List<Edge> edges, ToLongFunction<Edge> f) {
        return new Stats(edges.stream().mapToLong(f).toArray());
    }
}
