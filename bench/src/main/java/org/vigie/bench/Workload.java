package org.vigie.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.vigie.agent.config.RuleConfig;
import org.vigie.agent.config.RuleConfig.Direction;
import org.vigie.agent.config.RuleConfig.Levels;
import org.vigie.agent.config.RuleConfig.Timing;
import org.vigie.agent.config.Severity;
import org.vigie.sensors.ChannelSpec;
import org.vigie.sensors.ValueType;

/**
 * A room of 100 channels and 100 rules, the mix a real configuration has: mostly above/below
 * thresholds with hysteresis, some {@code when}, some {@code rate}, a few {@code vote}.
 *
 * <ul>
 *   <li>{@code t00}–{@code t69}: temperatures, one threshold rule each (every 5th {@code below},
 *       every 4th with {@code for}/{@code clear_for});</li>
 *   <li>{@code d70}–{@code d81}: contacts read as 0/1, one {@code when: active} rule each;</li>
 *   <li>{@code r82}–{@code r93}: temperatures, one {@code rate} rule each (2 °C per minute);</li>
 *   <li>{@code v94}–{@code v99}: rack probes, 6 {@code vote: 2} rules over 3 of them each.</li>
 * </ul>
 */
final class Workload {
    static final int CHANNELS = 100;
    static final int THRESHOLDS = 70;
    static final int STATES = 12;
    static final int RATES = 12;
    static final int VOTES = 6;

    private Workload() {
    }

    static String channel(int i) {
        String prefix = i < THRESHOLDS ? "t" : i < THRESHOLDS + STATES ? "d" : i < THRESHOLDS + STATES + RATES ? "r" : "v";
        return String.format("%s%02d", prefix, i);
    }

    static boolean isContact(int i) {
        return i >= THRESHOLDS && i < THRESHOLDS + STATES;
    }

    static Map<String, ChannelSpec> channels() {
        Map<String, ChannelSpec> out = new LinkedHashMap<>();
        for (int i = 0; i < CHANNELS; i++) {
            String c = channel(i);
            out.put(c, isContact(i) ? new ChannelSpec(c, ValueType.NUMBER, null, "leak")
                    : new ChannelSpec(c, ValueType.NUMBER, "°C", "temperature"));
        }
        return out;
    }

    static List<RuleConfig> rules() {
        List<RuleConfig> out = new ArrayList<>();
        for (int i = 0; i < THRESHOLDS; i++) {
            Timing timing = i % 4 == 0 ? new Timing(Duration.ofSeconds(5), Duration.ofSeconds(10)) : Timing.NONE;
            Levels levels = i % 5 == 4
                    ? new Levels(Direction.BELOW, 15.0, 10.0, 1.0)
                    : new Levels(Direction.ABOVE, 27.0, 32.0, 1.0);
            out.add(new RuleConfig.Threshold("hot-" + channel(i), channel(i), levels, timing));
        }
        for (int i = THRESHOLDS; i < THRESHOLDS + STATES; i++) {
            out.add(new RuleConfig.State("leak-" + channel(i), channel(i), true, Severity.CRITICAL, Timing.NONE));
        }
        for (int i = THRESHOLDS + STATES; i < THRESHOLDS + STATES + RATES; i++) {
            out.add(new RuleConfig.Rate("rising-" + channel(i), channel(i), Direction.ABOVE, 2.0,
                    Duration.ofMinutes(1), Duration.ofMinutes(1), 0.5, Severity.WARNING, Timing.NONE));
        }
        int first = CHANNELS - VOTES;
        for (int k = 0; k < VOTES; k++) {
            List<String> probes = List.of(channel(first + k), channel(first + (k + 1) % VOTES),
                    channel(first + (k + 2) % VOTES));
            out.add(new RuleConfig.Vote("room-" + k, probes, 2, new Levels(Direction.ABOVE, 30.0, 35.0, 1.0), null,
                    Severity.CRITICAL, Timing.NONE));
        }
        return out;
    }

    /**
     * {@code n} values for channel {@code i}: a slow random walk around 22 °C (a contact: 0) that
     * crosses a threshold about once every 50 readings and comes back a few readings later.
     */
    static double[] values(int i, int n, long seed) {
        Random random = new Random(seed + i);
        double[] out = new double[n];
        double base = 22.0;
        int excursion = 0;
        double peak = 0;
        for (int k = 0; k < n; k++) {
            if (excursion == 0 && random.nextInt(50) == 0) {
                excursion = 2 + random.nextInt(4);
                peak = random.nextBoolean() ? 29.0 : 34.0;
            }
            base += random.nextGaussian() * 0.05;
            base = Math.max(18.0, Math.min(24.0, base));
            boolean beyond = excursion > 0;
            if (excursion > 0) {
                excursion--;
            }
            if (isContact(i)) {
                out[k] = beyond ? 1.0 : 0.0;
            } else if (i < THRESHOLDS && i % 5 == 4) {
                out[k] = beyond ? 40.0 - peak + random.nextGaussian() * 0.2 : base;
            } else {
                out[k] = beyond ? peak + random.nextGaussian() * 0.2 : base;
            }
        }
        return out;
    }
}
