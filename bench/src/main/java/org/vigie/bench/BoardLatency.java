package org.vigie.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.vigie.agent.board.Board;
import org.vigie.agent.config.AgentConfigLoader;
import org.vigie.agent.config.BoardConfigLoader;
import org.vigie.agent.run.Agent;
import org.vigie.sensors.Reading;
import org.vigie.sensors.Sensor;
import org.vigie.sensors.SensorContext;
import org.vigie.sensors.SensorSpec;
import org.vigie.sensors.SensorTypes;

/**
 * Alarm at an agent → the board shows it → the public files are rewritten. A probe agent (the
 * real agent) raises and clears a critical alarm; {@code --agents} more real agents publish
 * telemetry beside it; the real board follows them all through the broker. For each transition:
 * t0 the reading is handed to the agent, t1 the board has applied the alarm, t2 the public files
 * are rewritten (its component changes state). With {@code --kill-pid-file F --kill-at N}, the
 * process in F (a RabbitMQ node) is SIGKILLed after event N.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar org.vigie.bench.BoardLatency [--urls U1,U2,U3]
 * [--agents 50] [--events 200] [--gap-ms 300] [--kill-pid-file F --kill-at N]}; without
 * {@code --urls} it starts its own Mosquitto. {@code bench/board-cluster.sh} runs it on a 3-node
 * RabbitMQ cluster.
 */
public final class BoardLatency {
    private List<String> urls;
    private int agents = 50;
    private int events = 200;
    private long gapMs = 300;
    private Path killPidFile;
    private int killAt = -1;

    public static void main(String[] args) throws Exception {
        BoardLatency run = new BoardLatency();
        for (int i = 0; i + 1 < args.length; i += 2) {
            String v = args[i + 1];
            switch (args[i]) {
                case "--urls" -> run.urls = List.of(v.split(","));
                case "--agents" -> run.agents = Integer.parseInt(v);
                case "--events" -> run.events = Integer.parseInt(v);
                case "--gap-ms" -> run.gapMs = Long.parseLong(v);
                case "--kill-pid-file" -> run.killPidFile = Path.of(v);
                case "--kill-at" -> run.killAt = Integer.parseInt(v);
                default -> {
                    System.err.println("usage: BoardLatency [--urls U,…] [--agents N] [--events N] [--gap-ms MS]"
                            + " [--kill-pid-file F --kill-at N]");
                    System.exit(2);
                }
            }
        }
        Path dir = Files.createTempDirectory("vigie-board-latency");
        try {
            run.start(dir);
        } catch (Exception e) {
            System.out.println("FAILED: " + e);
            System.exit(1);
        }
        System.exit(0);
    }

    private void start(Path dir) throws Exception {
        if (urls == null) {
            try (Broker broker = Broker.start(dir.resolve("broker"))) {
                urls = List.of(broker.url());
                run(dir);
            }
        } else {
            run(dir);
        }
    }

    private void run(Path dir) throws Exception {
        String list = String.join(", ", urls);
        Path boardYaml = dir.resolve("board.yaml");
        Files.writeString(boardYaml, String.join("\n", "board: bench", "state_dir: " + dir.resolve("board"),
                "mqtt: {urls: [" + list + "]}", "offline_after: 30s", "public:", "  dir: " + dir.resolve("public"),
                "  components: [{name: Probe room, site: bench, agents: [probe]}]", ""));
        Board board = new Board(BoardConfigLoader.load(boardYaml), Clock.systemUTC());
        BlockingQueue<Long> applied = new LinkedBlockingQueue<>();
        BlockingQueue<Long> written = new LinkedBlockingQueue<>();
        board.onChanged(topic -> {
            if (topic.startsWith("vigie/bench/probe/alarms/")) {
                applied.add(System.nanoTime());
            }
        });
        board.onPublicWritten(() -> written.add(System.nanoTime()));
        board.start();
        List<Agent> load = new ArrayList<>();
        for (int i = 0; i < agents; i++) {
            String u = urls.get(i % urls.size());
            Path y = dir.resolve("load-" + i + ".yaml");
            Files.writeString(y, String.join("\n", "site: bench", "agent: load-" + i, "state_dir: " + dir.resolve("load-" + i),
                    "mqtt: {urls: [" + u + ", " + list + "]}", "telemetry: {interval: 10s}",
                    "sensors: [{id: t, type: sim, interval: 1s, values: [{at: 0s, value: 21}]}]",
                    "rules: [{id: hot, sensor: t, above: {critical: 30}}]", ""));
            Agent a = new Agent(AgentConfigLoader.load(y), Clock.systemUTC());
            a.start();
            load.add(a);
        }
        Path value = dir.resolve("probe.value");
        Files.writeString(value, "20\n");
        Path probeYaml = dir.resolve("probe.yaml");
        Files.writeString(probeYaml, String.join("\n", "site: bench", "agent: probe", "state_dir: " + dir.resolve("probe"),
                "mqtt: {urls: [" + list + "]}", "sensors: [{id: t, type: file, path: " + value + ", interval: 1h}]",
                "rules: [{id: hot, sensor: t, above: {critical: 30}}]", ""));
        Agent probe = new Agent(AgentConfigLoader.load(probeYaml), Clock.systemUTC());
        probe.start();
        Thread.sleep(5000);
        SensorSpec spec = probe.config().sensors().get(0);
        long timeoutMs = killPidFile != null ? 60_000 : 10_000;
        List<long[]> samples = new ArrayList<>();
        try (Sensor sensor = SensorTypes.byName("file").orElseThrow()
                .openUnchecked(spec, new SensorContext(Clock.systemUTC(), probe.config().stateDir()))) {
            for (int i = 0; i < events; i++) {
                if (i == killAt && killPidFile != null) {
                    long pid = Long.parseLong(Files.readString(killPidFile).strip());
                    new ProcessBuilder("kill", "-9", String.valueOf(pid)).inheritIO().start().waitFor();
                    System.out.println("SIGKILLed pid " + pid + " (" + killPidFile + ") before event " + i);
                }
                Files.writeString(value, i % 2 == 0 ? "35\n" : "20\n");
                applied.clear();
                written.clear();
                long t0 = System.nanoTime();
                List<Reading> readings = sensor.read(Clock.systemUTC().instant());
                readings.forEach(probe::accept);
                Long t1 = applied.poll(timeoutMs, TimeUnit.MILLISECONDS);
                Long t2 = t1 == null ? null : written.poll(timeoutMs, TimeUnit.MILLISECONDS);
                if (t1 == null || t2 == null) {
                    throw new IllegalStateException("event " + i + ": board " + t1 + ", public files " + t2);
                }
                samples.add(new long[] {t1 - t0, t2 - t0});
                Thread.sleep(gapMs);
            }
        }
        long[] shown = samples.stream().mapToLong(s -> s[0]).toArray();
        long[] pub = samples.stream().mapToLong(s -> s[1]).toArray();
        System.out.println(agents + " load agents, " + events + " transitions, brokers " + list
                + (killPidFile != null ? ", node killed before event " + killAt : ""));
        System.out.println(new Stats(shown).line("alarm at agent -> board shows it"));
        System.out.println(new Stats(pub).line("alarm at agent -> public files rewritten"));
        probe.close();
        load.forEach(Agent::close);
        board.close();
    }
}
