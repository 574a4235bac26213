package org.vigie.agent.notify;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vigie.agent.alarm.Alarm;
import org.vigie.agent.alarm.AlarmState;
import org.vigie.agent.alarm.Transition;
import org.vigie.agent.config.Severity;

/** Alarm transitions made by hand, and a book of the alarms' present state for {@link Router}. */
final class Alarms implements Router.Current {
    private final Map<String, Alarm> book = new HashMap<>();

    static Alarm alarm(String id, Severity severity, AlarmState state, Instant since, Instant ts, String ackedBy) {
        return new Alarm(id, severity, state, List.of("s1"), 33.5, 32.0, since, ts, id + " is too hot at 33.5 °C", ackedBy);
    }

    Transition raise(String id, Severity severity, Instant now) {
        return put(new Transition(Transition.Kind.RAISED, alarm(id, severity, AlarmState.ACTIVE, now, now, null), null));
    }

    Transition escalate(String id, Severity from, Severity to, Instant now) {
        Alarm a = book.get(id);
        return put(new Transition(Transition.Kind.ESCALATED, alarm(id, to, AlarmState.ACTIVE, a.since(), now, null), from));
    }

    Transition deescalate(String id, Severity from, Severity to, Instant now) {
        Alarm a = book.get(id);
        return put(new Transition(Transition.Kind.DEESCALATED, alarm(id, to, a.state(), a.since(), now, a.ackedBy()), from));
    }

    Transition ack(String id, String by, Instant now) {
        Alarm a = book.get(id);
        return put(new Transition(Transition.Kind.ACKNOWLEDGED,
                alarm(id, a.severity(), AlarmState.ACKNOWLEDGED, a.since(), now, by), null));
    }

    Transition clear(String id, Instant now) {
        Alarm a = book.get(id);
        return put(new Transition(Transition.Kind.CLEARED, alarm(id, a.severity(), AlarmState.CLEARED, a.since(), now,
                a.ackedBy()), null));
    }

    private Transition put(Transition t) {
        book.put(t.alarm().id(), t.alarm());
        return t;
    }

    @Override
    public Optional<Alarm> get(String id) {
        return Optional.ofNullable(book.get(id));
    }
}
