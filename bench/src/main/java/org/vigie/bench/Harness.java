package org.vigie.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.vigie.agent.config.AgentConfig;
import org.vigie.agent.config.AgentConfigLoader;
import org.vigie.agent.config.ConfigException;
import org.vigie.agent.run.Agent;

/** What the end-to-end harnesses share: a configuration from lines, waiting, the machine's load, cleanup. */
final class Harness {
    private Harness() {
    }

    /** Writes {@code lines} to {@code dir/agent.yaml} and loads it as the agent would. */
    static AgentConfig config(Path dir, List<String> lines) throws IOException {
        Path file = dir.resolve("agent.yaml");
        Files.writeString(file, String.join("\n", lines) + "\n");
        try {
            return AgentConfigLoader.load(file);
        } catch (ConfigException e) {
            throw new IllegalStateException(String.join("\n", e.lines()), e);
        }
    }

    /** Waits until the agent's MQTT link is connected, then half a second for its start-up messages. */
    static void awaitConnected(Agent agent) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!agent.link().connected()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the agent did not connect to the broker within 10 s");
            }
            Thread.sleep(10);
        }
        Thread.sleep(500);
    }

    /** The next arrival matching {@code wanted} within {@code timeoutMs}, skipping others; null if none. */
    static AlarmSubscriber.Arrival next(BlockingQueue<AlarmSubscriber.Arrival> arrivals,
                                        Predicate<AlarmSubscriber.Arrival> wanted, long timeoutMs)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            AlarmSubscriber.Arrival a = arrivals.poll(left, TimeUnit.NANOSECONDS);
            if (a != null && wanted.test(a)) {
                return a;
            }
        }
    }

    /** {@code /proc/loadavg}'s three load averages, for the record. */
    static String load() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return "load average " + f[0] + ", " + f[1] + ", " + f[2];
        } catch (IOException e) {
            return "load average unknown (" + e.getMessage() + ")";
        }
    }

    static String header(String what) {
        return String.format(Locale.ROOT, "%s: %s UTC, %d core(s), %s, java %s", what, java.time.Instant.now(),
                Runtime.getRuntime().availableProcessors(), load(), Runtime.version());
    }

    static void delete(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
