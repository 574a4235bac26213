package org.vigie.agent.recovery;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vigie.agent.config.RecoveryConfig;
import org.vigie.agent.run.Json;

/** The recovery state machine, driven by hand with a fake clock: no threads, no network. */
class RecoveryTest {
    static final byte[] MAC_DB = {0x52, 0x54, 0, 0x12, 0x34, 0x56};
    static final byte[] MAC_BATCH = {0x52, 0x54, 0, 0x12, 0x34, 0x57};

    Instant now = Instant.parse("2026-03-01T14:00:00Z");
    final List<String> raised = new ArrayList<>();
    final Set<String> online = new HashSet<>();
    final List<String> wakes = new ArrayList<>();
    final List<String> steps = new ArrayList<>();
    int changes;

    final Recovery.Facts facts = new Recovery.Facts() {
        @Override
        public List<String> raised() {
            return List.copyOf(raised);
        }

        @Override
        public boolean online(String host) {
            return online.contains(host);
        }
    };

    final Recovery.Out out = new Recovery.Out() {
        @Override
        public void wake(Recovery r, int index, RecoveryConfig.Group group) {
            wakes.add(group.id());
        }

        @Override
        public void event(Recovery r, ObjectNode event) {
            steps.add(event.path("step").asText() + (event.has("group") ? " " + event.path("group").asText() : ""));
        }

        @Override
        public void changed(Recovery r) {
            changes++;
        }
    };

    static RecoveryConfig config(boolean confirm) {
        return new RecoveryConfig("flood-back", "flood", Duration.ofMinutes(10), confirm, List.of(
                new RecoveryConfig.Group("rack-a-db", List.of(new RecoveryConfig.Wol(MAC_DB, "192.0.2.255", 9)), Duration.ofMinutes(5)),
                new RecoveryConfig.Group("rack-a-batch", List.of(new RecoveryConfig.Wol(MAC_BATCH, "192.0.2.255", 9)),
                        Duration.ofMinutes(5))));
    }

    Recovery recovery(boolean confirm) {
        return new Recovery(config(confirm), Map.of("rack-a-db", List.of("db1"), "rack-a-batch", List.of("batch1", "batch2")),
                Duration.ofMinutes(5), out);
    }

    void shutdown(Recovery r, String step, String group) {
        ObjectNode e = Json.MAPPER.createObjectNode();
        e.put("type", "shutdown");
        e.put("policy", "flood");
        e.put("step", step);
        if (group != null) {
            e.put("group", group);
        }
        e.putArray("alarms").add("basement-leak");
        r.shutdownEvent(e, facts, now);
    }

    /** The policy ran: both groups commanded, countdowns over; the leak still active. */
    Recovery ran(boolean confirm) {
        Recovery r = recovery(confirm);
        raised.add("basement-leak");
        shutdown(r, "triggered", null);
        shutdown(r, "commanded", "rack-a-batch");
        shutdown(r, "commanded", "rack-a-db");
        assertEquals(RecoveryState.IDLE, r.state, "nothing while the shutdown runs");
        shutdown(r, "complete", null);
        return r;
    }

    void at(Recovery r, Duration later) {
        now = now.plus(later);
        r.evaluate(facts, now);
    }

    @Test
    void wakesTheGroupsInOrderOnceTheAlarmsHaveStayedClearedForSettle() {
        Recovery r = ran(false);
        assertEquals(RecoveryState.WAITING, r.state);
        at(r, Duration.ofMinutes(30));
        assertEquals(RecoveryState.WAITING, r.state, "the leak is still active");
        raised.clear();
        at(r, Duration.ofSeconds(1));
        assertEquals(RecoveryState.SETTLING, r.state);
        at(r, Duration.ofMinutes(9).plusSeconds(59));
        assertEquals(List.of(), wakes, "not before settle");
        at(r, Duration.ofSeconds(1));
        assertEquals(RecoveryState.WAKING, r.state);
        assertEquals(List.of("rack-a-db"), wakes, "the recovery's order, not the shutdown's");
        r.woken(r.index, List.of("sent"));
        at(r, Duration.ofSeconds(40));
        assertEquals(List.of("rack-a-db"), wakes, "the next group waits for db1 online");
        online.add("db1");
        at(r, Duration.ofMillis(100));
        assertEquals(List.of("rack-a-db", "rack-a-batch"), wakes);
        online.add("batch1");
        at(r, Duration.ofSeconds(1));
        assertEquals(RecoveryState.WAKING, r.state, "batch2 is not back yet");
        online.add("batch2");
        at(r, Duration.ofSeconds(1));
        assertEquals(RecoveryState.COMPLETE, r.state);
        assertEquals(List.of("waiting", "settling", "waking rack-a-db", "woken rack-a-db", "back rack-a-db",
                "waking rack-a-batch", "back rack-a-batch", "complete"), steps);
        at(r, Duration.ofHours(1));
        assertEquals(2, wakes.size(), "nothing more once complete");
    }

    @Test
    void neverWokenIntoAShutdownCommandThatIsStillValid() {
        Recovery r = ran(false);
        raised.clear();
        at(r, Duration.ofSeconds(1));
        Recovery quick = new Recovery(new RecoveryConfig("quick", "flood", Duration.ofSeconds(10), false, config(false).groups()),
                r.hosts, Duration.ofHours(1), out);
        raised.add("basement-leak");
        shutdown(quick, "triggered", null);
        shutdown(quick, "commanded", "rack-a-db");
        shutdown(quick, "complete", null);
        raised.clear();
        at(quick, Duration.ofSeconds(1));
        at(quick, Duration.ofMinutes(59));
        assertEquals(RecoveryState.SETTLING, quick.state, "the command to rack-a-db is valid for an hour");
        at(quick, Duration.ofMinutes(1));
        assertEquals(RecoveryState.WAKING, quick.state);
    }

    @Test
    void onlyWhatThePolicyShutDownIsWoken() {
        Recovery r = recovery(false);
        raised.add("basement-leak");
        shutdown(r, "triggered", null);
        shutdown(r, "commanded", "rack-a-batch");
        shutdown(r, "commanded", "rack-a-db");
        shutdown(r, "cancel_sent", "rack-a-db");
        shutdown(r, "cancelled", null);
        raised.clear();
        at(r, Duration.ofSeconds(1));
        at(r, Duration.ofMinutes(10));
        assertEquals(List.of("rack-a-batch"), wakes, "rack-a-db got its cancel in time: it never went down");
        assertTrue(steps.contains("skipped rack-a-db"), steps.toString());
    }

    @Test
    void aShutdownCancelledEverywhereLeavesNothingToRecover() {
        Recovery r = recovery(false);
        raised.add("basement-leak");
        shutdown(r, "triggered", null);
        shutdown(r, "commanded", "rack-a-batch");
        shutdown(r, "cancel_sent", "rack-a-batch");
        shutdown(r, "cancelled", null);
        raised.clear();
        at(r, Duration.ofHours(1));
        assertEquals(RecoveryState.IDLE, r.state);
        assertEquals(List.of(), wakes);
    }

    @Test
    void anAlarmReturningWhileSettlingStopsIt() {
        Recovery r = ran(false);
        raised.clear();
        at(r, Duration.ofSeconds(1));
        at(r, Duration.ofMinutes(5));
        raised.add("basement-leak");
        at(r, Duration.ofSeconds(1));
        assertEquals(RecoveryState.STOPPED, r.state);
        raised.clear();
        at(r, Duration.ofHours(1));
        assertEquals(RecoveryState.STOPPED, r.state, "a stopped recovery does not start again by itself");
        assertEquals(List.of(), wakes);
    }

    @Test
    void anAlarmReturningWhileWakingStopsItBeforeTheNextGroup() {
        Recovery r = ran(false);
        raised.clear();
        at(r, Duration.ofSeconds(1));
        at(r, Duration.ofMinutes(10));
        assertEquals(List.of("rack-a-db"), wakes);
        raised.add("basement-leak");
        online.add("db1");
        at(r, Duration.ofSeconds(1));
        assertEquals(RecoveryState.STOPPED, r.state);
        at(r, Duration.ofHours(1));
        assertEquals(List.of("rack-a-db"), wakes, "rack-a-batch is never woken while the leak is back");
        assertEquals(Set.of("rack-a-db", "rack-a-batch"), r.down, "still to be recovered");
    }

    @Test
    void aPersonConfirmsWhenAsked() {
        Recovery r = ran(true);
        assertNotNull(r.confirm("alice", facts, now), "waiting: nothing to confirm yet");
        raised.clear();
        at(r, Duration.ofSeconds(1));
        assertNotNull(r.confirm("alice", facts, now), "settling: not yet");
        at(r, Duration.ofMinutes(10));
        assertEquals(RecoveryState.CONFIRM, r.state);
        at(r, Duration.ofHours(2));
        assertEquals(List.of(), wakes, "never without the person");
        assertNull(r.confirm("alice", facts, now));
        assertEquals(RecoveryState.WAKING, r.state);
        assertEquals(List.of("rack-a-db"), wakes);
        assertEquals("alice", r.confirmedBy);
        assertNotNull(r.confirm("bob", facts, now), "waking: a second confirmation changes nothing");
    }

    @Test
    void aStoppedRecoveryGoesBackToWaitingWhenAPersonSaysSo() {
        Recovery r = ran(true);
        raised.clear();
        at(r, Duration.ofSeconds(1));
        raised.add("basement-leak");
        at(r, Duration.ofSeconds(1));
        assertEquals(RecoveryState.STOPPED, r.state);
        assertNull(r.confirm("alice", facts, now));
        assertEquals(RecoveryState.WAITING, r.state, "the alarm is still active: it waits");
        raised.clear();
        at(r, Duration.ofSeconds(1));
        at(r, Duration.ofMinutes(10));
        assertEquals(RecoveryState.WAKING, r.state, "alice already confirmed");
    }

    @Test
    void aHostThatNeverComesBackMakesItIncompleteAndTheNextGroupGoesOn() {
        Recovery r = ran(false);
        raised.clear();
        at(r, Duration.ofSeconds(1));
        at(r, Duration.ofMinutes(10));
        r.woken(r.index, List.of("sent"));
        at(r, Duration.ofMinutes(4).plusSeconds(59));
        assertEquals(List.of("rack-a-db"), wakes);
        at(r, Duration.ofSeconds(1));
        assertEquals(List.of("rack-a-db", "rack-a-batch"), wakes);
        online.add("batch1");
        online.add("batch2");
        at(r, Duration.ofSeconds(1));
        assertEquals(RecoveryState.INCOMPLETE, r.state);
        assertEquals(List.of("rack-a-db/db1"), r.missing);
    }

    @Test
    void aRestartResumesWithoutWakingAGroupAgain() {
        Recovery r = ran(false);
        raised.clear();
        at(r, Duration.ofSeconds(1));
        at(r, Duration.ofMinutes(10));
        r.woken(r.index, List.of("sent"));
        online.add("db1");
        at(r, Duration.ofSeconds(1));
        r.woken(r.index, List.of("sent"));
        assertEquals(List.of("rack-a-db", "rack-a-batch"), wakes);
        ObjectNode saved = RecoveryRecord.save(r);

        wakes.clear();
        online.clear();
        Recovery back = recovery(false);
        RecoveryRecord.restore(back, saved);
        assertEquals(RecoveryState.WAKING, back.state);
        assertEquals("rack-a-batch", back.current());
        at(back, Duration.ofSeconds(1));
        assertEquals(List.of(), wakes, "rack-a-db is back and rack-a-batch already woken: nothing is sent again");
        online.add("batch1");
        online.add("batch2");
        at(back, Duration.ofSeconds(1));
        assertEquals(RecoveryState.COMPLETE, back.state);
    }

    @Test
    void aRestartBeforeTheWakeWasCarriedOutWakesTheCurrentGroupOnce() {
        Recovery r = ran(false);
        raised.clear();
        at(r, Duration.ofSeconds(1));
        at(r, Duration.ofMinutes(10));
        ObjectNode saved = RecoveryRecord.save(r);
        wakes.clear();
        Recovery back = recovery(false);
        RecoveryRecord.restore(back, saved);
        at(back, Duration.ofSeconds(1));
        at(back, Duration.ofSeconds(1));
        assertEquals(List.of("rack-a-db"), wakes);
    }

    @Test
    void withoutASavedStateARestartStartsNothing() {
        Recovery r = recovery(false);
        at(r, Duration.ofHours(1));
        assertEquals(RecoveryState.IDLE, r.state);
        assertEquals(List.of(), wakes);
    }

    @Test
    void illegalMovesAreBugs() {
        assertThrows(IllegalStateException.class, () -> RecoveryState.IDLE.moveTo(RecoveryState.WAKING));
        assertThrows(IllegalStateException.class, () -> RecoveryState.WAITING.moveTo(RecoveryState.WAKING));
        assertThrows(IllegalStateException.class, () -> RecoveryState.COMPLETE.moveTo(RecoveryState.STOPPED));
        assertEquals(RecoveryState.WAKING, RecoveryState.CONFIRM.moveTo(RecoveryState.WAKING));
    }

    @Test
    void aMagicPacketIsSixFFThenTheMacSixteenTimes() {
        byte[] p = MagicPacket.of(MAC_DB);
        assertEquals(102, p.length);
        for (int i = 0; i < 6; i++) {
            assertEquals((byte) 0xff, p[i]);
        }
        for (int i = 0; i < 16; i++) {
            assertArrayEquals(MAC_DB, java.util.Arrays.copyOfRange(p, 6 + 6 * i, 12 + 6 * i));
        }
        assertArrayEquals(MAC_DB, MagicPacket.macOf(p, p.length));
        assertNull(MagicPacket.macOf(p, 101));
    }
}
