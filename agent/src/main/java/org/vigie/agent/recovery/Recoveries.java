package org.vigie.agent.recovery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigie.agent.config.AgentConfig;
import org.vigie.agent.config.RecoveryConfig;
import org.vigie.agent.config.ShutdownConfig;
import org.vigie.agent.mqtt.Errors;
import org.vigie.agent.run.Agent;
import org.vigie.agent.run.Json;

/**
 * The agent's ordered recoveries (SPEC §9, docs/recovery.md): follows its shutdown policies
 * through the journal, its alarms through the alarm book, the listeners' presence on
 * {@code vigie/<site>/listeners/+/status}, and people's confirmations on {@code cmd/recover};
 * wakes on the {@link Waker}'s thread. Each recovery is saved in {@code state_dir/recovery/} at
 * every change, so a restarted agent resumes it, and without that file never starts one.
 */
public final class Recoveries implements Recovery.Out, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Recoveries.class);

    private final Agent agent;
    private final AgentConfig cfg;
    private final Map<String, Recovery> byId = new LinkedHashMap<>();
    private final Map<String, ShutdownConfig.Policy> policies = new HashMap<>();
    /** host → its listener's last status ({@code online}/{@code offline}); engine thread. */
    private final Map<String, String> listeners = new HashMap<>();
    /** recovery → the alarms that keep it from waking. */
    private final Map<String, List<String>> guards = new java.util.concurrent.ConcurrentHashMap<>();
    private final Waker waker = new Waker();
    private final Path dir;

    private Recoveries(Agent agent) {
        this.agent = agent;
        this.cfg = agent.config();
        this.dir = cfg.stateDir().resolve("recovery");
        Map<String, List<String>> hosts = new HashMap<>();
        cfg.shutdown().groups().forEach(g -> hosts.put(g.id(), g.hosts()));
        cfg.shutdown().policies().forEach(p -> policies.put(p.id(), p));
        for (RecoveryConfig c : cfg.recovery()) {
            byId.put(c.id(), new Recovery(c, hosts, cfg.shutdown().commandTtl(), this));
        }
    }

    /** The topic of people's confirmations. */
    public static String commandTopic(AgentConfig cfg) {
        return cfg.root() + "/cmd/recover";
    }

    /** Attaches the recoveries of the configuration; call before {@link Agent#start()}. {@code null} when there are none. */
    public static Recoveries attach(Agent agent) {
        AgentConfig cfg = agent.config();
        if (cfg.recovery().isEmpty() || cfg.shutdown() == null) {
            return null;
        }
        Recoveries r = new Recoveries(agent);
        r.restore();
        agent.onEvent(e -> r.byId.values().forEach(x -> x.shutdownEvent(e, r.facts(x), agent.now())));
        agent.onTransition(t -> r.evaluate(agent.now()));
        agent.onTick(r::evaluate);
        agent.link().subscribe("vigie/" + cfg.site() + "/listeners/+/status",
                (topic, payload) -> agent.submit(() -> r.status(topic, payload, agent.now())));
        // A confirmation is a person's act now: one the broker kept (published with retain) and
        // hands over at every connection must never confirm a recovery that reaches `confirm` later.
        agent.link().subscribeAcking(commandTopic(cfg), (topic, payload, retained, ack) -> {
            ack.run();
            if (retained) {
                log.warn("ignored on {}: a retained message (kept by the broker, not a person's act now); "
                        + "publish confirmations without retain", topic);
            } else {
                agent.submit(() -> r.recover(topic, payload, agent.now()));
            }
        });
        log.info("recovery: {} polic(ies): {}", r.byId.size(), String.join(", ", r.byId.keySet()));
        return r;
    }

    /** Puts back each recovery saved before a restart, exactly where it was. */
    private void restore() {
        for (Recovery r : new ArrayList<>(byId.values())) {
            Path f = file(r);
            if (!Files.exists(f)) {
                continue;
            }
            try {
                RecoveryRecord.restore(r, Json.MAPPER.readTree(Files.readAllBytes(f)));
                if (r.state != RecoveryState.IDLE) {
                    log.info("recovery {}: resumed as it was before the restart: {}{}", r.id(), r.state.wire(),
                            r.current() == null ? "" : ", group " + r.current() + (r.sent ? " already woken" : ""));
                    agent.link().publishRetained(topic(r), RecoveryRecord.progress(r, facts(r), agent.now()));
                }
            } catch (IOException | RuntimeException e) {
                log.error("recovery {}: saved state {} unreadable, starting idle: {}", r.id(), f, Errors.describe(e));
                byId.put(r.id(), new Recovery(r.config, r.hosts, r.commandTtl, this));
            }
        }
    }

    /**
     * The alarms that keep a recovery from waking: its policy's, and those of every other policy
     * that shuts down one of its groups (a server stopped for a flood stays down while the room
     * still overheats).
     */
    private List<String> guarding(Recovery r) {
        java.util.Set<String> out = new java.util.LinkedHashSet<>(policies.get(r.config.after()).on());
        for (ShutdownConfig.Policy p : cfg.shutdown().policies()) {
            if (r.config.groups().stream().anyMatch(g -> p.groups().contains(g.id()))) {
                out.addAll(p.on());
            }
        }
        return List.copyOf(out);
    }

    private Recovery.Facts facts(Recovery r) {
        List<String> guarding = guards.computeIfAbsent(r.id(), id -> guarding(r));
        return new Recovery.Facts() {
            @Override
            public List<String> raised() {
                List<String> out = new ArrayList<>();
                for (String a : guarding) {
                    if (agent.alarms().highestRaised(List.of(a)) != null) {
                        out.add(a);
                    }
                }
                return out;
            }

            @Override
            public boolean online(String host) {
                return "online".equals(listeners.get(host));
            }
        };
    }

    /** Engine thread. */
    void evaluate(Instant now) {
        for (Recovery r : byId.values()) {
            try {
                r.evaluate(facts(r), now);
            } catch (RuntimeException e) {
                log.error("recovery {}: {} (continuing)", r.id(), Errors.describe(e), e);
            }
        }
    }

    private void status(String topic, byte[] payload, Instant now) {
        String[] parts = topic.split("/");
        String text = new String(payload, StandardCharsets.UTF_8);
        if (parts.length != 5 || !(text.equals("online") || text.equals("offline"))) {
            log.debug("ignored on {}: not online/offline", topic);
            return;
        }
        String before = listeners.put(parts[3], text);
        if (text.equals(before)) {
            return;
        }
        evaluate(now);
        for (Recovery r : byId.values()) {
            String g = r.current();
            if (r.state == RecoveryState.WAKING && g != null && r.hosts.getOrDefault(g, List.of()).contains(parts[3])) {
                changed(r);
            }
        }
    }

    private void recover(String topic, byte[] payload, Instant now) {
        RecoverRequest req = RecoverRequest.parse(new String(payload, StandardCharsets.UTF_8));
        if (req.problem() != null) {
            log.warn("ignored on {}: {}", topic, req.problem());
            return;
        }
        Recovery r = byId.get(req.policy());
        if (r == null) {
            log.warn("ignored on {}: unknown recovery policy {} (from {}); recoveries are {}", topic,
                    RecoverRequest.shorten(req.policy()), RecoverRequest.shorten(req.by()), String.join(", ", byId.keySet()));
            return;
        }
        String refusal = r.confirm(req.by(), facts(r), now);
        if (refusal != null) {
            log.warn("confirmation by {} ignored: {}", RecoverRequest.shorten(req.by()), refusal);
        } else {
            log.warn("recovery {}: confirmed by {}", r.id(), RecoverRequest.shorten(req.by()));
        }
    }

    @Override
    public void wake(Recovery r, int index, RecoveryConfig.Group group) {
        log.warn("recovery {}: waking group {} ({})", r.id(), group.id(), group.wake());
        waker.wake(r.id(), group, outcome -> agent.submit(() -> r.woken(index, outcome)));
    }

    @Override
    public void event(Recovery r, ObjectNode event) {
        String step = event.path("step").asText();
        log.info("recovery {}: {}{}", r.id(), step, event.has("group") ? " " + event.path("group").asText() : "");
        agent.event(event);
    }

    @Override
    public void changed(Recovery r) {
        if (r.state != RecoveryState.IDLE) {
            agent.link().publishRetained(topic(r), RecoveryRecord.progress(r, facts(r), agent.now()));
        }
        Path f = file(r);
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve(f.getFileName() + ".tmp");
            Files.write(tmp, Json.bytes(RecoveryRecord.save(r)));
            Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log.error("recovery {}: cannot save its state in {}: {}; a restart now would forget it", r.id(), dir,
                    Errors.describe(e));
        }
    }

    private String topic(Recovery r) {
        return cfg.root() + "/recovery/" + r.id();
    }

    private Path file(Recovery r) {
        return dir.resolve(r.id() + ".json");
    }

    /** The state of a recovery (tests, diagnostics); engine thread. */
    RecoveryState state(String id) {
        return byId.get(id).state;
    }

    @Override
    public void close() {
        waker.close();
    }
}
