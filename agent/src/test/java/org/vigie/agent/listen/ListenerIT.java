package org.vigie.agent.listen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigie listen} against a real Mosquitto: the accepted path, cancels, duplicates, groups, dry run. */
class ListenerIT {
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

    @Test
    void anAcceptedShutdownIsAcknowledgedCountsDownAndRunsTheCommandOnce() throws Exception {
        try (Listener l = rig.listener("rack-a")) {
            byte[] shutdown = rig.shutdown("rack-a", 1, 2);
            rig.send("rack-a", shutdown);
            JsonNode received = rig.ack("rack-a", 1L, "received").json();
            assertEquals("db1", received.get("host").asText());
            assertEquals("rack-a", received.get("group").asText());
            assertTrue(received.get("reason").isNull());
            assertTrue(received.get("ts").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
            rig.ack("rack-a", 1L, "countdown");
            assertEquals(0, rig.runs(), "nothing runs during the countdown");
            JsonNode executing = rig.ack("rack-a", 1L, "executing").json();
            long ms = Duration.between(Instant.parse(received.get("ts").asText()),
                    Instant.parse(executing.get("ts").asText())).toMillis();
            assertTrue(ms >= 1900 && ms < 4000, "executing " + ms + " ms after received, for delay_s 2");
            assertEquals(List.of("1:received", "1:countdown", "1:executing"), rig.ackLog());
            waitForRuns(1);
            assertEquals(1, rig.warnings.size(), rig.warnings.toString());
            assertTrue(rig.warnings.get(0).contains("db1 WILL SHUT DOWN at"), rig.warnings.get(0));
            assertTrue(rig.warnings.get(0).contains("basement-leak"), rig.warnings.get(0));

            rig.send("rack-a", shutdown);
            rig.send("rack-a", rig.shutdown("rack-a", 2, 0));
            JsonNode again = rig.ack("rack-a", 2L, "executing").json();
            assertTrue(again.get("reason").asText().contains("already ran"), again.toString());
            Thread.sleep(500);
            assertEquals(1, rig.runs(), "a duplicate delivery and a second shutdown never run the command again");
            assertEquals(List.of("1:received", "1:countdown", "1:executing", "2:received", "2:executing"), rig.ackLog());
        }
    }

    @Test
    void aDuplicateDeliveryDuringTheCountdownRunsOnce() throws Exception {
        try (Listener l = rig.listener("rack-a")) {
            byte[] shutdown = rig.shutdown("rack-a", 7, 2);
            rig.send("rack-a", shutdown);
            rig.send("rack-a", shutdown);
            rig.send("rack-a", shutdown);
            rig.ack("rack-a", 7L, "executing");
            waitForRuns(1);
            Thread.sleep(500);
            assertEquals(1, rig.runs());
            assertEquals(List.of("7:received", "7:countdown", "7:executing"), rig.ackLog());
        }
    }

    @Test
    void aCancelDuringTheCountdownStopsItAndTheShutdownCannotBeReplayed() throws Exception {
        try (Listener l = rig.listener("rack-a")) {
            byte[] shutdown = rig.shutdown("rack-a", 1, 3);
            rig.send("rack-a", shutdown);
            rig.ack("rack-a", 1L, "countdown");
            rig.send("rack-a", rig.cancel("rack-a", 2));
            JsonNode cancelled = rig.ack("rack-a", 2L, "cancelled").json();
            assertEquals("cancels shutdown seq 1", cancelled.get("reason").asText());
            rig.send("rack-a", shutdown);
            JsonNode replay = rig.ack("rack-a", 1L, "rejected").json();
            assertTrue(replay.get("reason").asText().contains("not above the last accepted, 2"), replay.toString());
            Thread.sleep(3500);
            rig.assertNeverRan();
            assertEquals(List.of("1:received", "1:countdown", "2:cancelled", "1:rejected"), rig.ackLog());
            assertTrue(rig.warnings.get(rig.warnings.size() - 1).contains("CANCELLED"), rig.warnings.toString());
        }
    }

    @Test
    void aCancelWithNothingPendingIsAcknowledged() throws Exception {
        try (Listener l = rig.listener("rack-a")) {
            rig.send("rack-a", rig.cancel("rack-a", 4));
            JsonNode a = rig.ack("rack-a", 4L, "cancelled").json();
            assertTrue(a.get("reason").asText().contains("nothing was pending"), a.toString());
        }
    }

    @Test
    void aHostInTwoGroupsPowersOffOnceAtTheFirstDeadline() throws Exception {
        try (Listener l = rig.listener("rack-a", "all")) {
            rig.send("rack-a", rig.shutdown("rack-a", 1, 5));
            rig.ack("rack-a", 1L, "countdown");
            rig.send("all", rig.shutdown("all", 2, 1));
            JsonNode first = rig.ack("all", 2L, "executing").json();
            assertTrue(first.get("reason").isNull(), first.toString());
            JsonNode other = rig.ack("rack-a", 1L, "executing").json();
            assertTrue(other.get("reason").asText().contains("the command runs for shutdown seq 2"), other.toString());
            waitForRuns(1);
            Thread.sleep(5000);
            assertEquals(1, rig.runs(), "the first deadline runs the command; the other countdown never runs it again");
        }
    }

    @Test
    void dryRunAcknowledgesEveryStepAndRunsNothing() throws Exception {
        try (Listener l = rig.listener(true, "rack-a")) {
            rig.send("rack-a", rig.shutdown("rack-a", 1, 1));
            rig.ack("rack-a", 1L, "received");
            rig.ack("rack-a", 1L, "countdown");
            assertEquals("dry run", rig.ack("rack-a", 1L, "executing").json().get("reason").asText());
            rig.send("rack-a", rig.shutdown("rack-a", 2, 0));
            assertEquals("dry run", rig.ack("rack-a", 2L, "executing").json().get("reason").asText(),
                    "a dry run counts down again for every command (the demo replays its scenario)");
            Thread.sleep(300);
            rig.assertNeverRan();
            assertTrue(rig.warnings.isEmpty(), "dry run warns nobody: " + rig.warnings);
        }
    }

    private void waitForRuns(int n) throws Exception {
        long deadline = System.nanoTime() + Rig.WAIT.toNanos();
        while (rig.runs() < n && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(n, rig.runs(), "runs of the command; acks " + rig.ackLog());
    }
}
