package org.vigie.agent.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.vigie.agent.rules.Scenario.fault;
import static org.vigie.agent.rules.Scenario.line;
import static org.vigie.agent.rules.Scenario.num;
import static org.vigie.agent.rules.Scenario.steps;
import static org.vigie.agent.rules.Scenario.timing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vigie.agent.config.RuleConfig;
import org.vigie.agent.config.RuleConfig.Direction;
import org.vigie.agent.config.Severity;

/**
 * rate: change per period over a sliding window (Theil–Sen). Readings every 10 s; with a 1 min
 * window the rule decides once 30 s (half the window) are covered by 3 readings or more.
 */
class RateCasesTest {

    private static RuleConfig rate(Direction dir, double limit, double hysteresis, RuleConfig.Timing timing) {
        return new RuleConfig.Rate("rising", "t", dir, limit, Duration.ofMinutes(1), Duration.ofMinutes(1), hysteresis,
                Severity.WARNING, timing);
    }

    private static final RuleConfig RISING = rate(Direction.ABOVE, 2.0, 0, RuleConfig.Timing.NONE);

    /** 20 °C flat, with one reading of {@code spike} at 60 s. */
    private static List<Scenario.Step> flatWithSpike(double spike) {
        List<Scenario.Step> out = new ArrayList<>(line("t", 0, 180, 10, 20, 0));
        out.set(6, num(60, "t", spike));
        return out;
    }

    static Stream<Scenario> cases() {
        return Stream.of(
                Scenario.of("a steady climb of 3 °C/min raises once half the window is covered",
                        List.of(RISING),
                        line("t", 0, 120, 10, 20, 0.05),
                        "30 rising raised warning"),
                Scenario.of("a climb that levels off clears once the median slope falls to the limit",
                        List.of(RISING),
                        steps(line("t", 0, 180, 10, 20, 0.05), line("t", 190, 300, 10, 29, 0)),
                        "30 rising raised warning", "210 rising cleared warning"),
                Scenario.of("a climb of 1.5 °C/min stays under a 2 °C/min limit",
                        List.of(RISING),
                        line("t", 0, 300, 10, 20, 0.025)),
                Scenario.of("a single spike of +10 in a flat series does not raise",
                        List.of(RISING),
                        flatWithSpike(30)),
                Scenario.of("a single drop of -10 in a flat series does not raise a falling rate",
                        List.of(rate(Direction.BELOW, -2.0, 0, RuleConfig.Timing.NONE)),
                        flatWithSpike(10)),
                Scenario.of("a falling series of 3 °C/min raises below: -2",
                        List.of(rate(Direction.BELOW, -2.0, 0, RuleConfig.Timing.NONE)),
                        steps(line("t", 0, 120, 10, 30, -0.05)),
                        "30 rising raised warning"),
                Scenario.of("too few readings to cover half the window: no decision",
                        List.of(RISING),
                        List.of(num(0, "t", 20), num(10, "t", 25), num(20, "t", 30))),
                Scenario.of("a fault holds the rate alarm, and its reading is no sample",
                        List.of(RISING),
                        steps(line("t", 0, 60, 10, 20, 0.05), List.of(fault(70, "t")), line("t", 80, 120, 10, 20, 0.05)),
                        "30 rising raised warning", "70 t.fault raised warning", "80 t.fault cleared warning"),
                Scenario.of("readings every second (more than 24 in the window): a climb of 3 °C/min raises",
                        List.of(RISING),
                        line("t", 0, 90, 1, 20, 0.05),
                        "30 rising raised warning"),
                Scenario.of("readings every second: a spike of +10 held for 2 s in a flat series does not raise",
                        List.of(RISING),
                        steps(line("t", 0, 39, 1, 20, 0), List.of(num(40, "t", 30), num(41, "t", 30)),
                                line("t", 42, 120, 1, 20, 0))),
                Scenario.of("for: the rate must stay beyond the limit for 20 s",
                        List.of(rate(Direction.ABOVE, 2.0, 0, timing(20, 0))),
                        line("t", 0, 120, 10, 20, 0.05),
                        "50 rising raised warning"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void transitionsAreTheExpectedOnes(Scenario s) {
        assertEquals(String.join("\n", s.expected()), String.join("\n", s.run()));
    }
}
