package org.vigie.agent.listen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.agent.it.Subscriber;

/** {@code vigie listen} as a process, the way systemd runs it: SIGKILL during a countdown, SIGTERM, check. */
class ListenProcessIT {
    @TempDir
    Path dir;
    Rig rig;

    @BeforeEach
    void rig() throws Exception {
        rig = new Rig(dir);
    }

    @AfterEach
    void close() throws Exception {
        rig.close();
    }

    private Process vigie(String log, String... args) throws Exception {
        Path jar = Path.of(System.getProperty("vigie.jar", "target/vigie.jar"));
        assertTrue(Files.isRegularFile(jar), "build the jar first: " + jar);
        List<String> cmd = new ArrayList<>(List.of("java", "-Xmx32m", "-XX:+UseSerialGC", "-jar", jar.toString()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve(log).toFile()).start();
    }

    private Process listen(String log) throws Exception {
        Path config = rig.config(false, "rack-a");
        try (Subscriber status = new Subscriber(rig.broker.url(), "vigie/" + Rig.SITE + "/listeners/" + Rig.HOST + "/status")) {
            Process p = vigie(log, "listen", "--config", config.toString());
            status.await(r -> r.payload().equals("online"), Duration.ofSeconds(30), "listener online");
            return p;
        }
    }

    @Test
    void killedDuringACountdownTheRestartedProcessResumesItAndRunsTheCommandOnce() throws Exception {
        Process first = listen("first.log");
        rig.send("rack-a", rig.shutdown("rack-a", 1, 4));
        rig.ack("rack-a", 1L, "countdown");
        first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        rig.assertNeverRan();
        Process second = listen("second.log");
        try {
            rig.ack("rack-a", 1L, "executing");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (rig.runs() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(1, rig.runs(), Files.readString(dir.resolve("second.log")));

            try (Subscriber status = new Subscriber(rig.broker.url(), "vigie/" + Rig.SITE + "/listeners/+/status")) {
                second.destroy();
                assertTrue(second.waitFor(5, TimeUnit.SECONDS), "still running 5 s after SIGTERM");
                assertEquals(0, second.exitValue());
                status.await(r -> r.payload().equals("offline"), Rig.WAIT, "offline");
            }
            String log = Files.readString(dir.resolve("first.log")) + Files.readString(dir.resolve("second.log"));
            assertFalse(log.contains("Exception"), "no stack trace in the log:\n" + log);
            assertTrue(log.contains("countdown resumed after a restart"), log);
        } finally {
            second.destroyForcibly();
        }
    }

    @Test
    void checkPrintsAListenerSummary() throws Exception {
        Process p = vigie("check.log", "check", "--config", rig.config(true, "rack-a", "all").toString());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        String out = Files.readString(dir.resolve("check.log"));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("valid listener configuration: site it, host db1"), out);
        assertTrue(out.contains("all: commands on vigie/it/shutdown/all, acks on vigie/it/shutdown/all/ack/db1"), out);
        assertTrue(out.contains("dry_run: true"), out);
    }
}
