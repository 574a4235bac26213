package org.vigie.agent.recovery;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.vigie.agent.cli.Main;

/**
 * Ordered recovery end to end: a real Mosquitto, real listeners, the agent's real Wake-on-LAN
 * packets caught by a UDP receiver on 127.0.0.1 that boots a listener when its packet arrives.
 */
class RecoveryIT {
    @TempDir
    Path dir;
    RecoveryRig rig;

    @BeforeEach
    void rig() throws Exception {
        rig = new RecoveryRig(dir);
    }

    @AfterEach
    void close() throws Exception {
        rig.close();
    }

    /** 6 × FF then 16 × the MAC, built here independently of the agent's code. */
    static byte[] expectedPacket(String macHex) {
        byte[] mac = HexFormat.of().parseHex(macHex);
        byte[] p = new byte[102];
        java.util.Arrays.fill(p, 0, 6, (byte) 0xff);
        for (int i = 0; i < 16; i++) {
            System.arraycopy(mac, 0, p, 6 + 6 * i, 6);
        }
        return p;
    }

    @Test
    void afterTheAllClearTheGroupsComeBackInOrderEachWaitingForThePreviousOnline() throws Exception {
        // db1 takes a while to boot: its listener starts 1.5 s after its first packet.
        rig.wol.onPacket(RecoveryRig.MAC_DB, mac -> delayed(1500, () -> rig.powerOn("db1")));
        rig.wol.onPacket(RecoveryRig.MAC_BATCH, mac -> rig.powerOn("batch1"));
        rig.agent(rig.config(false, "1s", "20s"));
        rig.incident();
        assertEquals(List.of(), rig.wol.packets(), "nothing woken while the leak is active");
        Thread.sleep(500);
        assertEquals(List.of(), rig.wol.packets(), "nothing woken while the leak is active");

        rig.leak(false);
        rig.awaitProgress("settling");
        JsonNode done = rig.awaitProgress("complete").json();
        rig.awaitStep("woken", "rack-a-batch");
        rig.awaitStep("complete", null);
        assertEquals("back", done.path("groups").path("rack-a-db").path("state").asText());
        assertEquals("online", done.path("groups").path("rack-a-batch").path("hosts").path("batch1").asText());

        List<WolReceiver.Packet> all = rig.wol.packets();
        List<WolReceiver.Packet> db = rig.wol.packets(RecoveryRig.MAC_DB);
        List<WolReceiver.Packet> batch = rig.wol.packets(RecoveryRig.MAC_BATCH);
        assertEquals(Waker.ROUNDS, db.size(), "several packets, as WoL tools send");
        assertEquals(Waker.ROUNDS, batch.size());
        assertEquals(2 * Waker.ROUNDS, all.size(), "nothing else on the wire");
        for (WolReceiver.Packet p : db) {
            assertArrayEquals(expectedPacket(RecoveryRig.MAC_DB), p.bytes());
        }
        for (WolReceiver.Packet p : batch) {
            assertArrayEquals(expectedPacket(RecoveryRig.MAC_BATCH), p.bytes());
        }
        rig.awaitOnline("db1", db.get(0).nanos());
        assertTrue(batch.get(0).nanos() > rig.poweredOnAt.get("db1"), "rack-a-batch is woken only once db1 is up");
        assertTrue(batch.get(0).nanos() - db.get(0).nanos() > 1_500_000_000L, "db1 took 1.5 s to boot; batch1 waited");
        assertTrue(db.get(Waker.ROUNDS - 1).nanos() < batch.get(0).nanos(), "groups in order");
        assertEquals(List.of("waiting", "settling", "waking rack-a-db", "back rack-a-db", "waking rack-a-batch",
                "back rack-a-batch", "complete"), rig.steps().stream().filter(s -> !s.startsWith("woken")).toList());
        assertTrue(rig.steps().containsAll(List.of("woken rack-a-db", "woken rack-a-batch")), rig.steps().toString());
        assertTrue(rig.all.all().stream().filter(r -> r.topic().equals(RecoveryRig.ROOT + "/recovery/flood-back"))
                .noneMatch(r -> r.json().path("state").asText().equals("idle")), "idle is never published");
    }

    @Test
    void aHostThatNeverComesBackMakesItIncompleteAndTheNextGroupStillComes() throws Exception {
        rig.wol.onPacket(RecoveryRig.MAC_BATCH, mac -> rig.powerOn("batch1"));
        rig.agent(rig.config(false, "500ms", "2s"));
        rig.incident();
        rig.leak(false);
        JsonNode done = rig.awaitProgress("incomplete").json();
        assertEquals("[\"rack-a-db/db1\"]", done.path("missing").toString());
        assertEquals("timeout", done.path("groups").path("rack-a-db").path("state").asText());
        assertEquals("back", done.path("groups").path("rack-a-batch").path("state").asText());
        JsonNode timeout = rig.awaitStep("timeout", "rack-a-db").json();
        assertEquals("[\"db1\"]", timeout.path("missing").toString());
        rig.awaitNotice("RECOVERY flood-back INCOMPLETE: not back: rack-a-db/db1");
    }

    @Test
    void theLeakReturningWhileSettlingStopsItAndNothingIsWoken() throws Exception {
        // It returns as a warning only, so the policy does not run again: the recovery must stay stopped by itself.
        rig.agent(rig.config(false, "2s", "20s"));
        rig.incident();
        rig.leak(false);
        rig.awaitProgress("settling");
        rig.leak("0.4");
        JsonNode stopped = rig.awaitStep("stopped", null).json();
        assertEquals("[\"basement-leak\"]", stopped.path("alarms").toString());
        rig.leak(false);
        Thread.sleep(2500);
        assertEquals(List.of(), rig.wol.packets(), "a stopped recovery wakes nothing");
        rig.awaitProgress("stopped");
    }

    @Test
    void theLeakReturningWhileWakingStopsItBeforeTheNextGroup() throws Exception {
        rig.agent(rig.config(false, "500ms", "20s"));
        rig.incident();
        rig.leak(false);
        rig.wol.await(RecoveryRig.MAC_DB, 1, RecoveryRig.WAIT.toMillis());
        rig.leak(true);
        rig.awaitStep("stopped", null);
        rig.powerOn("db1");
        Thread.sleep(1000);
        assertEquals(List.of(), rig.wol.packets(RecoveryRig.MAC_BATCH), "rack-a-batch is not woken while the leak is back");
    }

    @Test
    void withConfirmItWaitsForAPersonAndIgnoresWhatIsNotAConfirmation() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(Recoveries.class);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        logger.addAppender(logs);
        try {
            rig.wol.onPacket(RecoveryRig.MAC_DB, mac -> rig.powerOn("db1"));
            rig.wol.onPacket(RecoveryRig.MAC_BATCH, mac -> rig.powerOn("batch1"));
            Path config = rig.config(true, "500ms", "20s");
            publish("{\"policy\":\"flood-back\",\"by\":\"yesterday\"}", true);
            rig.agent(config);
            rig.incident();
            publish("{\"policy\":\"flood-back\",\"by\":\"eve\"}");
            rig.leak(false);
            rig.awaitProgress("confirm");
            rig.awaitStep("confirm", null);
            rig.awaitNotice("RECOVERY flood-back WAITS FOR CONFIRMATION");
            String[] junk = {"not json", "[1,2]", "{\"policy\":\"flood-back\"}", "{\"policy\":\"no-such\",\"by\":\"mallory\"}", ""};
            for (String j : junk) {
                publish(j);
            }
            Thread.sleep(800);
            assertEquals(List.of(), rig.wol.packets(), "nothing woken before a person confirms");
            List<String> lines = logs.list.stream().map(ILoggingEvent::getFormattedMessage)
                    .filter(l -> l.startsWith("ignored on") || l.startsWith("confirmation by")).toList();
            assertEquals(2 + junk.length, lines.size(), "one line each: " + lines);
            assertTrue(lines.get(0).contains("a retained message"), lines.get(0));
            assertTrue(lines.get(1).contains("eve") && lines.get(1).contains("waiting"), lines.get(1));
            assertTrue(lines.get(5).contains("unknown recovery policy no-such"), lines.get(5));

            int code = Main.execute("recover", "--config", config.toString(), "--policy", "flood-back", "--by", "alice");
            assertEquals(Main.OK, code);
            JsonNode done = rig.awaitProgress("complete").json();
            rig.awaitStep("woken", "rack-a-batch");
            assertEquals("alice", done.path("confirmed_by").asText());
            rig.awaitNotice("RECOVERY flood-back COMPLETE");
            assertEquals(2 * Waker.ROUNDS, rig.wol.packets().size());
            assertEquals(Main.USAGE, Main.execute("recover", "--config", config.toString(), "--policy", "no-such"));
        } finally {
            logger.detachAppender(logs);
        }
    }

    private void publish(String payload) throws Exception {
        publish(payload, false);
    }

    private void publish(String payload, boolean retained) throws Exception {
        MqttClient c = new MqttClient(rig.broker.url(), "test-op-" + System.nanoTime(), new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        c.connect(o);
        c.publish(RecoveryRig.ROOT + "/cmd/recover", payload.getBytes(StandardCharsets.UTF_8), 1, retained);
        c.disconnect(1000);
        c.close(true);
    }

    static void delayed(long ms, Runnable r) {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(ms);
                r.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        t.setDaemon(true);
        t.start();
    }
}
