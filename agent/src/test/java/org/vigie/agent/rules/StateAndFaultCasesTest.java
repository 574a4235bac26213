package org.vigie.agent.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.vigie.agent.rules.Scenario.above;
import static org.vigie.agent.rules.Scenario.fault;
import static org.vigie.agent.rules.Scenario.flag;
import static org.vigie.agent.rules.Scenario.num;
import static org.vigie.agent.rules.Scenario.stale;
import static org.vigie.agent.rules.Scenario.timing;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vigie.agent.config.RuleConfig;
import org.vigie.agent.config.Severity;

/** when: active / inactive, and the automatic {@code <channel>.fault} alarm. */
class StateAndFaultCasesTest {

    private static final RuleConfig.Timing NOW = RuleConfig.Timing.NONE;

    private static RuleConfig when(String id, String channel, boolean active, Severity severity, RuleConfig.Timing timing) {
        return new RuleConfig.State(id, channel, active, severity, timing);
    }

    static Stream<Scenario> cases() {
        return Stream.of(
                Scenario.of("when active: water raises at its severity and clears when dry",
                        List.of(when("basement-leak", "leak", true, Severity.CRITICAL, NOW)),
                        List.of(flag(0, "leak", false), flag(10, "leak", true), flag(15, "leak", true), flag(20, "leak", false)),
                        "10 basement-leak raised critical", "20 basement-leak cleared critical"),
                Scenario.of("when active: an input active from the first reading raises at once",
                        List.of(when("basement-leak", "leak", true, Severity.CRITICAL, NOW)),
                        List.of(flag(0, "leak", true)),
                        "0 basement-leak raised critical"),
                Scenario.of("when inactive: mains lost raises, mains back clears",
                        List.of(when("mains-lost", "mains", false, Severity.WARNING, NOW)),
                        List.of(flag(0, "mains", true), flag(10, "mains", false), flag(20, "mains", true)),
                        "10 mains-lost raised warning", "20 mains-lost cleared warning"),
                Scenario.of("when active with for: a blip raises nothing, a lasting state raises at for",
                        List.of(when("basement-leak", "leak", true, Severity.CRITICAL, timing(5, 0))),
                        List.of(flag(0, "leak", false), flag(10, "leak", true), flag(12, "leak", false),
                                flag(20, "leak", true), flag(30, "leak", true)),
                        "25 basement-leak raised critical"),
                Scenario.of("when active on a numeric 0/1 channel: non-zero is active",
                        List.of(when("door-open", "t", true, Severity.INFO, NOW)),
                        List.of(num(0, "t", 0), num(10, "t", 1), num(20, "t", 0)),
                        "10 door-open raised info", "20 door-open cleared info"),
                Scenario.of("a fault on a boolean channel raises its fault alarm and holds the leak alarm",
                        List.of(when("basement-leak", "leak", true, Severity.CRITICAL, NOW)),
                        List.of(flag(0, "leak", true), fault(10, "leak"), flag(20, "leak", true), flag(30, "leak", false)),
                        "0 basement-leak raised critical", "10 leak.fault raised warning", "20 leak.fault cleared warning",
                        "30 basement-leak cleared critical"),
                Scenario.of("a fault from the first reading raises only the fault alarm",
                        List.of(when("basement-leak", "leak", true, Severity.CRITICAL, NOW)),
                        List.of(fault(0, "leak"), flag(10, "leak", false)),
                        "0 leak.fault raised warning", "10 leak.fault cleared warning"),
                Scenario.of("stale raises the fault alarm once; fault after stale is the same alarm",
                        List.of(),
                        List.of(num(0, "t", 21), stale(10, "t"), stale(20, "t"), fault(30, "t"), num(40, "t", 21)),
                        "10 t.fault raised warning", "40 t.fault cleared warning"),
                Scenario.of("a channel no rule reads still gets its fault alarm",
                        List.of(above("hot", "t1", 30.0, null, 0, NOW)),
                        List.of(num(0, "t2", 21), fault(10, "t2"), num(20, "t2", 21), fault(30, "t2")),
                        "10 t2.fault raised warning", "20 t2.fault cleared warning", "30 t2.fault raised warning"),
                Scenario.of("an escalation during a fault waits for a good reading",
                        List.of(above("hot", "t", 30.0, 35.0, 0, timing(0, 0))),
                        List.of(num(0, "t", 31), fault(10, "t"), num(20, "t", 36)),
                        "0 hot raised warning", "10 t.fault raised warning", "20 t.fault cleared warning",
                        "20 hot escalated critical"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void transitionsAreTheExpectedOnes(Scenario s) {
        assertEquals(String.join("\n", s.expected()), String.join("\n", s.run()));
    }
}
