package org.vigie.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.ServerSocket;
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
 * Modbus TCP, end to end, against real pymodbus TCP servers ({@code modbus_tcp_probe.py} next to
 * this class, run by {@code /usr/bin/python3}) and a real Mosquitto.
 *
 * <p>{@code --mode latency}: an in-process {@link Agent} polls one device (input register 0, a
 * temperature ×10, {@code --interval}) with the rule {@code above: {warning: 27, critical: 32},
 * hysteresis: 1.0}. An event: the register goes to 33.5 °C (or back to 24.0 °C) at t0 and ends
 * when the subscriber has the alarm's new state; the next starts a random time in [0, interval)
 * later. Printed: change → alarm, the same minus the interval, and from the device's log of its
 * replies, the poll that served the new value → alarm.
 *
 * <p>{@code --mode load}: {@code vigie run} as a process ({@code -Xmx32m -XX:+UseSerialGC}) polls 8
 * devices ({@code profile: sdm120}, 3 requests a poll) every second, each on its own port and
 * connection; after 30 s of warm-up its CPU time ({@code /proc/PID/stat}) is measured over
 * {@code --seconds}, then {@code VmRSS}, {@code VmHWM} and its thread count.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar org.vigie.bench.ModbusTcpBench --mode latency
 * [--interval 1s] [--events 40]} or {@code … --mode load [--seconds 60] [--jar agent/target/vigie.jar]}
 */
public final class ModbusTcpBench {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final String ALARM_TOPIC = "vigie/bench/room/alarms/probe-hot";

    private String mode = "latency";
    private String interval = "1s";
    private int events = 40;
    private int seconds = 60;
    private Path jar = Path.of("agent/target/vigie.jar");

    public static void main(String[] args) throws Exception {
        ModbusTcpBench run = new ModbusTcpBench();
        for (int i = 0; i < args.length; i += 2) {
            String value = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--mode" -> run.mode = value;
                case "--interval" -> run.interval = value;
                case "--events" -> run.events = Integer.parseInt(value);
                case "--seconds" -> run.seconds = Integer.parseInt(value);
                case "--jar" -> run.jar = Path.of(value);
                default -> {
                    System.err.println("usage: ModbusTcpBench --mode latency|load [--interval 1s] [--events 40]"
                            + " [--seconds 60] [--jar agent/target/vigie.jar]");
                    System.exit(2);
                }
            }
        }
        Path dir = Files.createTempDirectory("vigie-modbus-tcp");
        try {
            if (run.mode.equals("load")) {
                run.load(dir);
            } else {
                run.latency(dir);
            }
        } finally {
            Harness.delete(dir);
        }
    }

    /** The devices: one pymodbus process, one port each. */
    private record Devices(Process process, BufferedReader out, Writer in, int[] ports, Path served)
            implements AutoCloseable {
        static Devices start(Path dir, int n) throws IOException {
            Path script = dir.resolve("modbus_tcp_probe.py");
            try (InputStream in = ModbusTcpBench.class.getResourceAsStream("modbus_tcp_probe.py")) {
                if (in == null) {
                    throw new IOException("modbus_tcp_probe.py is missing from the jar");
                }
                Files.copy(in, script);
            }
            Path served = dir.resolve("served.log");
            Files.writeString(served, "");
            int[] ports = new int[n];
            List<String> cmd = new ArrayList<>(List.of(PYTHON.toString(), script.toString(), served.toString()));
            for (int i = 0; i < n; i++) {
                try (ServerSocket s = new ServerSocket(0)) {
                    ports[i] = s.getLocalPort();
                }
                cmd.add(Integer.toString(ports[i]));
            }
            Process p = new ProcessBuilder(cmd).redirectError(dir.resolve("devices.log").toFile()).start();
            Devices d = new Devices(p, new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)),
                    new java.io.OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8), ports, served);
            d.expect("ready");
            return d;
        }

        void command(String line) throws IOException {
            in.write(line + "\n");
            in.flush();
            expect("ok");
        }

        private void expect(String word) throws IOException {
            String line = out.readLine();
            if (!word.equals(line)) {
                throw new IOException("modbus_tcp_probe.py: expected " + word + ", got " + line);
            }
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }

    private long intervalMs() {
        return interval.endsWith("ms") ? Long.parseLong(interval.substring(0, interval.length() - 2))
                : 1000 * Long.parseLong(interval.substring(0, interval.length() - 1));
    }

    private void latency(Path dir) throws Exception {
        System.out.println(Harness.header("modbus tcp latency (interval " + interval + "), start"));
        try (Devices d = Devices.start(dir, 1); Broker broker = Broker.start(dir.resolve("broker"))) {
            d.command("reg 0 240");
            AgentConfig config = Harness.config(dir, List.of("site: bench", "agent: room",
                    "state_dir: " + dir.resolve("state"), "mqtt: {urls: [" + broker.url() + "]}",
                    "telemetry: {interval: 1h}", "sensors:",
                    "  - {id: probe, type: modbus, tcp: 127.0.0.1:" + d.ports()[0] + ", unit_id: 1, interval: " + interval
                            + ", registers: [{channel: temp, address: 0, function: 4, type: int16, scale: 0.1}]}",
                    "rules:",
                    "  - {id: probe-hot, sensor: probe.temp, above: {warning: 27, critical: 32}, hysteresis: 1.0}"));
            long intervalNs = TimeUnit.MILLISECONDS.toNanos(intervalMs());
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
                    d.command("reg 0 " + value);
                    String state = raise ? "\"state\":\"active\"" : "\"state\":\"cleared\"";
                    AlarmSubscriber.Arrival a = Harness.next(sub.arrivals(), x -> x.payload().contains(state),
                            Math.max(10_000, 5 * intervalMs()));
                    if (a == null) {
                        throw new IllegalStateException("event " + i + ": no " + state);
                    }
                    long poll = firstServed(d.served(), t0, value);
                    total.add(a.nanos() - t0);
                    if (poll > 0) {
                        fromPoll.add(a.nanos() - poll);
                    }
                    Thread.sleep(ThreadLocalRandom.current().nextLong(intervalMs()));
                }
            }
            System.out.printf("modbus tcp register change -> alarm at subscriber: %d events, interval %s%n", events, interval);
            System.out.println(new Stats(total.stream().mapToLong(Long::longValue).toArray()).line("change -> alarm"));
            System.out.println(new Stats(total.stream().mapToLong(x -> x - intervalNs).toArray())
                    .line("  the same minus the interval"));
            System.out.println(new Stats(fromPoll.stream().mapToLong(Long::longValue).toArray())
                    .line("  poll served the new value -> alarm"));
        }
        System.out.println(Harness.header("modbus tcp latency, end"));
    }

    private static long firstServed(Path served, long after, int value) throws IOException {
        for (String line : Files.readAllLines(served)) {
            String[] f = line.trim().split(" ");
            if (f.length >= 2 && Long.parseLong(f[0]) >= after && Integer.parseInt(f[1]) == value) {
                return Long.parseLong(f[0]);
            }
        }
        return 0;
    }

    private void load(Path dir) throws Exception {
        System.out.println(Harness.header("modbus tcp load (8 devices at 1 s), start"));
        try (Devices d = Devices.start(dir, 8); Broker broker = Broker.start(dir.resolve("broker"))) {
            List<String> lines = new ArrayList<>(List.of("site: bench", "agent: load", "state_dir: " + dir.resolve("state"),
                    "mqtt: {urls: [" + broker.url() + "]}", "sensors:"));
            for (int i = 0; i < 8; i++) {
                lines.add("  - {id: meter-" + i + ", type: modbus, tcp: 127.0.0.1:" + d.ports()[i]
                        + ", unit_id: 1, profile: sdm120, interval: 1s}");
            }
            lines.add("rules:");
            lines.add("  - {id: meter-0-high, sensor: meter-0.voltage, above: {warning: 250}}");
            Path config = dir.resolve("agent.yaml");
            Files.write(config, lines);
            Process agent = new ProcessBuilder("java", "-Xmx32m", "-XX:+UseSerialGC", "-Xss256k", "-jar", jar.toString(),
                    "run", "--config", config.toString()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("agent.log").toFile()).start();
            try {
                Thread.sleep(30_000);
                long pid = agent.pid();
                long cpu0 = cpuTicks(pid);
                long wall0 = System.nanoTime();
                Thread.sleep(seconds * 1000L);
                long cpu = cpuTicks(pid) - cpu0;
                double wall = (System.nanoTime() - wall0) / 1e9;
                String status = Files.readString(Path.of("/proc/" + pid + "/status"));
                long requests = Files.readAllLines(d.served()).size();
                System.out.printf("agent CPU: %.2f s in %.0f s = %.2f %% of one core; load %s%n", cpu / 100.0, wall,
                        100 * cpu / 100.0 / wall, Harness.load());
                System.out.printf("device 0 served %d requests since start (3 a poll)%n", requests);
                for (String key : List.of("VmRSS", "VmHWM", "Threads")) {
                    status.lines().filter(l -> l.startsWith(key + ":")).forEach(System.out::println);
                }
                String log = Files.readString(dir.resolve("agent.log"));
                System.out.printf("agent log: %d WARN/ERROR line(s)%n",
                        log.lines().filter(l -> l.contains(" WARN ") || l.contains(" ERROR ")).count());
            } finally {
                agent.destroy();
                agent.waitFor(10, TimeUnit.SECONDS);
            }
        }
        System.out.println(Harness.header("modbus tcp load, end"));
    }

    /** utime + stime of a process, in clock ticks (100 a second on Linux). */
    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }
}
