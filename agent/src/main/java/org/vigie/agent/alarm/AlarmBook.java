package org.vigie.agent.alarm;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vigie.agent.config.Severity;
import org.vigie.agent.rules.Verdict;

/**
 * Every alarm the agent has raised, and the lifecycle rules that move them. Not thread-safe: the
 * agent's engine thread owns it.
 */
public final class AlarmBook {

    private final Map<String, Alarm> alarms = new LinkedHashMap<>();

    /** Applies a verdict; returns the transition it causes, if any. */
    public Optional<Transition> apply(Verdict v, Instant now) {
        if (v.hold()) {
            return Optional.empty();
        }
        Alarm current = alarms.get(v.alarm());
        boolean raised = current != null && current.state().raised();
        if (v.level() == null) {
            if (!raised) {
                return Optional.empty();
            }
            Alarm cleared = new Alarm(v.alarm(), current.severity(), current.state().moveTo(AlarmState.CLEARED),
                    v.sensors(), v.value(), v.threshold(), current.since(), now, v.message(), current.ackedBy());
            alarms.put(v.alarm(), cleared);
            return Optional.of(new Transition(Transition.Kind.CLEARED, cleared, current.severity()));
        }
        if (!raised) {
            AlarmState from = current == null ? AlarmState.CLEARED : current.state();
            Alarm alarm = new Alarm(v.alarm(), v.level(), from.moveTo(AlarmState.ACTIVE), v.sensors(), v.value(),
                    v.threshold(), now, now, v.message(), null);
            alarms.put(v.alarm(), alarm);
            return Optional.of(new Transition(Transition.Kind.RAISED, alarm, null));
        }
        if (v.level() == current.severity()) {
            return Optional.empty();
        }
        boolean up = v.level().compareTo(current.severity()) > 0;
        AlarmState next = up ? AlarmState.ACTIVE : current.state();
        Alarm changed = new Alarm(v.alarm(), v.level(), current.state().moveTo(next), v.sensors(), v.value(),
                v.threshold(), current.since(), now, v.message(), up ? null : current.ackedBy());
        alarms.put(v.alarm(), changed);
        return Optional.of(new Transition(up ? Transition.Kind.ESCALATED : Transition.Kind.DEESCALATED, changed,
                current.severity()));
    }

    /** The outcome of an operator's acknowledgement. */
    public record AckResult(Transition transition, String refusal) {
    }

    /** Acknowledges an active alarm. Acknowledging silences; it never clears. */
    public AckResult acknowledge(String id, String by, Instant now) {
        Alarm current = alarms.get(id);
        if (current == null || current.state() == AlarmState.CLEARED) {
            return new AckResult(null, "alarm " + id + " is not raised");
        }
        if (current.state() == AlarmState.ACKNOWLEDGED) {
            return new AckResult(null, "alarm " + id + " is already acknowledged by " + current.ackedBy());
        }
        Alarm acked = new Alarm(id, current.severity(), current.state().moveTo(AlarmState.ACKNOWLEDGED),
                current.sensors(), current.value(), current.threshold(), current.since(), now,
                current.message(), by);
        alarms.put(id, acked);
        return new AckResult(new Transition(Transition.Kind.ACKNOWLEDGED, acked, null), null);
    }

    /** Puts back an alarm raised before a restart. */
    public void restore(Alarm alarm) {
        alarms.put(alarm.id(), alarm);
    }

    public Optional<Alarm> get(String id) {
        return Optional.ofNullable(alarms.get(id));
    }

    /** Every alarm known, raised or cleared, for republishing retained state. */
    public List<Alarm> all() {
        return new ArrayList<>(alarms.values());
    }

    /** The highest severity among raised alarms with these ids, or {@code null}. */
    public Severity highestRaised(List<String> ids) {
        Severity best = null;
        for (String id : ids) {
            Alarm a = alarms.get(id);
            if (a != null && a.state().raised() && (best == null || a.severity().compareTo(best) > 0)) {
                best = a.severity();
            }
        }
        return best;
    }
}
