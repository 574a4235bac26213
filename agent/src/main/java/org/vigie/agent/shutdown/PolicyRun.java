package org.vigie.agent.shutdown;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vigie.agent.config.ShutdownConfig;
import org.vigie.agent.run.Json;

/**
 * One shutdown policy at run time: which groups were commanded when, with which seq, and what each
 * expected host last acknowledged. Engine thread only.
 */
final class PolicyRun {
    /** Host status before any acknowledgement, and when none came by the end of the countdown. */
    static final String SENT = "sent";
    static final String NO_ANSWER = "no_answer";
    static final String NOT_COMMANDED = "not_commanded";

    static final class GroupRun {
        final ShutdownConfig.Group group;
        final Map<String, String> hosts = new LinkedHashMap<>();
        Instant commandedAt;
        Instant countdownEnd;
        long seq = -1;
        long cancelSeq = -1;

        GroupRun(ShutdownConfig.Group group) {
            this.group = group;
            group.hosts().forEach(h -> hosts.put(h, NOT_COMMANDED));
        }

        boolean commanded() {
            return commandedAt != null;
        }

        boolean countdownOver(Instant now) {
            return countdownEnd != null && !now.isBefore(countdownEnd);
        }
    }

    final ShutdownConfig.Policy policy;
    PolicyState state = PolicyState.IDLE;
    /** Whether the policy may fire: its alarms must have been below its severity since it last fired. */
    boolean armed = true;
    Instant startedAt;
    List<String> alarms = List.of();
    final List<GroupRun> groups = new ArrayList<>();

    PolicyRun(ShutdownConfig.Policy policy) {
        this.policy = policy;
    }

    void start(Instant now, List<String> why, ShutdownConfig config) {
        state = state.moveTo(PolicyState.PENDING);
        armed = false;
        startedAt = now;
        alarms = List.copyOf(why);
        groups.clear();
        for (String g : policy.groups()) {
            groups.add(new GroupRun(config.group(g).orElseThrow()));
        }
    }

    /** When group {@code i} is due: the first at once, each next one {@code stagger} later. */
    Instant due(int i) {
        return startedAt.plus(policy.stagger().multipliedBy(i));
    }

    boolean allCommanded() {
        return groups.stream().allMatch(GroupRun::commanded);
    }

    boolean allCountdownsOver(Instant now) {
        return groups.stream().allMatch(g -> g.countdownOver(now));
    }

    /** Marks hosts that never answered once their group's countdown is over; returns whether anything changed. */
    boolean markSilentHosts(Instant now) {
        boolean changed = false;
        for (GroupRun g : groups) {
            if (g.countdownOver(now)) {
                for (Map.Entry<String, String> e : g.hosts.entrySet()) {
                    if (e.getValue().equals(SENT)) {
                        e.setValue(NO_ANSWER);
                        changed = true;
                    }
                }
            }
        }
        return changed;
    }

    GroupRun group(String id) {
        for (GroupRun g : groups) {
            if (g.group.id().equals(id)) {
                return g;
            }
        }
        return null;
    }

    /** The retained progress payload of {@code <agent-root>/shutdown/<policy>}. */
    byte[] progress(Instant now) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("policy", policy.id());
        n.put("state", state.wire());
        ObjectNode gs = n.putObject("groups");
        List<String> silent = new ArrayList<>();
        for (GroupRun g : groups) {
            ObjectNode hosts = gs.putObject(g.group.id());
            g.hosts.forEach((host, status) -> {
                hosts.put(host, status);
                if (status.equals(NO_ANSWER)) {
                    silent.add(g.group.id() + "/" + host);
                }
            });
        }
        alarms.forEach(n.putArray("alarms")::add);
        silent.forEach(n.putArray("no_answer")::add);
        n.put("started", Json.ts(startedAt));
        n.put("ts", Json.ts(now));
        return Json.bytes(n);
    }

    long secondsOf(Duration d) {
        return (d.toMillis() + 999) / 1000;
    }
}
