package org.vigie.agent.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.vigie.agent.config.RuleConfig.Direction;
import org.vigie.agent.config.RuleConfig.Levels;
import org.vigie.agent.config.RuleConfig.Timing;
import org.vigie.sensors.ChannelSpec;
import org.vigie.sensors.ValueType;

/** The {@code rules:} section: each rule validated against the sensors' channels. */
final class RuleParser {

    private static final Set<String> SEVERITIES = Set.of("info", "warning", "critical");
    private static final List<String> KINDS = List.of("above", "below", "when", "rate");

    private final ChannelIndex index;
    private final Set<String> failed = new java.util.HashSet<>();

    RuleParser(ChannelIndex index) {
        this.index = index;
    }

    List<RuleConfig> parseAll(Located root) {
        List<RuleConfig> rules = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (Located r : root.mappings("rules").orElse(List.of())) {
            String id = r.identifier("id", true).orElse(null);
            if (id != null && seen.putIfAbsent(id, r.path()) != null) {
                r.problem("id", "duplicate rule id " + id + " (also " + seen.get(id) + ")");
            }
            RuleConfig rule = rule(r, id == null ? "rule" : id);
            if (rule != null && id != null) {
                rules.add(rule);
            } else if (id != null) {
                failed.add(id);
            }
        }
        return List.copyOf(rules);
    }

    /** Ids of rules written in the file that did not load: their problems are reported already. */
    Set<String> failed() {
        return Set.copyOf(failed);
    }

    private RuleConfig rule(Located r, String id) {
        Timing timing = new Timing(r.delay("for").orElse(Duration.ZERO), r.delay("clear_for").orElse(Duration.ZERO));
        List<String> kinds = KINDS.stream().filter(r::has).toList();
        if (kinds.isEmpty()) {
            r.missing(KINDS, "above", "missing: what the rule checks: above, below, when or rate");
            r.knownAll();
            return null;
        }
        if (kinds.size() != 1) {
            r.problem(kinds.get(1), "give one of above, below, when, rate; this rule has " + String.join(", ", kinds));
            r.knownAll();
            return null;
        }
        String kind = kinds.get(0);
        boolean single = r.has("sensor");
        boolean multi = r.has("sensors");
        if (single && multi) {
            r.problem("sensors", "give sensor or sensors, not both");
            r.knownAll();
            return null;
        }
        if (!single && !multi) {
            r.missing(List.of("sensor", "sensors"), "sensor", "missing: the sensor (or sensors with vote) the rule reads");
            r.knownAll();
            return null;
        }
        Severity severity = r.choice("severity", SEVERITIES).map(Severity::of).orElse(Severity.WARNING);
        if (r.has("severity") && (kind.equals("above") || kind.equals("below"))) {
            r.problem("severity", "comes from the levels: write " + kind + ": {warning: …, critical: …}");
        }
        if (multi) {
            return vote(r, id, kind, severity, timing);
        }
        String channel = channel(r, "sensor", kind);
        return switch (kind) {
            case "above", "below" -> {
                Levels levels = levels(r, kind);
                yield channel == null || levels == null ? null : new RuleConfig.Threshold(id, channel, levels, timing);
            }
            case "when" -> {
                Boolean active = when(r);
                yield channel == null || active == null ? null
                        : new RuleConfig.State(id, channel, active, severity, timing);
            }
            default -> rate(r, id, channel, severity, timing);
        };
    }

    private RuleConfig vote(Located r, String id, String kind, Severity severity, Timing timing) {
        if (kind.equals("rate")) {
            r.problem("rate", "a rate rule reads one sensor; vote on above, below or when");
        }
        List<String> names = r.strings("sensors").orElse(List.of());
        List<String> channels = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String c = resolve(r, "sensors", i, names.get(i), kind);
            if (c != null) {
                if (channels.contains(c)) {
                    r.problem("sensors", i, "lists " + c + " twice");
                }
                channels.add(c);
            }
        }
        if (names.size() < 2) {
            r.problem("sensors", "must list at least 2 sensors to vote; for one, use sensor:");
        }
        if (!r.has("vote")) {
            r.problem("vote", "missing: how many of the " + names.size() + " sensors must agree");
        }
        int vote = (int) r.integer("vote", 1, Math.max(1, names.size())).orElse(1);
        Levels levels = kind.equals("above") || kind.equals("below") ? levels(r, kind) : null;
        Boolean active = kind.equals("when") ? when(r) : null;
        if (channels.size() != names.size() || (levels == null && active == null) || kind.equals("rate")) {
            return null;
        }
        return new RuleConfig.Vote(id, List.copyOf(channels), vote, levels, active, severity, timing);
    }

    private RuleConfig rate(Located r, String id, String channel, Severity severity, Timing timing) {
        Located rate = r.mapping("rate").orElse(null);
        if (rate == null) {
            return null;
        }
        Duration per = rate.duration("per").orElse(Duration.ofMinutes(1));
        Duration window = rate.duration("window").orElse(per);
        double hysteresis = hysteresis(rate);
        boolean above = rate.has("above");
        if (above == rate.has("below")) {
            rate.problem(above ? "below" : "above", above ? "give above or below, not both"
                    : "missing: above: X (change per period above X) or below: X (below X; a fall of 2 is below: -2)");
            return null;
        }
        Direction dir = above ? Direction.ABOVE : Direction.BELOW;
        Double limit = boxed(rate.number(dir.wire()));
        if (limit == null || channel == null) {
            return null;
        }
        return new RuleConfig.Rate(id, channel, dir, limit, per, window, hysteresis, severity, timing);
    }

    private Levels levels(Located r, String kind) {
        Located l = r.mapping(kind).orElse(null);
        double hysteresis = hysteresis(r);
        if (l == null) {
            return null;
        }
        Double warning = boxed(l.number("warning"));
        Double critical = boxed(l.number("critical"));
        if (!l.has("warning") && !l.has("critical")) {
            r.problem(kind, "missing: warning and/or critical, like " + kind + ": {warning: 27, critical: 32}");
            return null;
        }
        Direction dir = kind.equals("above") ? Direction.ABOVE : Direction.BELOW;
        if (warning != null && critical != null) {
            boolean ordered = dir == Direction.ABOVE ? warning < critical : warning > critical;
            if (!ordered) {
                r.problem(kind, "warning (" + fmt(warning) + ") must be " + (dir == Direction.ABOVE ? "below" : "above")
                        + " critical (" + fmt(critical) + ") for " + kind);
            }
        }
        return new Levels(dir, warning, critical, hysteresis);
    }

    private static double hysteresis(Located r) {
        double h = r.number("hysteresis").orElse(0.0);
        if (h < 0) {
            r.problem("hysteresis", "must be 0 or more, was " + fmt(h));
            return 0;
        }
        return h;
    }

    private static Boolean when(Located r) {
        return r.choice("when", Set.of("active", "inactive")).map("active"::equals).orElse(null);
    }

    private String channel(Located r, String key, String kind) {
        return r.string(key).map(name -> resolve(r, key, -1, name, kind)).orElse(null);
    }

    /** The channel {@code name} resolves to; problems go to {@code key}, or to its item {@code item} when not -1. */
    private String resolve(Located r, String key, int item, String name, String kind) {
        StringBuilder why = new StringBuilder();
        Optional<ChannelSpec> c = index.resolve(name, why);
        if (c.isEmpty()) {
            if (!why.isEmpty()) {
                problem(r, key, item, why.toString());
            }
            return null;
        }
        if (!kind.equals("when") && c.get().type() == ValueType.BOOLEAN) {
            problem(r, key, item, c.get().address() + " is true/false; use when: active");
            return null;
        }
        return c.get().address();
    }

    private static void problem(Located r, String key, int item, String message) {
        if (item < 0) {
            r.problem(key, message);
        } else {
            r.problem(key, item, message);
        }
    }

    private static Double boxed(java.util.OptionalDouble d) {
        return d.isPresent() ? d.getAsDouble() : null;
    }

    static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
