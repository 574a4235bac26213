package org.vigie.agent.listen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.agent.run.Json;
import org.vigie.agent.shutdown.Command;
import org.vigie.agent.shutdown.Envelope;
import org.vigie.agent.shutdown.Keys;

/** Forged, altered, stale and misdirected commands are answered {@code rejected} and never run; junk is ignored. */
class ListenerRejectsIT {
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

    private int answered;

    /** The reason of the next ack, which must be a rejection of {@code seq}. */
    private String rejected(Long seq) throws InterruptedException {
        JsonNode a = rig.nth(++answered).json();
        assertEquals("rejected", a.get("state").asText(), a.toString());
        assertEquals(seq == null ? "null" : seq.toString(), a.get("seq").asText(), a.toString());
        return a.get("reason").asText();
    }

    private static Command shutdown(String site, String group, long seq, Instant issued, Instant expires) {
        return new Command(1, Command.Action.SHUTDOWN, site, group, "room-b1", seq, issued, expires, 0, "drill", List.of());
    }

    @Test
    void everyBadCommandIsRejectedWithItsReasonAndNothingRuns() throws Exception {
        try (Listener l = rig.listener("rack-a")) {
            Instant now = Instant.now();
            KeyPair stranger = Keys.generate();
            rig.send("rack-a", Envelope.seal(shutdown("it", "rack-a", 10, now, now.plusSeconds(60)), stranger));
            assertTrue(rejected(null).contains("not trusted"));

            JsonNode good = Json.MAPPER.readTree(rig.shutdown("rack-a", 11, 0));
            ObjectNode altered = good.deepCopy();
            altered.put("body", good.get("body").asText().replace("\"reason\":\"basement-leak\"", "\"reason\":\"pwned\""));
            rig.send("rack-a", Json.bytes(altered));
            assertTrue(rejected(null).contains("bad signature"));

            rig.send("rack-a", Envelope.seal(shutdown("it", "rack-a", 12, now.minusSeconds(600), now.minusSeconds(1)),
                    rig.agentKey));
            assertTrue(rejected(12L).contains("expired"));

            rig.send("rack-a", Envelope.seal(shutdown("it", "rack-a", 13, now.plusSeconds(3600), now.plusSeconds(3700)),
                    rig.agentKey));
            assertTrue(rejected(13L).contains("in the future"));

            rig.send("rack-a", Envelope.seal(shutdown("other-site", "rack-a", 14, now, now.plusSeconds(60)), rig.agentKey));
            assertTrue(rejected(14L).contains("for site other-site"));

            rig.send("rack-a", Envelope.seal(shutdown("it", "rack-b", 15, now, now.plusSeconds(60)), rig.agentKey));
            assertTrue(rejected(15L).contains("for group rack-b on the topic of rack-a"));

            Thread.sleep(500);
            rig.assertNeverRan();
            assertEquals(List.of("null:rejected", "null:rejected", "12:rejected", "13:rejected", "14:rejected",
                    "15:rejected"), rig.ackLog());
            assertTrue(rig.warnings.isEmpty(), rig.warnings.toString());
        }
    }

    @Test
    void aCommandRetainedOnTheBrokerIsRejectedWhenDeliveredOnSubscribing() throws Exception {
        rig.send("rack-a", rig.shutdown("rack-a", 1, 0), true);
        try (Listener l = rig.listener("rack-a")) {
            assertTrue(rejected(1L).contains("retained on the broker"));
            Thread.sleep(500);
            rig.assertNeverRan();
            rig.send("rack-a", rig.shutdown("rack-a", 1, 0));
            rig.ack("rack-a", 1L, "executing");
            assertEquals(List.of("1:rejected", "1:received", "1:countdown", "1:executing"), rig.ackLog(),
                    "the same command published live is obeyed: the retained copy did not move the replay guard");
        }
    }

    @Test
    void junkIsIgnoredUnansweredAndTheListenerStaysUp() throws Exception {
        try (Listener l = rig.listener("rack-a")) {
            String key = Keys.id(rig.agentKey.getPublic());
            byte[] noise = new byte[1024 * 1024];
            new Random(3).nextBytes(noise);
            rig.send("rack-a", "shutdown now please");
            rig.send("rack-a", "{\"body\":\"{}\"}");
            rig.send("rack-a", "{\"body\":\"{}\",\"sig\":\"%%% not base64 %%%\",\"key\":\"" + key + "\"}");
            rig.send("rack-a", noise);
            rig.send("rack-a", new byte[0]);
            rig.send("rack-a", "[\"body\", \"sig\", \"key\"]");
            rig.send("rack-a", "{\"body\":{},\"sig\":\"AAAA\",\"key\":\"" + key + "\"}");
            rig.send("rack-a", rig.shutdown("rack-a", 1, 0));
            rig.ack("rack-a", 1L, "executing");
            assertEquals(List.of("1:received", "1:countdown", "1:executing"), rig.ackLog(),
                    "junk gets no answer; the next good command is obeyed");
        }
    }
}
