package org.vigie.agent.shutdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.agent.alarm.AlarmBook;
import org.vigie.agent.config.Severity;
import org.vigie.agent.config.ShutdownConfig;
import org.vigie.agent.rules.Verdict;
import org.vigie.agent.run.Json;

/** Policies on a fake clock: staged order, cancel, completion, acknowledgements, re-arming. */
class ShutdownCoordinatorTest {
    private static final Instant T0 = Instant.parse("2026-11-28T03:00:00Z");

    @TempDir
    Path dir;

    private final AlarmBook alarms = new AlarmBook();
    private final List<String[]> commands = new ArrayList<>();
    private final List<JsonNode> progress = new ArrayList<>();
    private final List<ObjectNode> events = new ArrayList<>();
    private KeyPair keys;
    private ShutdownCoordinator coordinator;

    @BeforeEach
    void setUp() throws Exception {
        keys = Keys.generate();
        ShutdownConfig config = new ShutdownConfig(dir.resolve("k.key"), Duration.ofMinutes(5),
                List.of(new ShutdownConfig.Group("batch", List.of("b1", "b2")), new ShutdownConfig.Group("db", List.of("db1"))),
                List.of(new ShutdownConfig.Policy("flood", List.of("leak"), Severity.CRITICAL, Duration.ofSeconds(60),
                        List.of("batch", "db"), Duration.ofSeconds(30))));
        coordinator = new ShutdownCoordinator("site", "room", config, keys, new CommandSeq(dir), alarms,
                new ShutdownCoordinator.Outbox() {
                    @Override
                    public void command(String group, byte[] envelope) {
                        commands.add(new String[] {group, new String(envelope, StandardCharsets.UTF_8)});
                    }

                    @Override
                    public void progress(String policy, byte[] payload) {
                        try {
                            progress.add(Json.MAPPER.readTree(payload));
                        } catch (java.io.IOException e) {
                            throw new AssertionError(e);
                        }
                    }

                    @Override
                    public void event(ObjectNode event) {
                        events.add(event);
                    }
                });
    }

    private void leak(Severity level, Instant at) {
        alarms.apply(new Verdict("leak", level, false, List.of("leak-1"), level != null, null, "leak"), at);
        coordinator.evaluate(at);
    }

    private void tick(long seconds) {
        coordinator.evaluate(T0.plusSeconds(seconds));
    }

    /** The command as a listener of that group would verify it. */
    private Command verified(String[] command) {
        Verifier v = new Verifier("site", Set.of(command[0]), Map.of(Keys.id(keys.getPublic()), keys.getPublic()));
        Instant issued;
        try {
            issued = Instant.parse(Json.MAPPER.readTree(Json.MAPPER.readTree(command[1]).get("body").asText())
                    .get("issued").asText());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        Verifier.Result r = v.check(command[0], command[1].getBytes(StandardCharsets.UTF_8), issued,
                new Verifier.History() {
                    @Override
                    public long lastSeq(String agent) {
                        return -1;
                    }

                    @Override
                    public String lastSig(String agent) {
                        return null;
                    }
                });
        assertTrue(r.accepted(), r.reason());
        return r.command();
    }

    private String lastState() {
        return progress.get(progress.size() - 1).get("state").asText();
    }

    @Test
    void commandsTheGroupsInOrderWithTheStaggerThenCompletes() {
        leak(Severity.CRITICAL, T0);
        assertEquals(1, commands.size());
        Command first = verified(commands.get(0));
        assertEquals("batch", first.group());
        assertEquals(Command.Action.SHUTDOWN, first.action());
        assertEquals(60, first.delaySeconds());
        assertEquals(List.of("leak"), first.alarms());
        assertEquals(T0.plus(Duration.ofMinutes(5)), first.expires());
        tick(29);
        assertEquals(1, commands.size(), "the second group waits for the stagger");
        tick(30);
        assertEquals(2, commands.size());
        Command second = verified(commands.get(1));
        assertEquals("db", second.group());
        assertTrue(second.seq() > first.seq());
        assertEquals("issued", lastState());
        tick(89);
        assertEquals("issued", lastState());
        tick(90);
        assertEquals("complete", lastState());
        JsonNode groups = progress.get(progress.size() - 1).get("groups");
        assertEquals("no_answer", groups.get("db").get("db1").asText());
        assertEquals(3, progress.get(progress.size() - 1).get("no_answer").size(), "b1, b2 and db1 never answered");
    }

    @Test
    void alarmsClearingDuringTheCountdownCancelAndTheNextGroupIsNeverCommanded() {
        leak(Severity.CRITICAL, T0);
        leak(null, T0.plusSeconds(10));
        assertEquals(2, commands.size());
        Command cancel = verified(commands.get(1));
        assertEquals(Command.Action.CANCEL, cancel.action());
        assertEquals("batch", cancel.group());
        assertEquals("cancelled", lastState());
        tick(120);
        assertEquals(2, commands.size(), "db is never commanded");
        assertTrue(events.stream().anyMatch(e -> e.get("step").asText().equals("cancel_sent")));
    }

    @Test
    void aCountdownThatHasEndedIsNotTakenBack() {
        leak(Severity.CRITICAL, T0);
        tick(30);
        tick(60);
        leak(null, T0.plusSeconds(70));
        assertEquals(3, commands.size());
        Command cancel = verified(commands.get(2));
        assertEquals("db", cancel.group(), "only the group still counting down is cancelled");
        assertEquals(Command.Action.CANCEL, cancel.action());
    }

    @Test
    void anAlarmBelowThePolicySeverityCommandsNothing() {
        leak(Severity.WARNING, T0);
        tick(120);
        assertTrue(commands.isEmpty());
        leak(Severity.CRITICAL, T0.plusSeconds(121));
        assertEquals(1, commands.size(), "escalation to critical fires the policy");
    }

    @Test
    void acknowledgementsShowPerHostAndSilentHostsAreNamed() {
        leak(Severity.CRITICAL, T0);
        long seq = verified(commands.get(0)).seq();
        coordinator.acknowledgement("vigie/site/shutdown/batch/ack/b1",
                ("{\"host\":\"b1\",\"group\":\"batch\",\"seq\":" + seq + ",\"state\":\"countdown\"}")
                        .getBytes(StandardCharsets.UTF_8), T0.plusSeconds(1));
        JsonNode hosts = progress.get(progress.size() - 1).get("groups").get("batch");
        assertEquals("countdown", hosts.get("b1").asText());
        assertEquals("sent", hosts.get("b2").asText());
        tick(61);
        hosts = progress.get(progress.size() - 1).get("groups").get("batch");
        assertEquals("countdown", hosts.get("b1").asText());
        assertEquals("no_answer", hosts.get("b2").asText());
        coordinator.acknowledgement("vigie/site/shutdown/batch/ack/b1", "junk".getBytes(StandardCharsets.UTF_8),
                T0.plusSeconds(62));
    }

    @Test
    void aPolicyFiresAgainOnlyAfterItsAlarmsHaveFallenBack() {
        leak(Severity.CRITICAL, T0);
        tick(30);
        tick(90);
        assertEquals("complete", lastState());
        tick(200);
        assertEquals(2, commands.size(), "still raised: no second run");
        leak(null, T0.plusSeconds(300));
        leak(Severity.CRITICAL, T0.plusSeconds(400));
        assertEquals(3, commands.size());
        assertEquals("pending", lastState());
    }
}
