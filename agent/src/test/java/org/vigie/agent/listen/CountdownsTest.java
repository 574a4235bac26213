package org.vigie.agent.listen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.agent.shutdown.Command;
import org.vigie.agent.shutdown.Verifier;

/** The listener's decisions with a fake world: who cancels what, what is kept, and what a broken disk does. */
class CountdownsTest {
    static final Instant T0 = Instant.parse("2026-11-28T22:00:00Z");

    @TempDir
    Path dir;
    final List<String> acks = new ArrayList<>();
    final List<String> runs = new ArrayList<>();
    String runFailure;
    StateStore store;
    Countdowns countdowns;

    @BeforeEach
    void setUp() throws IOException {
        store = new StateStore(dir.resolve("state"));
        countdowns = fresh();
    }

    Countdowns fresh() throws IOException {
        return fresh(java.util.Set.of("g"));
    }

    Countdowns fresh(java.util.Set<String> groups) throws IOException {
        return new Countdowns(store, store.load(), "db1", groups, false, new Countdowns.Effects() {
            @Override
            public void ack(String group, Long seq, AckState state, String reason) {
                acks.add(group + ":" + seq + ":" + state.wire() + (reason == null ? "" : ":" + reason));
            }

            @Override
            public void warn(String text) {
            }

            @Override
            public String run(Pending p) {
                runs.add(p.group() + ":" + p.seq());
                return runFailure;
            }
        });
    }

    static Verifier.Result accepted(Command.Action action, String group, String agent, long seq, long delayS) {
        Command c = new Command(1, action, "dc1", group, agent, seq, T0, T0.plusSeconds(300), delayS, "test", List.of());
        return new Verifier.Result(Verifier.Verdict.ACCEPTED, c, null, seq, "sig-" + agent + "-" + seq);
    }

    @Test
    void aCancelStopsOnlyTheCancellingAgentsCountdown() {
        countdowns.onVerified("g", accepted(Command.Action.SHUTDOWN, "g", "room-b1", 1, 60), T0);
        countdowns.onVerified("g", accepted(Command.Action.CANCEL, "g", "room-b2", 1, 0), T0.plusSeconds(1));
        assertTrue(acks.get(acks.size() - 1).startsWith("g:1:cancelled:nothing was pending from agent room-b2"), acks.toString());
        countdowns.tick(T0.plusSeconds(60));
        assertEquals(List.of("g:1"), runs, "room-b2's cancel did not stop room-b1's shutdown");
    }

    @Test
    void aSecondShutdownOfTheSameAgentKeepsTheEarlierDeadline() {
        countdowns.onVerified("g", accepted(Command.Action.SHUTDOWN, "g", "a", 1, 10), T0);
        countdowns.onVerified("g", accepted(Command.Action.SHUTDOWN, "g", "a", 2, 60), T0.plusSeconds(1));
        assertEquals(T0.plusSeconds(10), countdowns.nextDeadline().orElseThrow());
        countdowns.tick(T0.plusSeconds(10));
        assertEquals(List.of("g:2"), runs);
    }

    @Test
    void executingIsAcknowledgedBeforeTheCommandStartsAndAgainWhenItCannotStart() {
        runFailure = "cannot run /usr/bin/systemctl: No such file or directory";
        countdowns.onVerified("g", accepted(Command.Action.SHUTDOWN, "g", "a", 1, 0), T0);
        assertEquals(List.of("g:1:received", "g:1:countdown:runs at 2026-11-28T22:00:00.000Z", "g:1:executing",
                "g:1:executing:cannot run /usr/bin/systemctl: No such file or directory: the machine is not shutting down"),
                acks);
    }

    @Test
    void aCancelAfterTheCommandRanIsTooLate() {
        countdowns.onVerified("g", accepted(Command.Action.SHUTDOWN, "g", "a", 1, 0), T0);
        countdowns.onVerified("g", accepted(Command.Action.CANCEL, "g", "a", 2, 0), T0.plusSeconds(1));
        assertTrue(acks.get(acks.size() - 1).startsWith("g:2:rejected:too late"), acks.toString());
        assertEquals(1, runs.size());
    }

    @Test
    void whatCannotBeRecordedIsRejectedAndChangesNothing() throws IOException {
        Path state = dir.resolve("state");
        Files.walk(state).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        Files.writeString(state, "a file where the state directory was");
        countdowns.onVerified("g", accepted(Command.Action.SHUTDOWN, "g", "a", 1, 0), T0);
        assertTrue(acks.get(0).startsWith("g:1:rejected:cannot record the command"), acks.toString());
        assertEquals(1, acks.size());
        assertTrue(runs.isEmpty());
        assertEquals(-1, countdowns.lastSeq("a"), "the replay guard did not move");
        assertTrue(countdowns.nextDeadline().isEmpty());
    }

    @Test
    void theStateSurvivesARestartAndTheReplayGuardWithIt() throws IOException {
        countdowns.onVerified("g", accepted(Command.Action.SHUTDOWN, "g", "a", 5, 60), T0);
        Countdowns again = fresh();
        assertEquals(5, again.lastSeq("a"));
        assertEquals("sig-a-5", again.lastSig("a"));
        assertEquals(T0.plusSeconds(60), again.nextDeadline().orElseThrow());
    }

    @Test
    void aCountdownOfAGroupTakenOutOfTheConfigurationIsDroppedAtRestart() throws IOException {
        countdowns.onVerified("g", accepted(Command.Action.SHUTDOWN, "g", "a", 5, 60), T0);
        acks.clear();
        Countdowns again = fresh(java.util.Set.of("other"));
        again.resume(T0.plusSeconds(61));
        assertEquals(List.of("g:5:cancelled:group g is no longer one of this listener's groups; not run"), acks);
        assertTrue(runs.isEmpty());
        assertTrue(fresh().nextDeadline().isEmpty(), "and it stays dropped");
    }

    @Test
    void anUnreadableStateFileStopsTheStartInsteadOfForgettingTheReplayGuard() throws IOException {
        countdowns.onVerified("g", accepted(Command.Action.SHUTDOWN, "g", "a", 5, 60), T0);
        Files.writeString(store.file(), "{\"v\":1,\"agents\":{\"a\":{\"se");
        IOException e = assertThrows(IOException.class, () -> store.load());
        assertTrue(e.getMessage().contains("not a readable listener state"), e.getMessage());
        assertTrue(e.getMessage().contains("move it away knowingly"), e.getMessage());
    }

    @Test
    void theTransitionTableRefusesIllegalMoves() {
        assertTrue(AckState.RECEIVED.canMoveTo(AckState.COUNTDOWN));
        assertTrue(AckState.COUNTDOWN.canMoveTo(AckState.CANCELLED));
        assertFalse(AckState.EXECUTING.canMoveTo(AckState.CANCELLED));
        assertFalse(AckState.CANCELLED.canMoveTo(AckState.EXECUTING));
        assertFalse(AckState.REJECTED.canMoveTo(AckState.RECEIVED));
        assertThrows(IllegalStateException.class, () -> AckState.EXECUTING.to(AckState.COUNTDOWN));
    }
}
