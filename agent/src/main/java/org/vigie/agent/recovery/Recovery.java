package org.vigie.agent.recovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vigie.agent.config.RecoveryConfig;
import org.vigie.agent.run.Json;

/**
 * One ordered recovery at run time (SPEC §9): what its shutdown policy stopped, how long its
 * alarms have been clear, which group is being woken and which are back. Pure state: the caller
 * feeds it shutdown events, alarm and listener facts, confirmations and the clock, and carries out
 * what it asks through {@link Out}. Engine thread only.
 */
final class Recovery {
    static final String PENDING = "pending";
    static final String SKIPPED = "skipped";
    static final String WAKING = "waking";
    static final String BACK = "back";
    static final String TIMEOUT = "timeout";

    /** What the recovery needs to know of the agent at the moment it decides. */
    interface Facts {
        /** The alarms of the shutdown policy that are raised now (any severity, acknowledged or not). */
        List<String> raised();

        boolean online(String host);
    }

    /** Where its actions go. */
    interface Out {
        /** Wake group {@code index} of the plan; report with {@link Recovery#woken} when done. */
        void wake(Recovery r, int index, RecoveryConfig.Group group);

        /** A journal event (and its notification, where one is due). */
        void event(Recovery r, ObjectNode event);

        /** The state changed: publish the progress, save it in state_dir. */
        void changed(Recovery r);
    }

    final RecoveryConfig config;
    /** group → the hosts whose listeners must come back. */
    final Map<String, List<String>> hosts;
    /** How long a shutdown command stays valid: a server must not be woken into a command still queued for it. */
    final Duration commandTtl;
    private final Out out;

    RecoveryState state = RecoveryState.IDLE;
    /** The groups of the shutdown run under way: commanded, and sent a cancel. */
    final Set<String> commanded = new LinkedHashSet<>();
    final Set<String> cancelled = new LinkedHashSet<>();
    /** The groups the policy shut down that are not back yet. */
    final Set<String> down = new LinkedHashSet<>();
    List<String> alarms = List.of();
    Instant since;
    Instant clearSince;
    /** When the last shutdown command of the policy expires. */
    Instant commandsExpire;
    String confirmedBy;
    /** The groups to wake, in order, and each one's status. */
    final Map<String, String> plan = new LinkedHashMap<>();
    int index = -1;
    Instant wokeAt;
    /** The current group's wake has been carried out (packets sent, commands run). */
    boolean sent;
    /** The current group's wake has been asked for (in memory: after a restart, only {@code sent} counts). */
    boolean requested;
    final List<String> missing = new ArrayList<>();

    Recovery(RecoveryConfig config, Map<String, List<String>> hosts, Duration commandTtl, Out out) {
        this.config = config;
        this.hosts = hosts;
        this.commandTtl = commandTtl;
        this.out = out;
    }

    String id() {
        return config.id();
    }

    /** A journal event of the agent; only {@code shutdown} events of this recovery's policy matter. */
    void shutdownEvent(JsonNode e, Facts facts, Instant now) {
        if (!"shutdown".equals(e.path("type").asText()) || !config.after().equals(e.path("policy").asText())) {
            return;
        }
        String group = e.path("group").asText();
        switch (e.path("step").asText()) {
            case "triggered" -> {
                commanded.clear();
                cancelled.clear();
                List<String> why = new ArrayList<>();
                e.path("alarms").forEach(a -> why.add(a.asText()));
                alarms = List.copyOf(why);
            }
            case "commanded" -> {
                commanded.add(group);
                commandsExpire = now.plus(commandTtl);
            }
            case "cancel_sent" -> cancelled.add(group);
            case "complete", "cancelled" -> ran(facts, now);
            default -> {
                return;
            }
        }
        out.changed(this);
    }

    /** The shutdown run is over: what it shut down is to be recovered. */
    private void ran(Facts facts, Instant now) {
        Set<String> stopped = new LinkedHashSet<>(commanded);
        stopped.removeAll(cancelled);
        commanded.clear();
        cancelled.clear();
        if (stopped.isEmpty()) {
            return;
        }
        if (state.underWay()) {
            stop(facts.raised(), now);
        }
        if (state == RecoveryState.COMPLETE || state == RecoveryState.INCOMPLETE) {
            down.clear();
        }
        down.addAll(stopped);
        if (state != RecoveryState.WAITING) {
            waiting(now, null);
        }
    }

    private void waiting(Instant now, String by) {
        move(RecoveryState.WAITING);
        since = now;
        confirmedBy = by;
        plan.clear();
        missing.clear();
        index = -1;
        ObjectNode e = event(by == null ? "waiting" : "resumed");
        down.forEach(e.putArray("groups")::add);
        if (by != null) {
            e.put("by", by);
        }
        out.event(this, e);
    }

    /** Re-evaluates from the facts; called on every alarm change, listener status, and tick. */
    void evaluate(Facts facts, Instant now) {
        List<String> raised = facts.raised();
        if (state.underWay() && !raised.isEmpty()) {
            stop(raised, now);
            return;
        }
        switch (state) {
            case WAITING -> {
                if (raised.isEmpty()) {
                    move(RecoveryState.SETTLING);
                    clearSince = now;
                    ObjectNode e = event("settling");
                    e.put("settle_s", (Duration.between(now, settledAt()).toMillis() + 999) / 1000);
                    out.event(this, e);
                    out.changed(this);
                    evaluate(facts, now);
                }
            }
            case SETTLING -> {
                if (!now.isBefore(settledAt())) {
                    if (config.confirm() && confirmedBy == null) {
                        move(RecoveryState.CONFIRM);
                        out.event(this, event("confirm"));
                        out.changed(this);
                    } else {
                        startWaking(facts, now);
                    }
                }
            }
            case WAKING -> waking(facts, now);
            default -> {
            }
        }
    }

    /**
     * When settling ends: {@code settle} after the alarms cleared, and never before the policy's
     * last command has expired, since a listener would still act on one queued for it while it was down.
     */
    Instant settledAt() {
        Instant at = clearSince.plus(config.settle());
        return commandsExpire != null && commandsExpire.isAfter(at) ? commandsExpire : at;
    }

    /** A person confirms: returns why it was refused, or {@code null}. */
    String confirm(String by, Facts facts, Instant now) {
        if (state == RecoveryState.CONFIRM) {
            confirmedBy = by;
            ObjectNode e = event("confirmed");
            e.put("by", by);
            out.event(this, e);
            startWaking(facts, now);
            return null;
        }
        if (state == RecoveryState.STOPPED && !down.isEmpty()) {
            waiting(now, by);
            out.changed(this);
            evaluate(facts, now);
            return null;
        }
        return "recovery " + id() + " is " + (state == RecoveryState.IDLE ? "idle (its policy " + config.after()
                + " has not shut anything down)" : state.wire()) + ", not waiting for a confirmation";
    }

    private void startWaking(Facts facts, Instant now) {
        move(RecoveryState.WAKING);
        plan.clear();
        for (RecoveryConfig.Group g : config.groups()) {
            plan.put(g.id(), down.contains(g.id()) ? PENDING : SKIPPED);
        }
        plan.forEach((g, s) -> {
            if (s.equals(SKIPPED)) {
                ObjectNode e = event("skipped");
                e.put("group", g);
                out.event(this, e);
            }
        });
        index = -1;
        next(facts, now);
    }

    /** Moves to the next group to wake, or ends. */
    private void next(Facts facts, Instant now) {
        List<String> ids = new ArrayList<>(plan.keySet());
        do {
            index++;
        } while (index < ids.size() && plan.get(ids.get(index)).equals(SKIPPED));
        if (index >= ids.size()) {
            boolean whole = missing.isEmpty();
            move(whole ? RecoveryState.COMPLETE : RecoveryState.INCOMPLETE);
            ObjectNode e = event(state.wire());
            missing.forEach(e.putArray("missing")::add);
            down.clear();
            out.event(this, e);
            out.changed(this);
            return;
        }
        plan.put(ids.get(index), WAKING);
        wokeAt = now;
        sent = false;
        requested = false;
        out.changed(this);
        waking(facts, now);
    }

    private void waking(Facts facts, Instant now) {
        RecoveryConfig.Group g = config.groups().stream().filter(x -> x.id().equals(current())).findFirst().orElseThrow();
        List<String> away = hosts.getOrDefault(g.id(), List.of()).stream().filter(h -> !facts.online(h)).toList();
        if (away.isEmpty() && (sent || !hosts.getOrDefault(g.id(), List.of()).isEmpty())) {
            plan.put(g.id(), BACK);
            down.remove(g.id());
            ObjectNode e = event("back");
            e.put("group", g.id());
            e.put("after_ms", Duration.between(wokeAt, now).toMillis());
            out.event(this, e);
            next(facts, now);
            return;
        }
        if (!requested && !sent) {
            requested = true;
            ObjectNode e = event("waking");
            e.put("group", g.id());
            g.wake().forEach(w -> e.withArray("wake").add(w.toString()));
            out.event(this, e);
            out.wake(this, index, g);
            return;
        }
        if (!now.isBefore(wokeAt.plus(g.timeout()))) {
            plan.put(g.id(), TIMEOUT);
            away.forEach(h -> missing.add(g.id() + "/" + h));
            ObjectNode e = event("timeout");
            e.put("group", g.id());
            away.forEach(e.putArray("missing")::add);
            out.event(this, e);
            next(facts, now);
        }
    }

    /**
     * The wake of group {@code i} has been carried out; {@code outcome} says how each way went. It
     * is journaled even when the group came back before the last packet left.
     */
    void woken(int i, List<String> outcome) {
        List<String> ids = new ArrayList<>(plan.keySet());
        if (i < 0 || i >= ids.size()) {
            return;
        }
        ObjectNode e = event("woken");
        e.put("group", ids.get(i));
        outcome.forEach(e.putArray("outcome")::add);
        out.event(this, e);
        if (state == RecoveryState.WAKING && i == index && !sent) {
            sent = true;
            out.changed(this);
        }
    }

    private void stop(List<String> raised, Instant now) {
        move(RecoveryState.STOPPED);
        since = now;
        ObjectNode e = event("stopped");
        raised.forEach(e.putArray("alarms")::add);
        out.event(this, e);
        out.changed(this);
    }

    String current() {
        return index < 0 || index >= plan.size() ? null : new ArrayList<>(plan.keySet()).get(index);
    }

    private void move(RecoveryState next) {
        state = state.moveTo(next);
    }

    private ObjectNode event(String step) {
        ObjectNode e = Json.MAPPER.createObjectNode();
        e.put("type", "recovery");
        e.put("recovery", id());
        e.put("policy", config.after());
        e.put("step", step);
        e.put("state", state.wire());
        return e;
    }
}
