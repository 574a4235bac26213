package org.vigie.agent.listen;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the listener remembers across restarts, as one immutable value: the last command accepted
 * from each agent (the replay guard) and the pending shutdowns by {@link Pending#key()}. A change
 * is a new snapshot, made durable before it replaces the old one.
 */
record Snapshot(Map<String, Last> agents, Map<String, Pending> pending) {

    /** The last seq accepted from an agent, and that command's signature (to know a redelivery). */
    record Last(long seq, String sig) {
    }

    static final Snapshot EMPTY = new Snapshot(Map.of(), Map.of());

    Snapshot {
        agents = Map.copyOf(agents);
        pending = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(pending));
    }

    Snapshot accepted(String agent, long seq, String sig) {
        Map<String, Last> a = new LinkedHashMap<>(agents);
        a.put(agent, new Last(seq, sig));
        return new Snapshot(a, pending);
    }

    Snapshot with(Pending p) {
        Map<String, Pending> m = new LinkedHashMap<>(pending);
        m.put(p.key(), p);
        return new Snapshot(agents, m);
    }

    Snapshot without(String key) {
        Map<String, Pending> m = new LinkedHashMap<>(pending);
        m.remove(key);
        return new Snapshot(agents, m);
    }

    Snapshot withoutPending() {
        return new Snapshot(agents, Map.of());
    }
}
