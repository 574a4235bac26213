package org.vigie.agent.listen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.agent.config.AgentConfigLoader;
import org.vigie.agent.it.Subscriber;
import org.vigie.agent.run.Agent;
import org.vigie.agent.run.Json;
import org.vigie.agent.shutdown.AgentShutdown;

/**
 * A whole night with two shutdown policies (a flood that runs to its end, an overheat cancelled
 * during its countdown) against a real listener and broker: every event's {@code seq} is its own
 * and rises by exactly one, in the journal and on {@code events}; a step about a command names the
 * command's number as {@code command_seq}.
 */
class IncidentSeqIT {
    private static final String ROOT = "vigie/" + Rig.SITE + "/room-b1";

    @TempDir
    Path dir;

    @Test
    void everyEventOfAnIncidentWithTwoPoliciesHasItsOwnSeq() throws Exception {
        Path flood = dir.resolve("flood");
        Path temp = dir.resolve("temp");
        Files.writeString(flood, "0\n");
        Files.writeString(temp, "20\n");
        try (Rig rig = new Rig(dir);
             Listener listener = rig.listener(true, "rack-a", "rack-b");
             Subscriber events = new Subscriber(rig.broker.url(), ROOT + "/events")) {
            Agent agent = new Agent(AgentConfigLoader.load(config(rig, flood, temp)), Clock.systemUTC());
            AgentShutdown.attach(agent);
            agent.start();
            try {
                Files.writeString(flood, "1\n");
                awaitStep(events, "flood", "complete");
                Files.writeString(temp, "45\n");
                awaitStep(events, "overheat", "commanded");
                rig.acks.await(r -> r.topic().contains("/rack-b/") && r.json().path("state").asText().equals("countdown"),
                        Rig.WAIT, "countdown on rack-b");
                Files.writeString(temp, "20\n");
                awaitStep(events, "overheat", "cancelled");
                rig.acks.await(r -> r.json().path("state").asText().equals("cancelled"), Rig.WAIT, "cancelled ack");
                Files.writeString(flood, "0\n");
                events.await(r -> r.json().path("alarm").asText().equals("flood-hot")
                        && r.json().path("state").asText().equals("cleared"), Rig.WAIT, "flood cleared");
                Thread.sleep(300);
            } finally {
                agent.close();
            }
            events.await(r -> r.json().path("state").asText().equals("stopped"), Rig.WAIT, "stopped");

            List<JsonNode> journal = new ArrayList<>();
            for (String line : Files.readAllLines(dir.resolve("agent-state/journal.jsonl"), StandardCharsets.UTF_8)) {
                journal.add(Json.MAPPER.readTree(line));
            }
            List<JsonNode> published = events.all().stream().map(Subscriber.Received::json).toList();
            assertRisesByOne(journal, "journal");
            assertRisesByOne(published, "events");
            assertEquals(journal.size(), published.size(), "every journal event was published once");

            List<JsonNode> steps = journal.stream().filter(e -> e.path("type").asText().equals("shutdown")).toList();
            long commanded = steps.stream().filter(e -> e.path("step").asText().equals("commanded")).count();
            long acks = steps.stream().filter(e -> e.path("step").asText().equals("ack")).count();
            assertEquals(2, commanded, steps.toString());
            assertTrue(acks >= 5, "received/countdown/executing of rack-a, received/countdown/cancelled of rack-b: " + steps);
            for (JsonNode s : steps) {
                String step = s.path("step").asText();
                if (step.equals("commanded") || step.equals("cancel_sent") || step.equals("ack")) {
                    assertTrue(s.path("command_seq").canConvertToExactIntegral(), "command_seq in " + s);
                }
            }
            assertFalse(steps.stream().anyMatch(s -> s.path("step").asText().equals("cancel_sent")
                    && s.path("policy").asText().equals("flood")), "the flood policy ran to its end");
        }
    }

    private static void awaitStep(Subscriber events, String policy, String step) throws InterruptedException {
        events.await(r -> r.json().path("policy").asText().equals(policy) && r.json().path("step").asText().equals(step),
                Rig.WAIT, policy + " " + step);
    }

    private static void assertRisesByOne(List<JsonNode> list, String where) {
        assertFalse(list.isEmpty(), where);
        long first = list.get(0).path("seq").asLong();
        assertEquals(1, first, where + " starts at 1 in a new state_dir");
        for (int i = 1; i < list.size(); i++) {
            assertEquals(first + i, list.get(i).path("seq").asLong(), where + " #" + i + ": " + list.get(i));
        }
    }

    private Path config(Rig rig, Path flood, Path temp) throws Exception {
        Path f = dir.resolve("agent.yaml");
        Files.writeString(f, String.join("\n",
                "site: " + Rig.SITE,
                "agent: room-b1",
                "state_dir: " + dir.resolve("agent-state"),
                "mqtt: {urls: [" + rig.broker.url() + "]}",
                "sensors:",
                "  - {id: flood, type: file, path: " + flood + ", interval: 100ms}",
                "  - {id: temp, type: file, path: " + temp + ", interval: 100ms}",
                "rules:",
                "  - {id: flood-hot, sensor: flood, above: {critical: 0.5}}",
                "  - {id: room-hot, sensor: temp, above: {critical: 40}}",
                "shutdown:",
                "  key: " + dir.resolve("room-b1.key"),
                "  groups:",
                "    - {id: rack-a, hosts: [db1]}",
                "    - {id: rack-b, hosts: [db1]}",
                "  policies:",
                "    - {id: flood, on: [flood-hot], delay: 1s, groups: [rack-a]}",
                "    - {id: overheat, on: [room-hot], delay: 20s, groups: [rack-b]}",
                ""));
        return f;
    }
}
