package org.vigie.agent.listen;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigie.agent.mqtt.Errors;
import org.vigie.agent.run.Json;
import org.vigie.agent.shutdown.Command;
import org.vigie.agent.shutdown.Verifier;

/**
 * What the listener does with verified commands: the pending shutdowns, their countdowns, cancels,
 * and the one execution. Every change is made durable before it is acknowledged or acted on. Used
 * from the listener's one thread only.
 */
final class Countdowns implements Verifier.History {
    private static final Logger log = LoggerFactory.getLogger(Countdowns.class);

    /** What a decision does to the world. */
    interface Effects {
        void ack(String group, Long seq, AckState state, String reason);

        /** Warns the users logged in on this machine. */
        void warn(String text);

        /** Starts the command; {@code null} when it started, else why it could not. */
        String run(Pending p);
    }

    private final StateStore store;
    private final String host;
    private final Set<String> groups;
    private final boolean dryRun;
    private final Effects effects;
    private Snapshot state;
    private Pending executed;

    Countdowns(StateStore store, Snapshot loaded, String host, Set<String> groups, boolean dryRun, Effects effects) {
        this.store = store;
        this.state = loaded;
        this.host = host;
        this.groups = Set.copyOf(groups);
        this.dryRun = dryRun;
        this.effects = effects;
    }

    @Override
    public long lastSeq(String agent) {
        Snapshot.Last last = state.agents().get(agent);
        return last == null ? -1 : last.seq();
    }

    @Override
    public String lastSig(String agent) {
        Snapshot.Last last = state.agents().get(agent);
        return last == null ? null : last.sig();
    }

    Optional<Instant> nextDeadline() {
        return state.pending().values().stream().map(Pending::deadline).min(Comparator.naturalOrder());
    }

    /**
     * At start: countdowns persisted by an earlier run go on, unless their command expired
     * meanwhile or their group was taken out of the configuration (an operator's way to drop one).
     */
    void resume(Instant now) {
        Map<String, String> dropped = new LinkedHashMap<>();
        for (Pending p : state.pending().values()) {
            if (!now.isBefore(p.expires())) {
                dropped.put(p.key(), "expired at " + Json.ts(p.expires()) + " while the listener was down; not run");
            } else if (!groups.contains(p.group())) {
                dropped.put(p.key(), "group " + p.group() + " is no longer one of this listener's groups; not run");
            }
        }
        for (Map.Entry<String, String> d : dropped.entrySet()) {
            Pending p = state.pending().get(d.getKey());
            force(state.without(d.getKey()));
            log.warn("{}: {}", p.describe(), d.getValue());
            effects.ack(p.group(), p.seq(), p.state().to(AckState.CANCELLED), d.getValue());
        }
        for (Pending p : state.pending().values()) {
            log.warn("{}: countdown resumed after a restart, runs at {}", p.describe(), Json.ts(p.deadline()));
            warn(p, now);
            effects.ack(p.group(), p.seq(), p.state().to(AckState.COUNTDOWN),
                    "resumed after a restart; runs at " + Json.ts(p.deadline()));
        }
        tick(now);
    }

    /** Acts on one verified message received on {@code group}'s topic. */
    void onVerified(String group, Verifier.Result r, Instant now) {
        switch (r.verdict()) {
            case JUNK -> log.warn("ignored a message on group {} that is not a command: {}", group, r.reason());
            case DUPLICATE -> log.info("group {}: {}, already handled", group, r.reason());
            case REJECTED -> {
                log.warn("REJECTED a command on group {} (seq {}): {}", group, r.seq(), r.reason());
                effects.ack(group, r.seq(), AckState.REJECTED, r.reason());
            }
            case ACCEPTED -> {
                if (r.command().action() == Command.Action.SHUTDOWN) {
                    shutdown(r.command(), r.sig(), now);
                } else {
                    cancel(r.command(), r.sig(), now);
                }
            }
            default -> throw new IllegalStateException("verdict " + r.verdict());
        }
    }

    private void shutdown(Command c, String sig, Instant now) {
        Snapshot next = state.accepted(c.agent(), c.seq(), sig);
        String id = "shutdown seq " + c.seq() + " for group " + c.group() + " from agent " + c.agent();
        if (executed != null) {
            if (commit(next, c)) {
                log.warn("{}: accepted, but the command already ran ({}); not run again", id, executed.describe());
                effects.ack(c.group(), c.seq(), AckState.RECEIVED, null);
                effects.ack(c.group(), c.seq(), AckState.EXECUTING, "the command already ran for "
                        + executed.describe() + "; not run twice");
            }
            return;
        }
        Instant deadline = now.plusSeconds(c.delaySeconds());
        Pending earlier = state.pending().get(Pending.key(c.group(), c.agent()));
        if (earlier != null && earlier.deadline().isBefore(deadline)) {
            deadline = earlier.deadline();
        }
        Pending p = new Pending(c.group(), c.agent(), c.seq(), sig, now, deadline, c.expires(), c.reason(),
                AckState.RECEIVED);
        if (!commit(next.with(p.to(AckState.COUNTDOWN)), c)) {
            return;
        }
        log.warn("ACCEPTED {} (reason: {}); runs at {}{}", id, Text.safe(c.reason()), Json.ts(deadline),
                dryRun ? " (dry run)" : "");
        effects.ack(c.group(), c.seq(), AckState.RECEIVED,
                earlier == null ? null : "replaces the countdown of seq " + earlier.seq() + " and keeps the earlier deadline");
        warn(p, now);
        effects.ack(c.group(), c.seq(), AckState.COUNTDOWN, "runs at " + Json.ts(deadline));
        tick(now);
    }

    private void cancel(Command c, String sig, Instant now) {
        Snapshot next = state.accepted(c.agent(), c.seq(), sig);
        Pending p = state.pending().get(Pending.key(c.group(), c.agent()));
        String id = "cancel seq " + c.seq() + " for group " + c.group() + " from agent " + c.agent();
        if (p == null && executed != null) {
            if (commit(next, c)) {
                log.warn("{}: too late, the command already ran ({})", id, executed.describe());
                effects.ack(c.group(), c.seq(), AckState.REJECTED, "too late: the command already ran for "
                        + executed.describe());
            }
            return;
        }
        if (p == null) {
            if (commit(next, c)) {
                log.info("{}: nothing of that agent was pending for that group", id);
                effects.ack(c.group(), c.seq(), AckState.CANCELLED, "nothing was pending from agent " + c.agent());
            }
            return;
        }
        Pending stopped = p.to(AckState.CANCELLED);
        if (!commit(next.without(p.key()), c)) {
            return;
        }
        log.warn("CANCELLED {} by {}", stopped.describe(), id);
        if (!dryRun) {
            effects.warn("vigie: the shutdown of " + host + " announced earlier is CANCELLED. " + Text.safe(c.reason()));
        }
        effects.ack(c.group(), c.seq(), AckState.CANCELLED, "cancels shutdown seq " + stopped.seq());
    }

    /** Runs what is due. A real run happens once per process: the machine is going down. */
    void tick(Instant now) {
        List<Pending> due = state.pending().values().stream().filter(p -> !now.isBefore(p.deadline()))
                .sorted(Comparator.comparing(Pending::deadline)).toList();
        if (due.isEmpty()) {
            return;
        }
        if (dryRun) {
            for (Pending p : due) {
                force(state.without(p.key()));
                log.warn("dry run: {} would run now; nothing runs", p.describe());
                effects.ack(p.group(), p.seq(), p.state().to(AckState.EXECUTING), "dry run");
            }
            return;
        }
        Pending first = due.get(0);
        List<Pending> all = List.copyOf(state.pending().values());
        if (!force(state.withoutPending())) {
            log.error("runs the command although its end could not be recorded: after a restart it may run again "
                    + "until {} expires", first.describe());
        }
        executed = first;
        log.warn("EXECUTING {}", first.describe());
        for (Pending p : all) {
            // acknowledged before the command starts: a power-off soon stops this process
            effects.ack(p.group(), p.seq(), p.state().to(AckState.EXECUTING),
                    p == first ? null : "the command runs for " + first.describe());
        }
        String failure = effects.run(first);
        if (failure != null) {
            effects.ack(first.group(), first.seq(), AckState.EXECUTING, failure + ": the machine is not shutting down");
        }
    }

    private void warn(Pending p, Instant now) {
        if (dryRun) {
            return;
        }
        long seconds = Math.max(0, Duration.between(now, p.deadline()).toSeconds());
        effects.warn("vigie: " + host + " WILL SHUT DOWN at " + Json.ts(p.deadline()) + " (in " + seconds + " s): "
                + Text.safe(p.reason()) + " Save your work and log out.");
    }

    /** Makes {@code next} durable and current; on failure rejects {@code c} and changes nothing. */
    private boolean commit(Snapshot next, Command c) {
        if (commit(next)) {
            return true;
        }
        effects.ack(c.group(), c.seq(), AckState.REJECTED, "cannot record the command in " + store.file().getParent()
                + "; not acting on it");
        return false;
    }

    /** Makes {@code next} current, durable if the disk allows; {@code false} when it could not be recorded. */
    private boolean force(Snapshot next) {
        boolean saved = commit(next);
        state = next;
        return saved;
    }

    private boolean commit(Snapshot next) {
        try {
            store.save(next);
            state = next;
            return true;
        } catch (IOException e) {
            log.error("cannot record the listener state in {}: {}", store.file(), Errors.describe(e));
            return false;
        }
    }
}
