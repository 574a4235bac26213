package org.vigie.agent.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.vigie.agent.rules.Scenario.above;
import static org.vigie.agent.rules.Scenario.below;
import static org.vigie.agent.rules.Scenario.fault;
import static org.vigie.agent.rules.Scenario.num;
import static org.vigie.agent.rules.Scenario.stale;
import static org.vigie.agent.rules.Scenario.timing;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vigie.agent.config.RuleConfig;

/** above/below thresholds: levels, hysteresis, for, clear_for, escalation, and inputs that are not good. */
class ThresholdCasesTest {

    private static final RuleConfig.Timing NOW = RuleConfig.Timing.NONE;

    static Stream<Scenario> cases() {
        return Stream.of(
                Scenario.of("raises past the threshold and clears back under it",
                        List.of(above("hot", "t", 30.0, null, 0, NOW)),
                        List.of(num(0, "t", 25), num(10, "t", 30), num(20, "t", 31), num(30, "t", 29.9)),
                        "20 hot raised warning", "30 hot cleared warning"),
                Scenario.of("hysteresis: clears only at threshold - hysteresis, then raises again past the threshold",
                        List.of(above("hot", "t", 30.0, null, 2, NOW)),
                        List.of(num(0, "t", 25), num(10, "t", 31), num(20, "t", 29.5), num(30, "t", 28.5),
                                num(40, "t", 28), num(50, "t", 29.9), num(60, "t", 30.5)),
                        "10 hot raised warning", "40 hot cleared warning", "60 hot raised warning"),
                Scenario.of("hysteresis: a value wobbling around the threshold raises once",
                        List.of(above("hot", "t", 30.0, null, 1, NOW)),
                        List.of(num(0, "t", 29.9), num(5, "t", 30.1), num(10, "t", 29.8), num(15, "t", 30.2),
                                num(20, "t", 29.7), num(25, "t", 30.1)),
                        "5 hot raised warning"),
                Scenario.of("for: an excursion shorter than for raises nothing",
                        List.of(above("hot", "t", 30.0, null, 0, timing(30, 0))),
                        List.of(num(0, "t", 25), num(10, "t", 31), num(20, "t", 32), num(39, "t", 29), num(80, "t", 29))),
                Scenario.of("for: a long excursion raises exactly for after it began, between readings",
                        List.of(above("hot", "t", 30.0, null, 0, timing(30, 0))),
                        List.of(num(0, "t", 25), num(10, "t", 31), num(25, "t", 29), num(30, "t", 31),
                                num(55, "t", 32), num(80, "t", 25)),
                        "60 hot raised warning", "80 hot cleared warning"),
                Scenario.of("clear_for: normal for less than clear_for keeps the alarm; long enough clears it",
                        List.of(above("hot", "t", 30.0, null, 0, timing(0, 20))),
                        List.of(num(0, "t", 31), num(10, "t", 25), num(20, "t", 31), num(30, "t", 25), num(60, "t", 25)),
                        "0 hot raised warning", "50 hot cleared warning"),
                Scenario.of("escalation and de-escalation change the severity of one alarm",
                        List.of(above("hot", "t", 30.0, 35.0, 0, NOW)),
                        List.of(num(0, "t", 25), num(10, "t", 31), num(20, "t", 36), num(30, "t", 33),
                                num(40, "t", 36), num(50, "t", 25)),
                        "10 hot raised warning", "20 hot escalated critical", "30 hot deescalated warning",
                        "40 hot escalated critical", "50 hot cleared critical"),
                Scenario.of("a jump straight past critical raises critical, without a warning first",
                        List.of(above("hot", "t", 30.0, 35.0, 0, NOW)),
                        List.of(num(0, "t", 25), num(10, "t", 40), num(20, "t", 20)),
                        "10 hot raised critical", "20 hot cleared critical"),
                Scenario.of("with for, a jump past both levels raises critical once, at for",
                        List.of(above("hot", "t", 30.0, 35.0, 0, timing(10, 0))),
                        List.of(num(0, "t", 25), num(10, "t", 40), num(30, "t", 40)),
                        "20 hot raised critical"),
                Scenario.of("critical de-escalates only below critical - hysteresis",
                        List.of(above("hot", "t", 30.0, 35.0, 1, NOW)),
                        List.of(num(0, "t", 36), num(10, "t", 34.5), num(20, "t", 34), num(30, "t", 29.5), num(40, "t", 29)),
                        "0 hot raised critical", "20 hot deescalated warning", "40 hot cleared warning"),
                Scenario.of("below: falls past warning then critical, and recovers with hysteresis",
                        List.of(below("cold", "t", 18.0, 15.0, 1, NOW)),
                        List.of(num(0, "t", 20), num(10, "t", 17), num(20, "t", 14), num(30, "t", 15.5),
                                num(40, "t", 16.5), num(50, "t", 18.5), num(60, "t", 19)),
                        "10 cold raised warning", "20 cold escalated critical", "40 cold deescalated warning",
                        "60 cold cleared warning"),
                Scenario.of("below with only a critical level",
                        List.of(below("frozen", "t", null, 5.0, 0, NOW)),
                        List.of(num(0, "t", 10), num(10, "t", 4), num(20, "t", 6)),
                        "10 frozen raised critical", "20 frozen cleared critical"),
                Scenario.of("a fault neither clears a raised alarm nor raises one; good again decides",
                        List.of(above("hot", "t", 30.0, null, 0, NOW)),
                        List.of(num(0, "t", 31), fault(10, "t"), stale(20, "t"), num(30, "t", 25)),
                        "0 hot raised warning", "10 t.fault raised warning", "30 t.fault cleared warning",
                        "30 hot cleared warning"),
                Scenario.of("a stale input does not raise a threshold alarm",
                        List.of(above("hot", "t", 30.0, null, 0, NOW)),
                        List.of(num(0, "t", 25), stale(10, "t"), num(20, "t", 26)),
                        "10 t.fault raised warning", "20 t.fault cleared warning"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void transitionsAreTheExpectedOnes(Scenario s) {
        assertEquals(String.join("\n", s.expected()), String.join("\n", s.run()));
    }
}
