package org.vigie.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.vigie.agent.config.AgentConfig;
import org.vigie.agent.run.Agent;

/**
 * Issue 6: a 9600-baud RS-485 bus of {@code --units} Modbus devices × {@code --registers} input
 * registers, polled every second by an in-process {@link Agent}: the bus cycle (from the device's
 * own log of the requests it handled) and this JVM's CPU share, over {@code --seconds}.
 *
 * <p>One pymodbus device ({@code modbus_probe.py}, {@code /usr/bin/python3}) on a {@code socat}
 * pty pair serves units 1..N and holds each reply for the time request and reply would take at
 * 9600 8N1. The agent has one {@code modbus} sensor per unit on the same port (the link layer
 * serializes them), each reading registers 0..R-1 ({@code int16}, one block), {@code interval: 1s}.
 * A cycle runs from the device handling unit 1's request to the end of unit N's reply (its wire
 * time included). Also counted: {@code .fault} alarms raised (channels gone stale or faulty).
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar org.vigie.bench.ModbusBus [--units 8]
 * [--registers 10] [--seconds 60]}
 */
public final class ModbusBus {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path SOCAT = Path.of("/usr/bin/socat");
    private static final long WARMUP_MS = 20_000;

    private int units = 8;
    private int registers = 10;
    private int seconds = 60;

    public static void main(String[] args) throws Exception {
        ModbusBus run = new ModbusBus();
        for (int i = 0; i < args.length; i += 2) {
            String value = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--units" -> run.units = Integer.parseInt(value);
                case "--registers" -> run.registers = Integer.parseInt(value);
                case "--seconds" -> run.seconds = Integer.parseInt(value);
                default -> {
                    System.err.println("usage: ModbusBus [--units 8] [--registers 10] [--seconds 60]");
                    System.exit(2);
                }
            }
        }
        if (run.units < 1 || run.units > 16 || run.registers < 1 || run.registers > 16) {
            System.err.println("--units and --registers: 1 to 16");
            System.exit(2);
        }
        Path dir = Files.createTempDirectory("vigie-modbus-bus");
        try {
            run.run(dir);
        } finally {
            Harness.delete(dir);
        }
    }

    private void run(Path dir) throws Exception {
        System.out.println(Harness.header("modbus bus (" + units + " units x " + registers + " registers, 9600 baud), start"));
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
            try (InputStream in = ModbusBus.class.getResourceAsStream("modbus_probe.py")) {
                if (in == null) {
                    throw new IOException("modbus_probe.py is missing from the jar");
                }
                Files.copy(in, script);
            }
            Files.writeString(served, "");
            device = new ProcessBuilder(PYTHON.toString(), script.toString(), peer.toString(), served.toString(),
                    "9600", Integer.toString(units)).redirectError(dir.resolve("device.log").toFile()).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(device.getInputStream(), StandardCharsets.UTF_8));
            String ready = out.readLine();
            if (!"ready".equals(ready)) {
                throw new IOException("modbus_probe.py: " + ready + "; " + Files.readString(dir.resolve("device.log")));
            }
            measure(dir, dev, served);
            device.getOutputStream().close();
        } finally {
            if (device != null) {
                device.destroy();
                device.waitFor(5, TimeUnit.SECONDS);
            }
            socat.destroy();
            socat.waitFor(5, TimeUnit.SECONDS);
        }
        System.out.println(Harness.header("modbus bus, end"));
    }

    private void measure(Path dir, Path dev, Path served) throws Exception {
        try (Broker broker = Broker.start(dir.resolve("broker"))) {
            List<String> lines = new ArrayList<>(List.of(
                    "site: bench",
                    "agent: room",
                    "state_dir: " + dir.resolve("state"),
                    "mqtt: {urls: [" + broker.url() + "]}",
                    "sensors:"));
            for (int u = 1; u <= units; u++) {
                lines.add("  - id: dev-" + u);
                lines.add("    type: modbus");
                lines.add("    port: " + dev);
                lines.add("    baud: 9600");
                lines.add("    unit_id: " + u);
                lines.add("    interval: 1s");
                lines.add("    registers:");
                for (int r = 0; r < registers; r++) {
                    lines.add("      - {channel: r" + r + ", address: " + r + ", function: 4, type: int16}");
                }
            }
            lines.add("rules:");
            lines.add("  - {id: dev-1-r0-high, sensor: dev-1.r0, above: {warning: 1000, critical: 2000}}");
            AgentConfig config = Harness.config(dir, lines);
            AtomicInteger faults = new AtomicInteger();
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            try (Agent agent = new Agent(config, Clock.systemUTC())) {
                agent.onTransition(t -> {
                    if (t.alarm().id().endsWith(".fault") && t.kind().wire().equals("raised")) {
                        faults.incrementAndGet();
                    }
                });
                agent.start();
                Thread.sleep(WARMUP_MS);
                int faultsBefore = faults.get();
                long start = System.nanoTime();
                long cpu0 = os.getProcessCpuTime();
                Thread.sleep(seconds * 1000L);
                long cpu = os.getProcessCpuTime() - cpu0;
                long end = System.nanoTime();
                report(served, start, end, cpu, faults.get() - faultsBefore);
            }
        }
    }

    private void report(Path served, long start, long end, long cpuNanos, int faults) throws IOException {
        List<long[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(served)) {
            String[] f = line.trim().split(" ");
            if (f.length == 4) {
                long t = Long.parseLong(f[0]);
                if (t >= start && t <= end) {
                    rows.add(new long[] {t, Long.parseLong(f[2]), Long.parseLong(f[3])});
                }
            }
        }
        List<Long> cycles = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i)[1] != 1) {
                continue;
            }
            for (int j = i + 1; j < rows.size() && rows.get(j)[1] != 1; j++) {
                if (rows.get(j)[1] == units) {
                    cycles.add(rows.get(j)[0] + rows.get(j)[2] - rows.get(i)[0]);
                    break;
                }
            }
        }
        double wall = (end - start) / 1e9;
        System.out.printf("modbus bus: %d units x %d registers at 9600 baud, interval 1 s, %.0f s measured after %d s%n",
                units, registers, wall, WARMUP_MS / 1000);
        System.out.printf("  requests handled: %d (%d expected), full cycles: %d%n", rows.size(),
                (long) (units * wall), cycles.size());
        if (!cycles.isEmpty()) {
            System.out.println(new Stats(cycles.stream().mapToLong(Long::longValue).toArray())
                    .line("  cycle (unit 1 request -> unit " + units + " reply end)"));
        }
        System.out.printf("  this JVM's CPU: %.2f s in %.0f s = %.1f %% of one core%n", cpuNanos / 1e9, wall,
                100 * cpuNanos / 1e9 / wall);
        System.out.printf("  .fault alarms raised in the window: %d%n", faults);
    }
}
