package org.vigie.agent.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.agent.config.AgentConfigLoader;
import org.vigie.agent.run.Agent;

/**
 * Paho keeps threads and sockets unless closed after each lost connection: the agent's threads
 * and open files do not grow over repeated broker restarts. (The 500-restart figure is measured
 * by bench/reconnects.sh; this test keeps the count small for CI.)
 */
class ReconnectIT {
    private static final int RESTARTS = 25;

    @TempDir
    Path dir;

    private static long openFiles() throws Exception {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    private static int threads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    private static void awaitConnected(Agent agent, boolean connected) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (agent.link().connected() != connected && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(agent.link().connected() == connected, "connected=" + connected + " within 30 s");
    }

    @Test
    void threadsAndOpenFilesDoNotGrowOverBrokerRestarts() throws Exception {
        Path value = dir.resolve("temp");
        Files.writeString(value, "20\n");
        try (Mosquitto broker = Mosquitto.onFreePort(dir.resolve("broker")).start()) {
            Path config = dir.resolve("agent.yaml");
            Files.writeString(config, "site: it\nagent: reconnect\nstate_dir: " + dir.resolve("state") + "\n"
                    + "mqtt: {urls: [" + broker.url() + "]}\n"
                    + "sensors: [{id: t, type: file, path: " + value + ", interval: 200ms}]\n");
            try (Agent agent = new Agent(AgentConfigLoader.load(config), Clock.systemUTC())) {
                agent.start();
                awaitConnected(agent, true);
                broker.kill();
                awaitConnected(agent, false);
                broker.start();
                awaitConnected(agent, true);
                Thread.sleep(500);
                int threadsBefore = threads();
                long filesBefore = openFiles();
                for (int i = 0; i < RESTARTS; i++) {
                    broker.kill();
                    awaitConnected(agent, false);
                    broker.start();
                    awaitConnected(agent, true);
                }
                Thread.sleep(500);
                int threadsAfter = threads();
                long filesAfter = openFiles();
                assertTrue(threadsAfter <= threadsBefore + 2,
                        "threads " + threadsBefore + " -> " + threadsAfter + " over " + RESTARTS + " restarts");
                assertTrue(filesAfter <= filesBefore + 2,
                        "open files " + filesBefore + " -> " + filesAfter + " over " + RESTARTS + " restarts");
            }
        }
    }
}
