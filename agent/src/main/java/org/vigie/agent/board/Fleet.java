package org.vigie.agent.board;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.vigie.agent.config.Severity;

/**
 * The board's view of every followed agent, built from live traffic only (status, readings,
 * events, alarm states): a retained message updates what is known but is no sign of life, and
 * nothing depends on retained messages reaching the board (a clustered broker keeps them per node).
 * Board thread only.
 */
final class Fleet {
    /** More agents than this are refused: a flood of forged topics must not eat the heap. */
    static final int MAX_AGENTS = 20_000;
    private static final Set<String> STATES = Set.of("active", "acknowledged", "cleared");

    private final Map<String, AgentView> agents = new TreeMap<>();
    private final Map<String, Instant> alarmTs = new HashMap<>();
    private final Duration offlineAfter;

    Fleet(Duration offlineAfter) {
        this.offlineAfter = offlineAfter;
    }

    Collection<AgentView> agents() {
        return agents.values();
    }

    AgentView get(String site, String agent) {
        return agents.get(site + "/" + agent);
    }

    /** An agent the board expects (a public component's) before it has heard from it. */
    void expect(String site, String agent, Instant now) {
        agents.computeIfAbsent(site + "/" + agent, k -> new AgentView(site, agent, now));
    }

    void restore(AgentView v) {
        agents.put(v.key(), v);
    }

    /**
     * Applies one message; returns whether the board changed. Throws {@link Rejected} with one line
     * of explanation for a payload that is not what SPEC §3 says.
     */
    boolean apply(Topic t, byte[] payload, boolean retained, Instant now) throws Rejected {
        AgentView v = agents.get(t.site() + "/" + t.agent());
        boolean changed = false;
        JsonNode json = t.part().equals("status") ? null : Payloads.object(payload);
        if (t.part().equals("status")) {
            String s = Payloads.status(payload);
            if (v == null) {
                v = add(t, now);
                changed = true;
            }
            if (s.equals("offline")) {
                return v.unreachable(now, "will") | changed;
            }
            return (!retained && v.alive(now)) | changed;
        }
        if (v == null) {
            v = add(t, now);
            changed = true;
        }
        switch (t.part()) {
            case "events" -> changed |= event(v, json);
            case "alarms" -> changed |= alarm(v, t.name(), json, false);
            default -> { }
        }
        if (!retained) {
            changed |= v.alive(now);
        }
        return changed;
    }

    private AgentView add(Topic t, Instant now) throws Rejected {
        if (agents.size() >= MAX_AGENTS) {
            throw new Rejected("more than " + MAX_AGENTS + " agents: " + t.site() + "/" + t.agent() + " not followed");
        }
        AgentView v = new AgentView(t.site(), t.agent(), now);
        agents.put(v.key(), v);
        return v;
    }

    private boolean event(AgentView v, JsonNode e) throws Rejected {
        JsonNode seqNode = e.get("seq");
        String type = AgentView.text(e, "type");
        if (seqNode == null || !seqNode.canConvertToLong() || seqNode.asLong() < 0 || type == null) {
            throw new Rejected("an event needs a seq (a number) and a type");
        }
        long seq = seqNode.asLong();
        SeqTrack.Outcome o = v.seq.accept(seq);
        if (o == SeqTrack.Outcome.DUPLICATE) {
            boolean restarted = type.equals("agent") && "started".equals(AgentView.text(e, "state"))
                    && seq < v.seq.highest() && v.timeline.stream().noneMatch(x -> x.path("seq").asLong() == seq);
            if (!restarted) {
                return false;
            }
            // The agent's state_dir was reset: its numbers start again. Follow them from here.
            v.seq = new SeqTrack();
            v.seq.accept(seq);
        }
        v.events++;
        ObjectNode copy = (ObjectNode) e.deepCopy();
        if (o == SeqTrack.Outcome.LATE) {
            copy.put("late", true);
        }
        v.remember(copy);
        if (type.equals("alarm")) {
            String id = AgentView.text(e, "alarm");
            if (id != null) {
                alarm(v, id, e, true);
            }
        }
        return true;
    }

    private boolean alarm(AgentView v, String id, JsonNode a, boolean fromEvent) throws Rejected {
        String state = AgentView.text(a, "state");
        String severity = AgentView.text(a, "severity");
        Instant ts = Payloads.instant(a, "ts");
        if (!id.equals(AgentView.text(a, "alarm")) || state == null || !STATES.contains(state) || severity == null
                || !Set.of("info", "warning", "critical").contains(severity) || ts == null) {
            throw new Rejected("an alarm needs alarm (its topic's), state (active|acknowledged|cleared), "
                    + "severity (info|warning|critical) and ts (RFC 3339)");
        }
        String key = v.key() + "/" + id;
        Instant last = alarmTs.get(key);
        if (last != null && ts.isBefore(last)) {
            return false;
        }
        alarmTs.put(key, ts);
        ActiveAlarm old = v.alarms.get(id);
        if (state.equals("cleared")) {
            return v.alarms.remove(id) != null;
        }
        Instant since = Payloads.instant(a, "since");
        if (since == null) {
            since = old != null ? old.since() : ts;
        }
        ActiveAlarm now = new ActiveAlarm(id, Severity.of(severity), state, AgentView.text(a, "kind"), since,
                AgentView.text(a, "sensor"), AgentView.text(a, "message"));
        v.alarms.put(id, now);
        return !now.equals(old);
    }

    /** Marks agents silent for {@code offline_after} unreachable; returns whether any changed. */
    boolean tick(Instant now) {
        boolean changed = false;
        for (AgentView v : agents.values()) {
            if (v.reachable && Duration.between(v.lastSeen, now).compareTo(offlineAfter) >= 0) {
                changed |= v.unreachable(v.lastSeen.plus(offlineAfter), "silent");
            }
        }
        return changed;
    }

    /** Every raised alarm of the fleet, worst first, then oldest first. */
    List<Map.Entry<AgentView, ActiveAlarm>> raised() {
        List<Map.Entry<AgentView, ActiveAlarm>> out = new ArrayList<>();
        agents.values().forEach(v -> v.alarms.values().forEach(a -> out.add(Map.entry(v, a))));
        out.sort((x, y) -> {
            int s = y.getValue().severity().compareTo(x.getValue().severity());
            return s != 0 ? s : x.getValue().since().compareTo(y.getValue().since());
        });
        return out;
    }

    /** A payload that is not what SPEC §3 says. */
    static final class Rejected extends Exception {
        Rejected(String message) {
            super(message);
        }
    }
}
