package org.vigie.agent.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.agent.it.Mosquitto;
import org.vigie.agent.it.Subscriber;

/** The JSON API against a running agent: every refusal, and an acknowledgement over HTTP seen on MQTT and in the journal. */
class WebApiIT {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    /** A 4xx with one line of JSON naming the problem, and no trace of Java in it. */
    private static void refused(HttpResponse<String> r, int status, String says) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertFalse(r.body().contains("\n"), "one line: " + r.body());
        assertFalse(r.body().contains("Exception") || r.body().contains("\tat "), r.body());
        JsonNode n = WebRig.JSON.readTree(r.body());
        assertTrue(n.path("error").asText().contains(says), r.body());
    }

    @Test
    void everyBadRequestIsAOneLineJsonRefusalAndTheAgentGoesOn() throws Exception {
        try (WebRig rig = new WebRig(dir, Mosquitto.freePort(), WebRig.userLine("alice", "correct horse"))) {
            WebRig.await(() -> rigHas(rig, "room-temp"), WAIT, "a first reading");
            refused(rig.get("/nope"), 404, "no such page");
            refused(rig.get("/api/state/more"), 404, "no such page");
            refused(rig.post("/api/state", "{}", null, null), 405, "use GET");
            refused(rig.get("/api/history"), 400, "channel is missing");
            refused(rig.get("/api/history?channel=nope"), 404, "unknown channel nope");
            refused(rig.get("/api/history?channel=room-temp&since=yesterday"), 400, "since must be");
            refused(rig.get("/api/history?channel=room-temp&step=1500ms"), 400, "step must be");
            String garbled = rig.raw("GET /api/history?channel=room-temp&since=%zz HTTP/1.1");
            assertTrue(garbled.startsWith("HTTP/1.1 400"), garbled);
            assertFalse(garbled.contains("\tat "), "the JDK server refuses a malformed URI itself, without a trace: " + garbled);
            refused(rig.get("/api/events?after_seq=x"), 400, "after_seq must be a whole number");
            refused(rig.get("/api/events?after_seq=-1"), 400, "after_seq must be from 0");
            refused(rig.get("/api/ack"), 405, "use POST");
            refused(rig.post("/api/ack", "{\"alarm\":\"room-hot\"}", null, null), 401, "log in");
            refused(rig.post("/api/ack", "{\"alarm\":\"room-hot\"}", "alice", "correct horse"), 409, "not raised");
            refused(rig.post("/api/ack", "{\"alarm\":", "alice", "correct horse"), 400, "not JSON");
            refused(rig.post("/api/ack", "[1]", "alice", "correct horse"), 400, "JSON object");
            refused(rig.post("/api/ack", "{\"by\":\"alice\"}", "alice", "correct horse"), 400, "missing \"alarm\"");
            refused(rig.post("/api/ack", "{\"alarm\":\"room-hot\",\"by\":\"bob\"}", "alice", "correct horse"), 403,
                    "\"by\" must be the name you logged in as");
            refused(rig.post("/api/ack", "{\"alarm\":\"" + "x".repeat(5000) + "\"}", "alice", "correct horse"), 413,
                    "more than 4096");
            refused(rig.post("/api/ack", "{\"alarm\":\"room-hot\"}", "mallory", "correct horse"), 401, "wrong name or password");
            for (int i = 1; i < Throttle.FREE; i++) {
                refused(rig.post("/api/ack", "{\"alarm\":\"room-hot\"}", "alice", "guess" + i), 401, "wrong name or password");
            }
            refused(rig.post("/api/ack", "{\"alarm\":\"room-hot\"}", "alice", "guess"), 401, "wrong name or password");
            HttpResponse<String> slowed = rig.post("/api/ack", "{\"alarm\":\"room-hot\"}", "alice", "correct horse");
            refused(slowed, 429, "too many failed logins");
            assertTrue(slowed.headers().firstValue("Retry-After").isPresent());
            assertEquals(200, rig.get("/api/state").statusCode(), "the agent goes on");
            assertEquals(24.5, rig.state().path("channels").path("room-temp").path("value").asDouble());
        }
    }

    private static boolean rigHas(WebRig rig, String channel) {
        try {
            return "good".equals(rig.state().path("channels").path(channel).path("quality").asText());
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void withoutUsersFileThePageIsReadOnly() throws Exception {
        try (WebRig rig = new WebRig(dir, Mosquitto.freePort(), null)) {
            refused(rig.post("/api/ack", "{\"alarm\":\"room-hot\"}", "alice", "correct horse"), 403, "read-only");
            assertFalse(rig.state().path("ack").asBoolean());
        }
    }

    @Test
    void anAcknowledgementOverHttpIsPublishedAndJournaledLikeCmdAck() throws Exception {
        try (Mosquitto broker = Mosquitto.onFreePort(dir.resolve("broker")).start();
             Subscriber sub = new Subscriber(broker.url(), "vigie/#");
             WebRig rig = new WebRig(dir, broker.port(), WebRig.userLine("alice", "correct horse"))) {
            Files.writeString(rig.temp, "33500\n");
            sub.await(WebRig.ROOT + "/alarms/room-hot", "state", "active", WAIT);

            HttpResponse<String> ok = rig.post("/api/ack", "{\"alarm\":\"room-hot\",\"by\":\"alice\"}", "alice", "correct horse");
            assertEquals(200, ok.statusCode(), ok.body());
            assertEquals("alice", WebRig.JSON.readTree(ok.body()).path("acked_by").asText());

            JsonNode retained = sub.await(WebRig.ROOT + "/alarms/room-hot", "state", "acknowledged", WAIT).json();
            assertEquals("alice", retained.path("acked_by").asText());
            JsonNode event = sub.await(WebRig.ROOT + "/events", "transition", "acknowledged", WAIT).json();
            assertEquals("room-hot", event.path("alarm").asText());

            JsonNode journal = WebRig.JSON.readTree(rig.get("/api/events?after_seq=0").body());
            JsonNode acked = null;
            for (JsonNode e : journal) {
                if ("acknowledged".equals(e.path("transition").asText())) {
                    acked = e;
                }
            }
            assertTrue(acked != null, "the journal has the acknowledgement: " + journal);
            assertEquals(event.path("seq").asLong(), acked.path("seq").asLong());
            assertEquals("alice", acked.path("acked_by").asText());
            JsonNode later = WebRig.JSON.readTree(rig.get("/api/events?after_seq=" + acked.path("seq").asLong()).body());
            assertEquals(0, later.size(), "nothing after the last event: " + later);

            refused(rig.post("/api/ack", "{\"alarm\":\"room-hot\"}", "alice", "correct horse"), 409, "already acknowledged");
            JsonNode state = rig.state().path("alarms").path("room-hot");
            assertEquals("acknowledged", state.path("state").asText());
            assertEquals("critical", rig.state().path("worst").asText(), "acknowledging silences, it never clears");
        }
    }
}
