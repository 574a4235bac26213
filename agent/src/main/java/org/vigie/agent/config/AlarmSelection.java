package org.vigie.agent.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a route's {@code alarms}/{@code sensors} or a shutdown policy's {@code on} selects: alarm
 * ids and glob patterns ({@code ups-*}, {@code *.fault}) resolved against the
 * {@link AlarmCatalog} at load time, so the running agent only ever sees concrete ids.
 *
 * <p>A shutdown must never come from a missing reading by accident: in {@code on}, a pattern
 * selects fault and quorum alarms only when it ends in {@code .fault} or {@code .quorum} itself,
 * and every alarm selected must be able to reach the policy's severity. A channel's fault alarm
 * selected brings its sensor's fault alarm along, which stands for it when the whole device fails.
 */
final class AlarmSelection {

    private static final int LISTED = 3;

    private AlarmSelection() {
    }

    /** The alarms a route's {@code key} (ids or patterns) names, each problem reported at its item. */
    static Set<String> forRoute(Located at, String key, AlarmCatalog catalog) {
        Set<String> out = new LinkedHashSet<>();
        List<String> named = at.strings(key).orElse(List.of());
        for (int i = 0; i < named.size(); i++) {
            String name = named.get(i);
            if (Globs.isGlob(name)) {
                List<AlarmCatalog.Entry> matches = catalog.matching(name);
                if (matches.isEmpty()) {
                    at.problem(key, i, "pattern " + name + " matches no alarm; " + kinds());
                }
                matches.forEach(e -> out.add(e.id()));
            } else if (exact(at, key, i, name, catalog) != null) {
                out.add(name);
            }
        }
        return withSensorFaults(out, catalog);
    }

    /**
     * Adds, for every channel fault alarm selected, the sensor fault alarm that replaces it when
     * the whole device fails: naming {@code ups-1.on_battery.fault} must not go quiet (nor cancel
     * a shutdown) because all of ups-1 died and {@code ups-1.fault} was raised instead.
     */
    private static Set<String> withSensorFaults(Set<String> ids, AlarmCatalog catalog) {
        Set<String> out = new LinkedHashSet<>(ids);
        ids.forEach(id -> {
            String sensor = catalog.standsFor(id);
            if (sensor != null) {
                out.add(sensor);
            }
        });
        return out;
    }

    /** The alarms behind the sensors a route's {@code key} names (ids or patterns of sensor ids). */
    static Set<String> bySensors(Located at, String key, AlarmCatalog catalog, Set<String> sensorIds) {
        Set<String> out = new LinkedHashSet<>();
        List<String> named = at.strings(key).orElse(List.of());
        for (int i = 0; i < named.size(); i++) {
            String name = named.get(i);
            List<String> sensors = Globs.isGlob(name)
                    ? sensorIds.stream().filter(Globs.compile(name).asMatchPredicate()).toList()
                    : sensorIds.contains(name) ? List.of(name) : List.of();
            if (sensors.isEmpty() && !catalog.reportedElsewhere(name)) {
                String close = Globs.isGlob(name) ? null : Suggest.closest(name, sensorIds);
                at.problem(key, i, (Globs.isGlob(name) ? "pattern " + name + " matches no sensor" : "unknown sensor " + name)
                        + (close != null ? "; did you mean " + close + "?" : "; sensors are " + String.join(", ", sensorIds)));
            }
            sensors.forEach(s -> catalog.ofSensor(s).forEach(e -> out.add(e.id())));
        }
        return out;
    }

    /**
     * The alarms a shutdown policy's {@code key} names that can trigger it at {@code severity};
     * an alarm named by id that can never reach it, or a pattern none of whose alarms can, is a problem.
     */
    static List<String> forShutdown(Located at, String key, AlarmCatalog catalog, Severity severity) {
        Set<String> out = new LinkedHashSet<>();
        List<String> named = at.strings(key).orElse(List.of());
        for (int i = 0; i < named.size(); i++) {
            String name = named.get(i);
            if (!Globs.isGlob(name)) {
                AlarmCatalog.Entry e = exact(at, key, i, name, catalog);
                if (e != null && !e.highest().atLeast(severity)) {
                    at.problem(key, i, name + " can never trigger this policy: it is at most " + e.highest().wire()
                            + " (" + e.why() + "), and the policy acts at " + severity.wire() + " or above");
                } else if (e != null) {
                    out.add(name);
                }
                continue;
            }
            List<AlarmCatalog.Entry> all = catalog.matching(name);
            List<AlarmCatalog.Entry> chosen = all.stream().filter(e -> !e.kind().fault() || explicit(name, e)).toList();
            List<AlarmCatalog.Entry> reaching = chosen.stream().filter(e -> e.highest().atLeast(severity)).toList();
            if (chosen.isEmpty()) {
                at.problem(key, i, "pattern " + name + " matches no alarm" + (all.isEmpty() ? "; " + kinds()
                        : " that may shut down: it matches only fault or quorum alarms (" + ids(all)
                        + "), which a pattern selects for a shutdown only when it ends in .fault or .quorum"));
            } else if (reaching.isEmpty()) {
                at.problem(key, i, "pattern " + name + " can never trigger this policy: the alarms it matches are at most "
                        + chosen.stream().map(e -> e.highest()).max(Enum::compareTo).orElseThrow().wire() + " ("
                        + chosen.stream().limit(LISTED).map(e -> e.id() + ": " + e.why()).collect(Collectors.joining("; "))
                        + (chosen.size() > LISTED ? "; …" : "") + "), and the policy acts at " + severity.wire() + " or above");
            }
            reaching.forEach(e -> out.add(e.id()));
        }
        return new ArrayList<>(withSensorFaults(out, catalog));
    }

    /** A fault or quorum alarm is selected by a shutdown pattern only when the pattern names its kind. */
    private static boolean explicit(String pattern, AlarmCatalog.Entry e) {
        return e.kind() == AlarmCatalog.Kind.QUORUM ? pattern.endsWith(".quorum") : pattern.endsWith(".fault");
    }

    private static AlarmCatalog.Entry exact(Located at, String key, int i, String name, AlarmCatalog catalog) {
        AlarmCatalog.Entry e = catalog.entries().get(name);
        if (e == null && !catalog.reportedElsewhere(name)) {
            String close = catalog.closest(name);
            at.problem(key, i, "unknown alarm " + name + (close != null ? "; did you mean " + close + "?" : "; " + kinds()));
        }
        return e;
    }

    private static String ids(List<AlarmCatalog.Entry> entries) {
        return entries.stream().limit(LISTED).map(AlarmCatalog.Entry::id).collect(Collectors.joining(", "))
                + (entries.size() > LISTED ? ", …" : "");
    }

    private static String kinds() {
        return "alarms are rule ids, <rule>.quorum, <channel>.fault, <sensor>.fault and state_dir.fault, or patterns like ups-*";
    }
}
