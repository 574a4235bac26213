package org.vigie.agent.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.vigie.agent.config.Durations;
import org.vigie.agent.config.RuleConfig;
import org.vigie.sensors.ChannelSpec;
import org.vigie.sensors.Reading;

/**
 * {@code rate}: the change per {@code per}, estimated robustly over a sliding {@code window} of
 * good readings. It decides only once the window is at least half covered by 3 readings or more;
 * before that it holds.
 */
final class RateRule implements Rule {
    private static final int MAX_SAMPLES = 256;

    private record Sample(Instant ts, double value) {
    }

    private final RuleConfig.Rate config;
    private final ChannelSpec channel;
    private final Latch latch;
    private final Deque<Sample> window = new ArrayDeque<>();
    private final double[] seconds = new double[MAX_SAMPLES];
    private final double[] values = new double[MAX_SAMPLES];
    private Instant lastTs;

    RateRule(RuleConfig.Rate config, ChannelSpec channel) {
        this.config = config;
        this.channel = channel;
        this.latch = new Latch(config.timing().raiseFor(), config.timing().clearFor());
    }

    @Override
    public RuleConfig config() {
        return config;
    }

    @Override
    public void restore(org.vigie.agent.config.Severity level) {
        latch.restore();
    }

    @Override
    public boolean waiting() {
        return latch.waiting();
    }

    @Override
    public List<Verdict> evaluate(Map<String, Reading> latest, Instant now) {
        Reading r = latest.get(config.channel());
        List<String> sensors = List.of(config.channel());
        if (r == null || !r.good()) {
            return List.of(Verdict.hold(config.id(), sensors));
        }
        if (!r.ts().equals(lastTs)) {
            lastTs = r.ts();
            window.addLast(new Sample(r.ts(), r.asDouble()));
            if (window.size() > MAX_SAMPLES) {
                window.removeFirst();
            }
        }
        Instant oldest = now.minus(config.window());
        while (!window.isEmpty() && window.peekFirst().ts().isBefore(oldest)) {
            window.removeFirst();
        }
        if (window.size() < 3 || Duration.between(window.peekFirst().ts(), window.peekLast().ts())
                .compareTo(config.window().dividedBy(2)) < 0) {
            return List.of(Verdict.hold(config.id(), sensors));
        }
        double rate = rate();
        boolean above = config.direction() == RuleConfig.Direction.ABOVE;
        double h = latch.active() ? config.hysteresis() : 0.0;
        boolean beyond = above ? rate > config.limit() - h : rate < config.limit() + h;
        boolean on = latch.update(beyond, now);
        String per = Durations.format(config.per());
        String message = config.channel() + (rate >= 0 ? " rising " : " falling ") + Text.value(Math.abs(rate), channel)
                + " per " + per + " (limit " + Text.number(config.limit()) + " per " + per + ")";
        return List.of(new Verdict(config.id(), on ? config.severity() : null, false, sensors,
                round(rate), config.limit(), message));
    }

    private double rate() {
        int n = 0;
        Instant t0 = window.peekFirst().ts();
        for (Sample s : window) {
            seconds[n] = Duration.between(t0, s.ts()).toNanos() / 1e9;
            values[n] = s.value();
            n++;
        }
        return Slope.perSecond(seconds, values, n) * (config.per().toNanos() / 1e9);
    }

    private static double round(double d) {
        return Math.round(d * 1000.0) / 1000.0;
    }
}
