package org.vigie.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.vigie.agent.config.AgentConfig;
import org.vigie.agent.run.Agent;

/**
 * Issue 6: from a register change on a real Modbus RTU device to the alarm at a subscriber, with an
 * in-process {@link Agent} polling it through a {@code socat} pty pair and a real Mosquitto.
 *
 * <p>The device is Debian's pymodbus ({@code /usr/bin/python3}, the script {@code modbus_probe.py}
 * next to this class): unit 1, input register 0 a temperature ×10; by default it holds each reply
 * as long as request and reply would take at 9600 baud 8N1. The agent has a {@code modbus} sensor
 * {@code probe} (9600 baud, that register as {@code temp}, {@code int16}, scale 0.1) at
 * {@code --interval}, and the rule {@code above: {warning: 27, critical: 32}, hysteresis: 1.0}.
 *
 * <p>An event: t0, the register goes to 33.5 °C (or back to 24.0 °C: events alternately raise and
 * clear), and ends when the subscriber has the alarm's new state. The next event starts a random
 * time in [0, interval) later, so changes fall at every phase of the poll cycle. Printed: change
 * → alarm; the same minus the interval (beyond it: the poll's own worst-case wait taken off); and,
 * from the device's log of the replies it sent, the first poll that served the new value → alarm,
 * which is the agent's own reaction.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar org.vigie.bench.ModbusLatency [--interval 1s]
 * [--events 40] [--wire-baud 9600]}
 */
public final class ModbusLatency {
    private static final String ROOT = "vigie/bench/room";
    private static final String ALARM_TOPIC = ROOT + "/alarms/probe-hot";
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path SOCAT = Path.of("/usr/bin/socat");

    private String interval = "1s";
    private int events = 40;
    private int wireBaud = 9600;

    public static void main(String[] args) throws Exception {
        ModbusLatency run = new ModbusLatency();
        for (int i = 0; i < args.length; i += 2) {
            String value = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--interval" -> run.interval = value;
                case "--events" -> run.events = Integer.parseInt(value);
                case "--wire-baud" -> run.wireBaud = Integer.parseInt(value);
                default -> {
                    System.err.println("usage: ModbusLatency [--interval 1s] [--events 40] [--wire-baud 9600]");
                    System.exit(2);
                }
            }
        }
        if (!Files.isExecutable(PYTHON) || !Files.isExecutable(SOCAT)) {
            System.err.println("needs /usr/bin/python3 with python3-pymodbus, and socat (apt-get install socat python3-pymodbus)");
            System.exit(2);
        }
        Path dir = Files.createTempDirectory("vigie-modbus");
        try {
            run.run(dir);
        } finally {
            Harness.delete(dir);
        }
    }

    private long intervalMs() {
        if (interval.endsWith("ms")) {
            return Long.parseLong(interval.substring(0, interval.length() - 2));
        }
        if (interval.endsWith("s")) {
            return 1000 * Long.parseLong(interval.substring(0, interval.length() - 1));
        }
        throw new IllegalArgumentException("--interval: like 1s or 500ms, was " + interval);
    }

    private void run(Path dir) throws Exception {
        System.out.println(Harness.header("modbus latency (interval " + interval + ", wire " + wireBaud + " baud), start"));
        Path dev = dir.resolve("dev");
        Path peer = dir.resolve("peer");
        Path served = dir.resolve("served.log");
        Process socat = new ProcessBuilder(SOCAT.toString(), "pty,raw,echo=0,link=" + dev, "pty,raw,echo=0,link=" + peer)
                .redirectErrorStream(true).redirectOutput(dir.resolve("socat.log").toFile()).start();
        Process device = null;
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!(Files.exists(dev) && Files.exists(peer))) {
                if (System.nanoTime() > deadline || !socat.isAlive()) {
                    throw new IOException("socat did not make its ptys: " + Files.readString(dir.resolve("socat.log")));
                }
                Thread.sleep(10);
            }
            Path script = dir.resolve("modbus_probe.py");
            try (InputStream in = ModbusLatency.class.getResourceAsStream("modbus_probe.py")) {
                if (in == null) {
                    throw new IOException("modbus_probe.py is missing from the jar");
                }
                Files.copy(in, script);
            }
            Files.writeString(served, "");
            device = new ProcessBuilder(PYTHON.toString(), script.toString(), peer.toString(), served.toString(),
                    Integer.toString(wireBaud)).redirectError(dir.resolve("device.log").toFile()).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(device.getInputStream(), StandardCharsets.UTF_8));
            Writer cmd = new java.io.OutputStreamWriter(device.getOutputStream(), StandardCharsets.UTF_8);
            expect(out, "ready", dir);
            command(cmd, out, "reg 0 240", dir);
            measure(dir, dev, served, cmd, out);
            cmd.close();
        } finally {
            if (device != null) {
                device.destroy();
                device.waitFor(5, TimeUnit.SECONDS);
            }
            socat.destroy();
            socat.waitFor(5, TimeUnit.SECONDS);
        }
        System.out.println(Harness.header("modbus latency, end"));
    }

    private void measure(Path dir, Path dev, Path served, Writer cmd, BufferedReader out) throws Exception {
        try (Broker broker = Broker.start(dir.resolve("broker"))) {
            AgentConfig config = Harness.config(dir, List.of(
                    "site: bench",
                    "agent: room",
                    "state_dir: " + dir.resolve("state"),
                    "mqtt: {urls: [" + broker.url() + "]}",
                    "telemetry: {interval: 1h}",
                    "sensors:",
                    "  - id: probe",
                    "    type: modbus",
                    "    port: " + dev,
                    "    baud: 9600",
                    "    unit_id: 1",
                    "    interval: " + interval,
                    "    registers:",
                    "      - {channel: temp, address: 0, function: 4, type: int16, scale: 0.1, unit: \"°C\"}",
                    "rules:",
                    "  - {id: probe-hot, sensor: probe.temp, above: {warning: 27, critical: 32}, hysteresis: 1.0}"));
            long intervalNs = TimeUnit.MILLISECONDS.toNanos(intervalMs());
            long timeoutMs = Math.max(10_000, 5 * intervalMs());
            List<Long> total = new ArrayList<>();
            List<Long> fromPoll = new ArrayList<>();
            try (Agent agent = new Agent(config, Clock.systemUTC());
                 AlarmSubscriber sub = new AlarmSubscriber(broker.url(), ALARM_TOPIC)) {
                agent.start();
                Harness.awaitConnected(agent);
                Thread.sleep(intervalMs() + 500);
                sub.arrivals().clear();
                for (int i = 0; i < events; i++) {
                    boolean raise = i % 2 == 0;
                    int value = raise ? 335 : 240;
                    long t0 = System.nanoTime();
                    command(cmd, out, "reg 0 " + value, dir);
                    String state = raise ? "\"state\":\"active\"" : "\"state\":\"cleared\"";
                    AlarmSubscriber.Arrival a = Harness.next(sub.arrivals(), x -> x.payload().contains(state), timeoutMs);
                    if (a == null) {
                        throw new IllegalStateException("event " + i + ": no " + state + " within " + timeoutMs
                                + " ms; device log " + Files.readString(dir.resolve("device.log")));
                    }
                    long poll = firstServed(served, t0, value);
                    total.add(a.nanos() - t0);
                    if (poll > 0) {
                        fromPoll.add(a.nanos() - poll);
                    }
                    System.out.printf("event %d (%s): change -> alarm %s ms, poll that saw it -> alarm %s ms%n", i,
                            raise ? "raise" : "clear", Stats.ms(a.nanos() - t0), poll > 0 ? Stats.ms(a.nanos() - poll) : "?");
                    Thread.sleep(ThreadLocalRandom.current().nextLong(intervalMs()));
                }
            }
            long[] t = total.stream().mapToLong(Long::longValue).toArray();
            long[] beyond = total.stream().mapToLong(x -> x - intervalNs).toArray();
            System.out.printf("modbus register change -> alarm at subscriber: %d events, interval %s, wire %d baud%n",
                    events, interval, wireBaud);
            System.out.println(new Stats(t).line("change -> alarm at subscriber"));
            System.out.println(new Stats(beyond).line("  the same minus the interval"));
            if (!fromPoll.isEmpty()) {
                System.out.println(new Stats(fromPoll.stream().mapToLong(Long::longValue).toArray())
                        .line("  poll served the new value -> alarm"));
            }
        }
    }

    /** The first reply (its monotonic nanos) after {@code after} that served {@code value}; 0 if none. */
    private static long firstServed(Path served, long after, int value) throws IOException {
        for (String line : Files.readAllLines(served)) {
            String[] f = line.trim().split(" ");
            if (f.length >= 2 && Long.parseLong(f[0]) >= after && Integer.parseInt(f[1]) == value) {
                return Long.parseLong(f[0]);
            }
        }
        return 0;
    }

    private static void command(Writer cmd, BufferedReader out, String line, Path dir) throws IOException {
        cmd.write(line + "\n");
        cmd.flush();
        expect(out, "ok", dir);
    }

    private static void expect(BufferedReader out, String word, Path dir) throws IOException {
        String line = out.readLine();
        if (!word.equals(line)) {
            throw new IOException("modbus_probe.py: expected " + word + ", got " + line + "; its log: "
                    + Files.readString(dir.resolve("device.log")));
        }
    }
}
