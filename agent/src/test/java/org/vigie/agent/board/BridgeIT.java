package org.vigie.agent.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.agent.it.Mosquitto;

/**
 * A site Mosquitto bridged to a central one (QoS 1, persistence, docs/fleet.md's example), the
 * agent on the site broker, the board on the central one. The bridge's uplink (a TCP relay) is cut
 * while alarms rise and clear, then restored: the board ends with every event, no gap, no
 * duplicate. CI cuts it for 5 s; {@code -Dvigie.bridge.outage=30} for 30 s.
 */
class BridgeIT {
    static final int OUTAGE_S = Integer.getInteger("vigie.bridge.outage", 5);

    @TempDir
    Path dir;

    @Test
    void nothingIsLostWhileTheSiteLosesItsUplink() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/socat")), "socat is not installed; .ci/run installs it");
        int relayPort = Mosquitto.freePort();
        try (Mosquitto central = Mosquitto.onFreePort(dir.resolve("central")).start();
             Mosquitto site = Mosquitto.onFreePort(dir.resolve("site")).with(
                     "connection uplink",
                     "address 127.0.0.1:" + relayPort,
                     "topic vigie/# out 1",
                     "cleansession false",
                     "clientid bridge-site-paris",
                     "keepalive_interval 5",
                     "restart_timeout 1 2",
                     "bridge_protocol_version mqttv311",
                     "max_queued_messages 100000");
             FleetRig rig = new FleetRig(dir)) {
            Process relay = relay(relayPort, central.port());
            try {
                site.start();
                bridgeUp(site, central);
                rig.board(rig.boardConfig(List.of(central.url()), "60s",
                        "    - {name: \"Paris, room B1\", site: paris, agents: [room-b1]}"));
                int steps = 2 * (OUTAGE_S + 10);
                StringBuilder script = new StringBuilder("{at: 0s, value: 20}");
                for (int t = 2; t < steps; t += 2) {
                    script.append(", {at: ").append(t).append("s, value: ").append(t % 4 == 2 ? 35 : 20).append('}');
                }
                rig.agent(rig.agentConfig("paris", "room-b1", List.of(site.url()), script.toString(), ""));
                Thread.sleep(5_000);
                cut(relay);
                java.time.Instant cutAt = java.time.Instant.now();
                Thread.sleep(OUTAGE_S * 1000L);
                // The cut is real: nothing from the site reached the board since (the agent sends every second).
                java.time.Instant lastSeen = java.time.Instant.parse(
                        FleetRig.agentOf(rig.fleet(), "paris", "room-b1").path("last_seen").asText());
                assertTrue(lastSeen.isBefore(cutAt.plusSeconds(1)), "last heard " + lastSeen + ", cut at " + cutAt);
                relay = relay(relayPort, central.port());
                List<String> problems = new ArrayList<>();
                long deadline = System.nanoTime() + Duration.ofSeconds(steps + 40L).toNanos();
                do {
                    Thread.sleep(1000);
                    problems = check(rig, steps / 2 - 1);
                } while (!problems.isEmpty() && System.nanoTime() < deadline);
                assertEquals(List.of(), problems, "the board behind the bridge");
            } finally {
                cut(relay);
            }
        }
    }

    /**
     * Waits until the bridge carries a message from the site to the centre. Mosquitto queues for a
     * bridge only once its first connection is made: what the agent publishes before that never
     * leaves the site (a real site broker started before its uplink loses the same).
     */
    private static void bridgeUp(Mosquitto site, Mosquitto central) throws Exception {
        try (org.vigie.agent.it.Subscriber seen = new org.vigie.agent.it.Subscriber(central.url(), "vigie/bridge-probe")) {
            org.eclipse.paho.client.mqttv3.MqttClient probe = new org.eclipse.paho.client.mqttv3.MqttClient(site.url(),
                    "bridge-probe", new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence());
            probe.connect();
            try {
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (seen.all().isEmpty() && System.nanoTime() < deadline) {
                    probe.publish("vigie/bridge-probe", "up".getBytes(java.nio.charset.StandardCharsets.UTF_8), 1, false);
                    Thread.sleep(200);
                }
                assertTrue(!seen.all().isEmpty(), "the site's bridge never reached the central broker");
            } finally {
                probe.disconnect();
                probe.close();
            }
        }
    }

    /** Kills the relay and the connections it forked: the uplink is gone. */
    private static void cut(Process relay) throws Exception {
        relay.descendants().forEach(ProcessHandle::destroyForcibly);
        relay.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    private static Process relay(int listen, int to) throws Exception {
        Process p = new ProcessBuilder("/usr/bin/socat", "TCP-LISTEN:" + listen + ",bind=127.0.0.1,reuseaddr,fork",
                "TCP:127.0.0.1:" + to).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Thread.sleep(200);
        return p;
    }

    private List<String> check(FleetRig rig, int transitions) throws Exception {
        JsonNode a = FleetRig.agentOf(rig.fleet(), "paris", "room-b1");
        List<Long> journal = FleetRig.journalSeqs(dir.resolve("state-paris-room-b1"));
        List<String> problems = new ArrayList<>();
        if (a == null) {
            return List.of("room-b1 not on the board");
        }
        List<Long> seen = new ArrayList<>();
        a.path("timeline").forEach(e -> seen.add(e.path("seq").asLong()));
        if (!seen.equals(journal)) {
            problems.add("board timeline " + seen + ", journal " + journal);
        }
        if (journal.size() < transitions + 1) {
            problems.add("the agent recorded " + journal.size() + " events, " + (transitions + 1) + " expected");
        }
        if (a.path("seq").path("missing").asLong() != 0 || !a.path("reachable").asBoolean()) {
            problems.add("gaps " + a.path("seq") + ", reachable " + a.path("reachable"));
        }
        return problems;
    }
}
