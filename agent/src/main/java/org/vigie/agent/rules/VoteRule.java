package org.vigie.agent.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.vigie.agent.config.RuleConfig;
import org.vigie.agent.config.Severity;
import org.vigie.sensors.ChannelSpec;
import org.vigie.sensors.Reading;

/**
 * {@code sensors} + {@code vote}: a level is raised when at least {@code vote} good channels are
 * beyond it. Channels that are not good do not vote. With fewer than {@code vote} good channels the
 * rule holds its state (it can neither raise nor clear on the evidence left) and raises its own
 * alarm {@code <rule>.quorum} (warning), so one broken probe neither raises nor hides a room alarm.
 */
final class VoteRule implements Rule {
    private final RuleConfig.Vote config;
    private final Map<String, ChannelSpec> channels;
    private final Levels levels;
    private final Latch state;
    private final String quorumAlarm;

    VoteRule(RuleConfig.Vote config, Map<String, ChannelSpec> channels) {
        this.config = config;
        this.channels = channels;
        this.levels = config.levels() == null ? null : new Levels(config.levels(), config.timing());
        this.state = new Latch(config.timing().raiseFor(), config.timing().clearFor());
        this.quorumAlarm = config.id() + ".quorum";
    }

    @Override
    public RuleConfig config() {
        return config;
    }

    @Override
    public void restore(org.vigie.agent.config.Severity level) {
        if (levels != null) {
            levels.restore(level);
        } else {
            state.restore();
        }
    }

    @Override
    public boolean waiting() {
        return levels != null ? levels.waiting() : state.waiting();
    }

    @Override
    public List<Verdict> evaluate(Map<String, Reading> latest, Instant now) {
        List<Reading> good = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        for (String c : config.channels()) {
            Reading r = latest.get(c);
            if (r == null) {
                // Not read yet (the agent is starting): no vote and no quorum verdict until it is,
                // or until it turns stale.
                return List.of(Verdict.hold(config.id(), config.channels()), Verdict.hold(quorumAlarm, config.channels()));
            }
            if (r.good()) {
                good.add(r);
            } else {
                bad.add(c);
            }
        }
        int k = config.vote();
        Verdict quorum = good.size() >= k
                ? new Verdict(quorumAlarm, null, false, config.channels(), (double) good.size(), (double) k,
                config.id() + ": " + good.size() + " of " + config.channels().size() + " sensors good again")
                : new Verdict(quorumAlarm, Severity.WARNING, false, config.channels(), (double) good.size(), (double) k,
                config.id() + ": only " + good.size() + " of " + config.channels().size() + " sensors good, "
                        + k + " needed to vote (not good: " + String.join(", ", bad) + ")");
        if (good.size() < k) {
            return List.of(Verdict.hold(config.id(), config.channels()), quorum);
        }
        return List.of(levels != null ? byLevels(good, now) : byState(good, now), quorum);
    }

    private Verdict byLevels(List<Reading> good, Instant now) {
        boolean warnHeld = levels.latch(Severity.WARNING).active();
        boolean critHeld = levels.latch(Severity.CRITICAL).active();
        List<String> warnVoters = new ArrayList<>();
        List<String> critVoters = new ArrayList<>();
        for (Reading r : good) {
            if (levels.beyond(r.asDouble(), Severity.WARNING, warnHeld)) {
                warnVoters.add(r.channel() + " " + Text.value(r.asDouble(), channels.get(r.channel())));
            }
            if (levels.beyond(r.asDouble(), Severity.CRITICAL, critHeld)) {
                critVoters.add(r.channel() + " " + Text.value(r.asDouble(), channels.get(r.channel())));
            }
        }
        int k = config.vote();
        Severity level = levels.update(warnVoters.size() >= k, critVoters.size() >= k, now);
        Double threshold = levels.shownThreshold(level);
        List<String> voters = level == Severity.CRITICAL ? critVoters : warnVoters;
        String unit = Text.value(threshold, channels.get(config.channels().get(0)));
        String message = level == null
                ? config.id() + ": fewer than " + k + " of " + config.channels().size() + " sensors beyond " + unit
                : voters.size() + " of " + config.channels().size() + " sensors " + config.levels().direction().wire()
                + " " + level.wire() + " " + unit + " (" + String.join(", ", voters) + ")";
        return new Verdict(config.id(), level, false, config.channels(), (double) voters.size(), threshold, message);
    }

    private Verdict byState(List<Reading> good, Instant now) {
        List<String> voters = new ArrayList<>();
        for (Reading r : good) {
            if ((r.asDouble() != 0.0) == config.active()) {
                voters.add(r.channel());
            }
        }
        boolean on = state.update(voters.size() >= config.vote(), now);
        String what = config.active() ? "active" : "inactive";
        String message = voters.size() + " of " + config.channels().size() + " sensors " + what
                + (voters.isEmpty() ? "" : " (" + String.join(", ", voters) + ")");
        return new Verdict(config.id(), on ? config.severity() : null, false, config.channels(),
                (double) voters.size(), (double) config.vote(), message);
    }
}
