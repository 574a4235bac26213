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
import org.vigie.agent.config.Severity;

/**
 * A sensor with several channels ({@code ups}: on_battery, charge_pct, runtime_s): one
 * {@code ups.fault} when all fail together, {@code <channel>.fault} for a channel failing alone.
 */
class FaultFoldCasesTest {

    private static List<Scenario.Step> all(int at, boolean good) {
        return good ? List.of(flag(at, "ups.on_battery", false), num(at, "ups.charge_pct", 100), num(at, "ups.runtime_s", 3600))
                : List.of(fault(at, "ups.on_battery"), fault(at, "ups.charge_pct"), fault(at, "ups.runtime_s"));
    }

    @SafeVarargs
    private static List<Scenario.Step> steps(List<Scenario.Step>... parts) {
        return Scenario.steps(parts);
    }

    static Stream<Scenario> cases() {
        RuleConfig onBattery = new RuleConfig.State("on-battery", "ups.on_battery", true, Severity.CRITICAL,
                RuleConfig.Timing.NONE);
        return Stream.of(
                Scenario.of("a dead device raises one sensor fault, and it clears when the device answers",
                        List.of(onBattery),
                        steps(all(0, true), all(10, false), all(11, false), all(20, true)),
                        "10 ups.fault raised warning", "20 ups.fault cleared warning"),
                Scenario.of("a device dead from the start raises one sensor fault",
                        List.of(), steps(all(0, false), all(5, false)),
                        "0 ups.fault raised warning"),
                Scenario.of("a channel failing alone raises its own fault once the other channels of its read are in",
                        List.of(),
                        steps(all(0, true), List.of(flag(10, "ups.on_battery", false), fault(10, "ups.charge_pct"),
                                num(10, "ups.runtime_s", 3600)), all(20, true)),
                        "11 ups.charge_pct.fault raised warning", "20 ups.charge_pct.fault cleared warning"),
                Scenario.of("a lone fault is folded into the sensor fault when the whole device fails",
                        List.of(),
                        steps(all(0, true), List.of(fault(10, "ups.charge_pct")), all(30, false)),
                        "11 ups.charge_pct.fault raised warning", "30 ups.fault raised warning",
                        "30 ups.charge_pct.fault cleared warning"),
                Scenario.of("partial recovery: the channels still bad raise their own, then the sensor fault clears",
                        List.of(),
                        steps(all(0, false), List.of(flag(40, "ups.on_battery", false), fault(40, "ups.charge_pct"),
                                num(40, "ups.runtime_s", 3000), fault(41, "ups.charge_pct"))),
                        "0 ups.fault raised warning", "41 ups.charge_pct.fault raised warning", "41 ups.fault cleared warning"),
                Scenario.of("a device that answers once between failures keeps its one sensor fault",
                        List.of(),
                        steps(all(0, false), List.of(flag(10, "ups.on_battery", false)), all(10, false), all(20, false)),
                        "0 ups.fault raised warning"),
                Scenario.of("every channel stale is the sensor fault too",
                        List.of(),
                        steps(all(0, true), List.of(stale(10, "ups.on_battery"), stale(10, "ups.charge_pct"),
                                stale(10, "ups.runtime_s")), all(15, true)),
                        "10 ups.fault raised warning", "15 ups.fault cleared warning"),
                Scenario.of("a single-channel sensor keeps its own fault alarm, at once",
                        List.of(), List.of(num(0, "t", 21), fault(10, "t"), num(12, "t", 21)),
                        "10 t.fault raised warning", "12 t.fault cleared warning"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void transitionsAreTheExpectedOnes(Scenario s) {
        assertEquals(String.join("\n", s.expected()), String.join("\n", s.run()));
    }
}
