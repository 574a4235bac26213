package org.vigie.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.agent.config.AgentConfigLoader;
import org.vigie.agent.run.Agent;

/** state_dir on a small tmpfs that fills up: the agent keeps alarming and says so with its own alarm. */
class DiskFullIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String ROOT = "vigie/it/disk";

    @TempDir
    Path dir;
    private Path mount;

    private static int run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return p.waitFor(10, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }

    @AfterEach
    void unmount() throws Exception {
        if (mount != null) {
            run("umount", mount.toString());
        }
    }

    @Test
    void aFullStateDirIsAnAlarmAndTheOtherAlarmsStillGoOut() throws Exception {
        Path m = Files.createDirectories(dir.resolve("small"));
        Assumptions.assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=128k", "tmpfs", m.toString()) == 0,
                "cannot mount a tmpfs here (needs root)");
        mount = m;
        Path value = dir.resolve("temp");
        Files.writeString(value, "20\n");
        try (Mosquitto broker = Mosquitto.onFreePort(dir.resolve("broker")).start();
             Subscriber sub = new Subscriber(broker.url(), "vigie/#")) {
            Path config = dir.resolve("agent.yaml");
            Files.writeString(config, "site: it\nagent: disk\nstate_dir: " + m.resolve("state") + "\n"
                    + "mqtt: {urls: [" + broker.url() + "]}\n"
                    + "sensors: [{id: t, type: file, path: " + value + ", interval: 100ms}]\n"
                    + "rules: [{id: hot, sensor: t, above: {warning: 30}}]\n");
            try (Agent agent = new Agent(AgentConfigLoader.load(config), Clock.systemUTC())) {
                agent.start();
                sub.await(r -> r.topic().equals(ROOT + "/status") && r.payload().equals("online"), WAIT, "online");
                Path filler = m.resolve("filler");
                try (OutputStream out = Files.newOutputStream(filler)) {
                    byte[] block = new byte[4096];
                    while (true) {
                        out.write(block);
                        out.flush();
                    }
                } catch (IOException full) {
                    // the tmpfs is full: what the test wants
                }
                Files.writeString(value, "35\n");
                JsonNode hot = sub.await(ROOT + "/alarms/hot", "state", "active", WAIT).json();
                assertEquals("warning", hot.get("severity").asText());
                JsonNode disk = sub.await(ROOT + "/alarms/state_dir.fault", "state", "active", WAIT).json();
                assertEquals("warning", disk.get("severity").asText());
                Files.delete(filler);
                Files.writeString(value, "20\n");
                sub.await(ROOT + "/alarms/hot", "state", "cleared", WAIT);
                sub.await(ROOT + "/alarms/state_dir.fault", "state", "cleared", WAIT);
            }
        }
    }
}
