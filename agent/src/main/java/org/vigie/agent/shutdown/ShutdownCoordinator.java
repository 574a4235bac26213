package org.vigie.agent.shutdown;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigie.agent.alarm.AlarmBook;
import org.vigie.agent.config.Severity;
import org.vigie.agent.config.ShutdownConfig;
import org.vigie.agent.mqtt.Errors;
import org.vigie.agent.run.Json;

/**
 * Turns alarms into staged, signed shutdown commands (SPEC §5). A policy fires when any of its
 * alarms is raised at or above its severity: its first group is commanded at once, each next one
 * {@code stagger} later. If the alarms fall back before the countdowns end, every group already
 * commanded whose countdown is still running gets a signed {@code cancel}, and no further group is
 * commanded. Once a countdown has ended, it is not taken back. Engine thread only.
 */
public final class ShutdownCoordinator {
    private static final Logger log = LoggerFactory.getLogger(ShutdownCoordinator.class);

    /** Where commands, progress and events go; the agent's MQTT link and journal. */
    public interface Outbox {
        void command(String group, byte[] envelope);

        void progress(String policy, byte[] payload);

        void event(ObjectNode event);
    }

    private final String site;
    private final String agent;
    private final ShutdownConfig config;
    private final KeyPair keys;
    private final CommandSeq seq;
    private final AlarmBook alarms;
    private final Outbox out;
    private final List<PolicyRun> runs = new ArrayList<>();

    public ShutdownCoordinator(String site, String agent, ShutdownConfig config, KeyPair keys, CommandSeq seq,
                               AlarmBook alarms, Outbox out) {
        this.site = site;
        this.agent = agent;
        this.config = config;
        this.keys = keys;
        this.seq = seq;
        this.alarms = alarms;
        this.out = out;
        config.policies().forEach(p -> runs.add(new PolicyRun(p)));
    }

    /** The topic filter of every listener's acknowledgements. */
    public static String ackFilter(String site) {
        return "vigie/" + site + "/shutdown/+/ack/+";
    }

    /** Re-evaluates every policy; called after alarm transitions and on every tick. */
    public void evaluate(Instant now) {
        for (PolicyRun run : runs) {
            try {
                step(run, now);
            } catch (IOException e) {
                log.error("shutdown policy {}: {}", run.policy.id(), Errors.describe(e));
            }
        }
    }

    private boolean firing(PolicyRun run) {
        Severity s = alarms.highestRaised(run.policy.on());
        return s != null && s.atLeast(run.policy.severity());
    }

    private List<String> raisedAlarms(PolicyRun run) {
        List<String> ids = new ArrayList<>();
        for (String id : run.policy.on()) {
            Severity s = alarms.highestRaised(List.of(id));
            if (s != null && s.atLeast(run.policy.severity())) {
                ids.add(id);
            }
        }
        return ids;
    }

    private void step(PolicyRun run, Instant now) throws IOException {
        boolean firing = firing(run);
        if (!run.state.inProgress()) {
            if (!firing) {
                run.armed = true;
                return;
            }
            if (!run.armed) {
                return;
            }
            run.start(now, raisedAlarms(run), config);
            log.warn("shutdown policy {} triggered by {}: groups {} in order, {} s countdown each",
                    run.policy.id(), run.alarms, run.policy.groups(), run.secondsOf(run.policy.delay()));
            out.event(event(run, "triggered"));
        }
        boolean changed = false;
        if (!firing && !(run.allCommanded() && run.allCountdownsOver(now))) {
            cancel(run, now);
            return;
        }
        for (int i = 0; i < run.groups.size(); i++) {
            PolicyRun.GroupRun g = run.groups.get(i);
            if (!g.commanded() && !now.isBefore(run.due(i))) {
                command(run, g, now);
                changed = true;
            }
        }
        if (run.state == PolicyState.PENDING && run.allCommanded()) {
            run.state = run.state.moveTo(PolicyState.ISSUED);
            changed = true;
        }
        changed |= run.markSilentHosts(now);
        if (run.allCommanded() && run.allCountdownsOver(now)) {
            run.state = run.state.moveTo(PolicyState.COMPLETE);
            log.warn("shutdown policy {} complete: every countdown has ended", run.policy.id());
            out.event(event(run, "complete"));
            changed = true;
        }
        if (changed) {
            out.progress(run.policy.id(), run.progress(now));
        }
    }

    private void command(PolicyRun run, PolicyRun.GroupRun g, Instant now) throws IOException {
        long n = seq.next();
        Command c = new Command(Command.VERSION, Command.Action.SHUTDOWN, site, g.group.id(), agent, n, now,
                now.plus(config.commandTtl()), run.secondsOf(run.policy.delay()),
                "policy " + run.policy.id() + ": " + String.join(", ", run.alarms), run.alarms);
        out.command(g.group.id(), Envelope.seal(c, keys));
        g.commandedAt = now;
        g.countdownEnd = now.plus(run.policy.delay());
        g.seq = n;
        g.hosts.replaceAll((h, s) -> PolicyRun.SENT);
        log.warn("shutdown policy {}: commanded group {} (seq {}), {} s countdown", run.policy.id(), g.group.id(),
                n, c.delaySeconds());
        ObjectNode e = event(run, "commanded");
        e.put("group", g.group.id());
        e.put("command_seq", n);
        e.put("delay_s", c.delaySeconds());
        out.event(e);
    }

    private void cancel(PolicyRun run, Instant now) throws IOException {
        for (PolicyRun.GroupRun g : run.groups) {
            if (g.commanded() && !g.countdownOver(now)) {
                long n = seq.next();
                Command c = new Command(Command.VERSION, Command.Action.CANCEL, site, g.group.id(), agent, n, now,
                        now.plus(config.commandTtl()), 0, "policy " + run.policy.id() + ": alarms cleared", run.alarms);
                out.command(g.group.id(), Envelope.seal(c, keys));
                g.cancelSeq = n;
                log.warn("shutdown policy {}: alarms cleared, cancel sent to group {} (seq {})", run.policy.id(),
                        g.group.id(), n);
                ObjectNode e = event(run, "cancel_sent");
                e.put("group", g.group.id());
                e.put("command_seq", n);
                out.event(e);
            }
        }
        run.state = run.state.moveTo(PolicyState.CANCELLED);
        out.event(event(run, "cancelled"));
        out.progress(run.policy.id(), run.progress(now));
    }

    /** An acknowledgement from a listener on {@code vigie/<site>/shutdown/<group>/ack/<host>}. */
    public void acknowledgement(String topic, byte[] payload, Instant now) {
        String[] parts = topic.split("/");
        JsonNode ack;
        try {
            ack = Json.MAPPER.readTree(payload);
        } catch (IOException e) {
            log.warn("ignored on {}: not JSON", topic);
            return;
        }
        if (parts.length != 6 || ack == null || !ack.isObject() || !ack.path("state").isTextual()
                || !ack.path("seq").canConvertToExactIntegral()) {
            log.warn("ignored on {}: not an acknowledgement (needs state and seq)", topic);
            return;
        }
        String group = parts[3];
        String host = parts[5];
        long ackSeq = ack.path("seq").asLong();
        String state = ack.path("state").asText();
        for (PolicyRun run : runs) {
            PolicyRun.GroupRun g = run.group(group);
            if (g != null && (g.seq == ackSeq || g.cancelSeq == ackSeq)) {
                g.hosts.put(host, state);
                ObjectNode e = event(run, "ack");
                e.put("group", group);
                e.put("host", host);
                e.put("command_seq", ackSeq);
                e.put("ack", state);
                if (ack.path("reason").isTextual()) {
                    e.put("reason", ack.path("reason").asText());
                }
                out.event(e);
                out.progress(run.policy.id(), run.progress(now));
                if (state.equals("rejected") && !run.state.inProgress() && ack.path("reason").asText().startsWith("expired")) {
                    // A server woken after the policy ended reads the command queued while it was down.
                    log.info("shutdown policy {}: host {} of group {} back after the policy ended; it rejected the expired seq {}",
                            run.policy.id(), host, group, ackSeq);
                } else if (state.equals("rejected")) {
                    log.error("shutdown policy {}: host {} of group {} rejected seq {}: {}", run.policy.id(), host,
                            group, ackSeq, ack.path("reason").asText());
                }
            }
        }
    }

    private ObjectNode event(PolicyRun run, String step) {
        ObjectNode e = Json.MAPPER.createObjectNode();
        e.put("type", "shutdown");
        e.put("policy", run.policy.id());
        e.put("step", step);
        e.put("state", run.state.wire());
        run.alarms.forEach(e.putArray("alarms")::add);
        return e;
    }
}
