package org.vigie.agent.board;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.vigie.agent.config.BoardConfig;
import org.vigie.agent.config.Severity;

/**
 * The public side of the fleet: each component's state and since when, and the incidents. Derived
 * from the fleet on every change, kept in {@code state_dir} with the fleet. Board thread only.
 */
final class PublicBook {
    /** A component's public state, and since when. */
    record ComponentState(String state, Instant since) {
    }

    static final String OPERATIONAL = "operational";
    static final String DEGRADED = "degraded";
    static final String MAJOR_OUTAGE = "major outage";
    static final String UNREACHABLE = "monitoring unreachable";
    /** Incidents kept (open ones always): the public history. */
    static final int KEEP = 50;

    final Map<String, ComponentState> states = new LinkedHashMap<>();
    final List<Incident> incidents = new ArrayList<>();
    int nextId = 1;
    /** When anything public last changed: the files' {@code updated}. */
    Instant changed = Instant.EPOCH;

    /** Recomputes states and incidents from the fleet; true when anything public changed. */
    boolean update(BoardConfig.Public pub, Fleet fleet, Instant now) {
        boolean changed = false;
        for (BoardConfig.Component c : pub.components()) {
            List<ActiveAlarm> raised = new ArrayList<>();
            boolean unreachable = false;
            for (String a : c.agents()) {
                AgentView v = fleet.get(c.site(), a);
                if (v == null || !v.reachable) {
                    unreachable = true;
                }
                if (v != null) {
                    raised.addAll(v.alarms.values());
                }
            }
            String state = state(raised, unreachable);
            ComponentState old = states.get(c.name());
            if (old == null || !old.state().equals(state)) {
                states.put(c.name(), new ComponentState(state, now));
                changed = true;
            }
            Set<PublicKind> kinds = new TreeSet<>();
            raised.stream().filter(x -> x.severity().atLeast(pub.incidentSeverity()))
                    .forEach(x -> kinds.add(PublicKind.of(x)));
            changed |= follow(c.name(), false, kinds, now);
            changed |= follow(c.name(), true, unreachable ? Set.of(PublicKind.UNREACHABLE) : Set.of(), now);
        }
        if (changed) {
            this.changed = now;
            trim();
        }
        return changed;
    }

    static String state(List<ActiveAlarm> raised, boolean unreachable) {
        Severity worst = raised.stream().map(ActiveAlarm::severity).max(Severity::compareTo).orElse(null);
        if (worst == Severity.CRITICAL) {
            return MAJOR_OUTAGE;
        }
        if (unreachable) {
            return UNREACHABLE;
        }
        return worst == Severity.WARNING ? DEGRADED : OPERATIONAL;
    }

    /** Opens, extends or resolves the component's incident of one sort (alarms, or monitoring). */
    private boolean follow(String component, boolean monitoring, Set<PublicKind> kinds, Instant now) {
        Incident open = incidents.stream().filter(i -> i.open() && i.component.equals(component)
                && i.monitoring == monitoring).findFirst().orElse(null);
        if (open == null && kinds.isEmpty()) {
            return false;
        }
        if (open == null) {
            open = new Incident(nextId++, component, monitoring, now);
            incidents.add(open);
        }
        if (kinds.isEmpty()) {
            open.resolved = now;
            PublicKind first = open.kinds.isEmpty() ? PublicKind.OTHER : open.kinds.get(0);
            open.updates.add(new Incident.Update(now, first.resolvedText(component), "automatic"));
            return true;
        }
        boolean changed = false;
        for (PublicKind k : kinds) {
            if (!open.kinds.contains(k)) {
                open.kinds.add(k);
                open.updates.add(new Incident.Update(now, k.text(component), "automatic"));
                changed = true;
            }
        }
        return changed;
    }

    /** A staff note on incident {@code id}; false when there is no such incident. */
    boolean note(int id, String text, Instant now) {
        for (Incident i : incidents) {
            if (i.id == id) {
                i.updates.add(new Incident.Update(now, text, "staff"));
                changed = now;
                return true;
            }
        }
        return false;
    }

    private void trim() {
        while (incidents.size() > KEEP) {
            Incident oldestResolved = incidents.stream().filter(i -> !i.open()).findFirst().orElse(null);
            if (oldestResolved == null) {
                return;
            }
            incidents.remove(oldestResolved);
        }
    }
}
