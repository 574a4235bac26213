package org.vigie.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigie run} as a process, the way systemd runs it. */
class ProcessIT {
    @TempDir
    Path dir;

    static Path jar() {
        Path jar = Path.of(System.getProperty("vigie.jar", "target/vigie.jar"));
        assertTrue(Files.isRegularFile(jar), "build the jar first: " + jar);
        return jar;
    }

    /** Starts {@code vigie ARGS}, output in {@code dir/vigie.log}. */
    static Process vigie(Path dir, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("java", "-Xmx32m", "-XX:+UseSerialGC", "-jar", jar().toString()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("vigie.log").toFile()).start();
    }

    @Test
    void sigtermPublishesOfflineAndExitsZeroWithinFiveSeconds() throws Exception {
        Path value = dir.resolve("temp");
        Files.writeString(value, "21.5\n");
        try (Mosquitto broker = Mosquitto.onFreePort(dir.resolve("broker")).start();
             Subscriber sub = new Subscriber(broker.url(), "vigie/it/proc/status")) {
            Path config = dir.resolve("agent.yaml");
            Files.writeString(config, "site: it\nagent: proc\nstate_dir: " + dir.resolve("state") + "\n"
                    + "mqtt: {urls: [" + broker.url() + "]}\n"
                    + "sensors: [{id: t, type: file, path: " + value + ", interval: 1s}]\n");
            Process p = vigie(dir, "run", "--config", config.toString());
            try {
                sub.await(r -> r.payload().equals("online"), Duration.ofSeconds(40), "online");
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; alive=" + p.isAlive() + (p.isAlive() ? "" : ", exit " + p.exitValue()) + "; log:\n"
                        + Files.readString(dir.resolve("vigie.log")), e);
            }
            sub.clear();
            long t0 = System.nanoTime();
            p.destroy();
            assertTrue(p.waitFor(5, TimeUnit.SECONDS), "still running 5 s after SIGTERM");
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(0, p.exitValue(), "exit code; log:\n" + Files.readString(dir.resolve("vigie.log")));
            Subscriber.Received offline = sub.await(r -> r.payload().equals("offline"), Duration.ofSeconds(5), "offline");
            assertTrue(ms < 5000);
            try (Subscriber late = new Subscriber(broker.url(), "vigie/it/proc/status")) {
                Subscriber.Received retained = late.await(r -> true, Duration.ofSeconds(5), "retained status");
                assertEquals("offline", retained.payload());
                assertTrue(retained.retained());
            }
            assertFalse(Files.readString(dir.resolve("vigie.log")).contains("Exception"), "no stack trace in the log");
            assertEquals("offline", offline.payload());
        }
    }

    @Test
    void aBadConfigurationPrintsLocatedLinesAndExitsTwo() throws Exception {
        Path config = dir.resolve("bad.yaml");
        Files.writeString(config, "site: Room B\nagent: a\nmqtt: {urls: [http://x]}\nsensors: []\nbogus: 1\n");
        Process p = vigie(dir, "check", "--config", config.toString());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        String out = Files.readString(dir.resolve("vigie.log"));
        assertEquals(2, p.exitValue(), out);
        assertTrue(out.contains(config + ":1:7: site: must match [a-z0-9][a-z0-9_-]*, was Room B"), out);
        assertTrue(out.contains(config + ":3:15: mqtt.urls[0]: must be tcp://HOST:PORT or ssl://HOST:PORT, was http://x"), out);
        assertTrue(out.contains(config + ":5:1: bogus: unknown key"), out);
        assertFalse(out.contains("Exception"), out);
    }
}
