package org.vigie.agent.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.vigie.agent.rules.Scenario.fault;
import static org.vigie.agent.rules.Scenario.flag;
import static org.vigie.agent.rules.Scenario.num;
import static org.vigie.agent.rules.Scenario.stale;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vigie.agent.config.RuleConfig;
import org.vigie.agent.config.RuleConfig.Direction;
import org.vigie.agent.config.RuleConfig.Levels;
import org.vigie.agent.config.Severity;

/**
 * sensors + vote: k of n good channels must agree; a channel that is not good does not vote, and
 * fewer than k good channels raise {@code <rule>.quorum} while the room alarm holds its state.
 */
class VoteCasesTest {

    private static final List<String> RACKS = List.of("t1", "t2", "t3");

    /** room-hot: 2 of t1, t2, t3 above critical 35. */
    private static final RuleConfig ROOM_HOT = new RuleConfig.Vote("room-hot", RACKS, 2,
            new Levels(Direction.ABOVE, null, 35.0, 0), null, Severity.WARNING, RuleConfig.Timing.NONE);

    private static List<Scenario.Step> all(int at, double value) {
        return List.of(num(at, "t1", value), num(at, "t2", value), num(at, "t3", value));
    }

    private static List<Scenario.Step> then(List<Scenario.Step> first, Scenario.Step... more) {
        return Scenario.steps(first, List.of(more));
    }

    static Stream<Scenario> cases() {
        return Stream.of(
                Scenario.of("2 of 3 above raises; back to 1 of 3 clears",
                        List.of(ROOM_HOT),
                        then(all(0, 30), num(10, "t1", 36), num(20, "t2", 37), num(30, "t1", 30)),
                        "20 room-hot raised critical", "30 room-hot cleared critical"),
                Scenario.of("1 of 3 above raises nothing",
                        List.of(ROOM_HOT),
                        then(all(0, 30), num(10, "t3", 50), num(20, "t3", 60))),
                Scenario.of("a broken probe does not vote: 1 hot + 1 fault raises nothing",
                        List.of(ROOM_HOT),
                        then(all(0, 30), num(10, "t1", 36), fault(20, "t2")),
                        "20 t2.fault raised warning"),
                Scenario.of("the two good probes of three still raise when one is broken",
                        List.of(ROOM_HOT),
                        then(all(0, 30), fault(10, "t2"), num(20, "t1", 36), num(30, "t3", 36)),
                        "10 t2.fault raised warning", "30 room-hot raised critical"),
                Scenario.of("fewer than 2 good: quorum warning, and the room alarm holds until 2 are good again",
                        List.of(ROOM_HOT),
                        then(all(0, 36), fault(10, "t1"), fault(20, "t2"), num(30, "t3", 20), num(40, "t1", 20)),
                        "0 room-hot raised critical", "10 t1.fault raised warning", "20 t2.fault raised warning",
                        "20 room-hot.quorum raised warning", "40 t1.fault cleared warning",
                        "40 room-hot cleared critical", "40 room-hot.quorum cleared warning"),
                Scenario.of("fewer than 2 good: a hot probe alone does not raise the room alarm",
                        List.of(ROOM_HOT),
                        then(all(0, 30), stale(10, "t1"), stale(10, "t2"), num(20, "t3", 40)),
                        "10 t1.fault raised warning", "10 t2.fault raised warning", "10 room-hot.quorum raised warning"),
                Scenario.of("channels not read yet: no vote and no quorum alarm",
                        List.of(ROOM_HOT),
                        List.of(num(0, "t1", 36), fault(10, "t2"), num(20, "t1", 37)),
                        "10 t2.fault raised warning"),
                Scenario.of("when active: 2 of 2 leak sensors must agree",
                        List.of(new RuleConfig.Vote("flood", List.of("leak", "leak2"), 2, null, true, Severity.CRITICAL,
                                RuleConfig.Timing.NONE)),
                        List.of(flag(0, "leak", false), flag(0, "leak2", false), flag(10, "leak", true),
                                flag(20, "leak2", true), flag(30, "leak", false)),
                        "20 flood raised critical", "30 flood cleared critical"),
                Scenario.of("vote with warning and critical escalates as one alarm",
                        List.of(new RuleConfig.Vote("room-hot", RACKS, 2, new Levels(Direction.ABOVE, 30.0, 35.0, 0), null,
                                Severity.WARNING, RuleConfig.Timing.NONE)),
                        then(all(0, 25), num(10, "t1", 31), num(10, "t2", 36), num(20, "t3", 36), num(30, "t3", 25),
                                num(40, "t1", 25)),
                        "10 room-hot raised warning", "20 room-hot escalated critical", "30 room-hot deescalated warning",
                        "40 room-hot cleared warning"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void transitionsAreTheExpectedOnes(Scenario s) {
        assertEquals(String.join("\n", s.expected()), String.join("\n", s.run()));
    }
}
