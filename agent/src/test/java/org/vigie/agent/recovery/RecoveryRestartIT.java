package org.vigie.agent.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code vigie run} process killed (SIGKILL) while it wakes the second group: the restarted
 * process resumes from state_dir, wakes neither the group already back nor the one already woken
 * again, and completes once that group's listener comes online.
 */
class RecoveryRestartIT {
    @TempDir
    Path dir;

    private Process vigie(String log, String... args) throws Exception {
        Path jar = Path.of(System.getProperty("vigie.jar", "target/vigie.jar"));
        assertTrue(Files.isRegularFile(jar), "build the jar first: " + jar);
        List<String> cmd = new ArrayList<>(List.of("java", "-Xmx64m", "-XX:+UseSerialGC", "-jar", jar.toString()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve(log).toFile()).start();
    }

    @Test
    void killedWhileWakingTheRestartedAgentResumesWithoutWakingAgain() throws Exception {
        try (RecoveryRig rig = new RecoveryRig(dir)) {
            rig.wol.onPacket(RecoveryRig.MAC_DB, mac -> rig.powerOn("db1"));
            Path config = rig.config(false, "500ms", "60s");
            Process first = vigie("first.log", "run", "--config", config.toString());
            Process second = null;
            try {
                rig.all.await(r -> r.topic().equals(RecoveryRig.ROOT + "/status") && r.payload().equals("online"),
                        RecoveryRig.WAIT, "agent online");
                rig.incident();
                rig.leak(false);
                rig.awaitStep("back", "rack-a-db");
                rig.awaitStep("woken", "rack-a-batch");
                first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                long killed = System.nanoTime();
                assertEquals(Waker.ROUNDS, rig.wol.packets(RecoveryRig.MAC_DB).size());
                assertEquals(Waker.ROUNDS, rig.wol.packets(RecoveryRig.MAC_BATCH).size());

                second = vigie("second.log", "run", "--config", config.toString());
                rig.all.await(r -> r.topic().equals(RecoveryRig.ROOT + "/status") && r.payload().equals("online")
                        && r.nanos() > killed, RecoveryRig.WAIT, "agent online again");
                Thread.sleep(2000);
                assertEquals(Waker.ROUNDS, rig.wol.packets(RecoveryRig.MAC_DB).size(), "rack-a-db was back: not woken again");
                assertEquals(Waker.ROUNDS, rig.wol.packets(RecoveryRig.MAC_BATCH).size(), "rack-a-batch was woken: not again");

                rig.powerOn("batch1");
                rig.all.await(r -> r.topic().equals(RecoveryRig.ROOT + "/recovery/flood-back") && r.nanos() > killed
                        && r.json().path("state").asText().equals("complete"), RecoveryRig.WAIT, "complete after the restart");
                rig.awaitStep("complete", null);
                assertEquals(List.of("waiting", "settling", "waking rack-a-db", "back rack-a-db", "waking rack-a-batch",
                        "back rack-a-batch", "complete"), rig.steps().stream().filter(s -> !s.startsWith("woken")).toList());
                assertEquals(2 * Waker.ROUNDS, rig.wol.packets().size());
            } finally {
                first.destroyForcibly();
                if (second != null) {
                    second.destroy();
                    second.waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
    }
}
