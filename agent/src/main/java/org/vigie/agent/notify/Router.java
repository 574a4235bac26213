package org.vigie.agent.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.vigie.agent.alarm.Alarm;
import org.vigie.agent.alarm.AlarmState;
import org.vigie.agent.alarm.Transition;
import org.vigie.agent.config.NotifyConfig;

/**
 * Decides which channels hear of an alarm change, and repeats an active, unacknowledged alarm
 * every {@code repeat} of its routes. Runs on the engine thread; no I/O.
 *
 * <p>A route matches an alarm at or above its {@code severity} and, when it lists {@code alarms},
 * among them; an alarm goes to the union of the channels of its matching routes, and repeats at the
 * shortest {@code repeat} among them. An acknowledgement, a clear or a de-escalation also goes to
 * every channel already told of the alarm, even if no route matches any more.
 */
final class Router {

    /** The alarm's present snapshot, by id (the agent's alarm book). */
    interface Current {
        Optional<Alarm> get(String id);
    }

    /** One message for one channel. */
    record Routed(String channel, Message message) {
    }

    private record Repeat(Instant next, Duration every, Set<String> channels) {
    }

    private final List<NotifyConfig.Route> routes;
    private final Texts texts;
    private final Current current;
    private final Map<String, Repeat> repeats = new HashMap<>();
    private final Map<String, Set<String>> told = new HashMap<>();

    Router(List<NotifyConfig.Route> routes, Texts texts, Current current) {
        this.routes = routes;
        this.texts = texts;
        this.current = current;
    }

    List<Routed> transition(Transition t, Instant now) {
        Alarm a = t.alarm();
        Set<String> channels = channels(a);
        Duration every = repeat(a);
        Set<String> before = told.getOrDefault(a.id(), Set.of());
        if (t.kind() != Transition.Kind.RAISED && t.kind() != Transition.Kind.ESCALATED) {
            channels.addAll(before);
        }
        if (a.state() == AlarmState.ACTIVE && every != null && !channels.isEmpty()) {
            repeats.put(a.id(), new Repeat(now.plus(every), every, channels(a)));
        } else {
            repeats.remove(a.id());
        }
        if (a.state() == AlarmState.CLEARED) {
            told.remove(a.id());
        } else {
            Set<String> all = new LinkedHashSet<>(before);
            all.addAll(channels);
            told.put(a.id(), all);
        }
        Message m = texts.transition(t);
        return channels.stream().map(c -> new Routed(c, m)).toList();
    }

    /** The repeats due at {@code now}. */
    List<Routed> tick(Instant now) {
        List<Routed> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, Repeat>> it = repeats.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Repeat> e = it.next();
            Repeat r = e.getValue();
            if (now.isBefore(r.next())) {
                continue;
            }
            Optional<Alarm> a = current.get(e.getKey());
            if (a.isEmpty() || a.get().state() != AlarmState.ACTIVE) {
                it.remove();
                continue;
            }
            Instant next = r.next().plus(r.every());
            e.setValue(new Repeat(next.isAfter(now) ? next : now.plus(r.every()), r.every(), r.channels()));
            Message m = texts.repeat(a.get());
            r.channels().forEach(c -> out.add(new Routed(c, m)));
        }
        return out;
    }

    /** Alarms being repeated (tests, diagnostics). */
    Set<String> repeating() {
        return Set.copyOf(repeats.keySet());
    }

    /**
     * The channels of the routes that carry alarms of {@code alarms} at {@code severity}: where an
     * ordered recovery after a policy acting on those alarms is announced.
     */
    Set<String> channelsFor(org.vigie.agent.config.Severity severity, java.util.Collection<String> alarms) {
        Set<String> out = new LinkedHashSet<>();
        for (NotifyConfig.Route r : routes) {
            if ((r.severity() == null || severity.atLeast(r.severity()))
                    && (r.alarms().isEmpty() || r.alarms().stream().anyMatch(alarms::contains))) {
                out.addAll(r.channels());
            }
        }
        return out;
    }

    private Set<String> channels(Alarm a) {
        Set<String> out = new LinkedHashSet<>();
        for (NotifyConfig.Route r : routes) {
            if (matches(r, a)) {
                out.addAll(r.channels());
            }
        }
        return out;
    }

    private Duration repeat(Alarm a) {
        Duration every = null;
        for (NotifyConfig.Route r : routes) {
            if (matches(r, a) && r.repeat() != null && (every == null || r.repeat().compareTo(every) < 0)) {
                every = r.repeat();
            }
        }
        return every;
    }

    private static boolean matches(NotifyConfig.Route r, Alarm a) {
        return (r.severity() == null || a.severity().atLeast(r.severity()))
                && (r.alarms().isEmpty() || r.alarms().contains(a.id()));
    }
}
