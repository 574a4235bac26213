package org.vigie.agent.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.agent.config.ListenerConfigLoader;
import org.vigie.agent.it.RabbitCluster;
import org.vigie.agent.it.Subscriber;
import org.vigie.agent.listen.Listener;
import org.vigie.agent.shutdown.Keys;

/**
 * A 3-node RabbitMQ cluster (MQTT plugin, quorum queues), agents spread over its nodes, a
 * shutdown listener and the board on the first node; that node is SIGKILLed while alarms rise and
 * clear. The board must end with every event of every agent (no gap, no duplicate), every agent
 * reachable, every alarm cleared, and the public files right; the listener must still get its
 * command and the cancel after its node died.
 *
 * <p>CI runs 6 agents and kills node 0 ({@code -Dvigie.fleet.kill=1} or {@code 2} for another). {@code -Dvigie.fleet.full=true} runs 50 agents and
 * restarts the killed node later (docs/fleet.md, "Testing").
 */
class BoardClusterIT {
    static final boolean FULL = Boolean.getBoolean("vigie.fleet.full");
    /** Which node dies (0, 1 or 2): {@code -Dvigie.fleet.kill=N}. Node 0 carries the board and the listener. */
    static final int KILL = Integer.getInteger("vigie.fleet.kill", 0);
    /** Raise at 4 s, clear at 8 s, and again at 16/20 and 28/32 s of each agent's life. */
    static final String SCRIPT = "{at: 0s, value: 20}, {at: 4s, value: 35}, {at: 8s, value: 20}, {at: 16s, value: 35},"
            + " {at: 20s, value: 20}, {at: 28s, value: 35}, {at: 32s, value: 20}";

    @TempDir
    Path dir;

    @Test
    void everyTransitionReachesTheBoardAndTheListenerWhenANodeIsKilled() throws Exception {
        int agents = FULL ? 50 : 6;
        try (RabbitCluster mq = RabbitCluster.start(dir.resolve("rabbit"), 3); FleetRig rig = new FleetRig(dir)) {
            List<String> all = List.of(mq.url(0), mq.url(1), mq.url(2));
            StringBuilder components = new StringBuilder();
            for (int room = 0; room < 3; room++) {
                StringBuilder members = new StringBuilder();
                for (int i = room; i < agents; i += 3) {
                    members.append(members.length() == 0 ? "" : ", ").append("room-").append(i);
                }
                components.append("    - {name: \"Room ").append((char) ('A' + room)).append("\", site: paris, agents: [")
                        .append(members).append("]}\n");
            }
            rig.board(rig.boardConfig(all, "10s", components.toString()));

            Keys.write(Keys.generate(), dir.resolve("room-s"));
            Path listenerConfig = dir.resolve("listener.yaml");
            Files.writeString(listenerConfig, String.join("\n", "site: paris", "host: db1",
                    "state_dir: " + dir.resolve("listener-state"), "mqtt: {urls: [" + String.join(", ", all) + "]}",
                    "groups: [rack-a]", "trusted_keys: [" + dir.resolve("room-s.pub") + "]",
                    "command: [/bin/true]", "dry_run: true", ""));
            Listener listener = new Listener(ListenerConfigLoader.load(listenerConfig), Clock.systemUTC());
            listener.start();
            Subscriber acks = new Subscriber(mq.url(1), "vigie/paris/shutdown/+/ack/+");

            for (int i = 0; i < agents; i++) {
                List<String> urls = List.of(mq.url(i % 3), mq.url((i + 1) % 3), mq.url((i + 2) % 3));
                rig.agent(rig.agentConfig("paris", "room-" + i, urls, SCRIPT, ""));
            }
            rig.agent(rig.agentConfig("paris", "room-s", all,
                    "{at: 0s, value: 20}, {at: 18s, value: 35}, {at: 24s, value: 20}", String.join("\n",
                            "shutdown:",
                            "  key: " + dir.resolve("room-s.key"),
                            "  groups: [{id: rack-a, hosts: [db1]}]",
                            "  policies: [{id: flood, on: [room-hot], severity: critical, delay: 60s, groups: [rack-a]}]")));

            Thread.sleep(11_000);
            mq.kill(KILL);
            if (FULL) {
                Thread.sleep(6_000);
                mq.restart(KILL);
            }
            acks.await(r -> r.json().path("state").asText().equals("countdown"), Duration.ofSeconds(60),
                    "the listener, whose node was killed, counting down the command sent after");
            acks.await(r -> r.json().path("state").asText().equals("cancelled"), Duration.ofSeconds(60),
                    "the listener cancelling once the alarm cleared");

            List<String> problems = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(FULL ? 120 : 60).toNanos();
            do {
                Thread.sleep(1000);
                problems = check(rig, agents);
            } while (!problems.isEmpty() && System.nanoTime() < deadline);
            assertEquals(List.of(), problems, "the board after the node kill");

            JsonNode status = FleetRig.JSON.readTree(dir.resolve("public/status.json").toFile());
            for (JsonNode c : status.path("components")) {
                assertEquals("operational", c.path("state").asText(), c.toString());
            }
            long resolved = 0;
            for (JsonNode inc : status.path("incidents")) {
                resolved += inc.path("state").asText().equals("resolved") ? 1 : 0;
            }
            assertTrue(resolved >= 3, "an incident per room, resolved: " + status);
            BoardIT.assertNothingInternal(dir.resolve("public"), List.of("paris", "room-0", "room-hot", "room-temp",
                    "127.0.0.1", "above critical", "db1", "rack-a"));
            acks.close();
            listener.close();
        }
    }

    /** What is still wrong with the board, agent by agent. */
    private List<String> check(FleetRig rig, int agents) throws Exception {
        JsonNode fleet = rig.fleet();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < agents; i++) {
            String name = "room-" + i;
            JsonNode a = FleetRig.agentOf(fleet, "paris", name);
            List<Long> journal = FleetRig.journalSeqs(dir.resolve("state-paris-" + name));
            if (a == null) {
                problems.add(name + ": not on the board");
                continue;
            }
            List<Long> seen = new ArrayList<>();
            a.path("timeline").forEach(e -> seen.add(e.path("seq").asLong()));
            if (!a.path("reachable").asBoolean()) {
                problems.add(name + ": unreachable");
            }
            if (a.path("seq").path("missing").asLong() != 0) {
                problems.add(name + ": missing events " + a.path("seq").path("gaps"));
            }
            if (!seen.equals(journal)) {
                problems.add(name + ": board timeline " + seen + ", journal " + journal);
            }
            long transitions = 0;
            for (JsonNode e : a.path("timeline")) {
                transitions += e.path("type").asText().equals("alarm") ? 1 : 0;
            }
            if (transitions != 6) {
                problems.add(name + ": " + transitions + " alarm transitions on the board, 6 expected");
            }
            if (a.path("alarms").size() != 0) {
                problems.add(name + ": alarms still raised " + a.path("alarms"));
            }
        }
        return problems;
    }
}
