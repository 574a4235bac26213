package org.vigie.agent.config;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.vigie.agent.mqtt.Errors;
import org.vigie.agent.shutdown.Keys;

/** The agent's {@code shutdown:} section: groups, policies and the signing key. */
final class ShutdownParser {
    static final Duration DEFAULT_TTL = Duration.ofMinutes(5);
    static final Duration DEFAULT_DELAY = Duration.ofSeconds(60);
    private static final Set<String> SEVERITIES = Set.of("info", "warning", "critical");

    private ShutdownParser() {
    }

    /** @param alarms every alarm the agent can raise */
    static ShutdownConfig parse(Located root, Path file, AlarmCatalog alarms) {
        Located s = root.mapping("shutdown").orElse(null);
        if (s == null) {
            return null;
        }
        Path key = null;
        if (!s.has("key")) {
            s.problem("key", "missing: the agent's private key file (vigie keygen --out PREFIX writes PREFIX.key)");
        } else {
            key = ConfigFile.readableFile(s, "key", file);
            if (key != null && java.nio.file.Files.isReadable(key)) {
                try {
                    Keys.readPair(key);
                } catch (IOException e) {
                    s.problem("key", Errors.describe(e));
                }
            }
        }
        Duration ttl = s.duration("command_ttl").orElse(DEFAULT_TTL);
        List<ShutdownConfig.Group> groups = groups(s);
        Set<String> groupIds = new HashSet<>();
        groups.forEach(g -> groupIds.add(g.id()));
        List<ShutdownConfig.Policy> policies = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Located p : s.mappings("policies").orElse(List.of())) {
            ShutdownConfig.Policy policy = policy(p, alarms, groupIds, ttl);
            if (policy != null && !seen.add(policy.id())) {
                p.problem("id", "duplicate policy id " + policy.id());
            } else if (policy != null) {
                policies.add(policy);
            }
        }
        return new ShutdownConfig(key, ttl, List.copyOf(groups), List.copyOf(policies));
    }

    private static List<ShutdownConfig.Group> groups(Located s) {
        List<ShutdownConfig.Group> groups = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        if (!s.has("groups")) {
            s.problem("groups", "missing: the groups of servers, like [{id: rack-a-db, hosts: [db1]}]");
        }
        if (s.node("groups").orElse(null) instanceof Node.Sequence seq && seq.items().isEmpty()) {
            s.problem("groups", "must list at least one group");
        }
        for (Located g : s.mappings("groups").orElse(List.of())) {
            String id = g.identifier("id", true).orElse(null);
            if (id != null && !ids.add(id)) {
                g.problem("id", "duplicate group id " + id);
            }
            List<String> hosts = new ArrayList<>();
            if (!g.has("hosts")) {
                g.problem("hosts", "missing: the listeners expected to answer, like [db1]");
            }
            List<String> listed = g.strings("hosts").orElse(List.of());
            for (int i = 0; i < listed.size(); i++) {
                String h = listed.get(i);
                if (!Located.IDENTIFIER.matcher(h).matches()) {
                    g.problem("hosts", i, "must match [a-z0-9][a-z0-9_-]*, was " + h);
                } else if (hosts.contains(h)) {
                    g.problem("hosts", i, "lists " + h + " twice");
                } else {
                    hosts.add(h);
                }
            }
            if (id != null) {
                groups.add(new ShutdownConfig.Group(id, List.copyOf(hosts)));
            }
        }
        return groups;
    }

    private static ShutdownConfig.Policy policy(Located p, AlarmCatalog alarms, Set<String> groupIds, Duration ttl) {
        String id = p.identifier("id", true).orElse(null);
        List<String> on = new ArrayList<>();
        if (!p.has("on")) {
            p.problem("on", "missing: the alarms that trigger the policy, like [basement-leak]");
        }
        Severity severity = p.choice("severity", SEVERITIES).map(Severity::of).orElse(Severity.CRITICAL);
        on.addAll(AlarmSelection.forShutdown(p, "on", alarms, severity));
        Duration delay = p.delay("delay").orElse(DEFAULT_DELAY);
        if (delay.compareTo(ttl) >= 0) {
            p.problem("delay", "must be shorter than command_ttl (" + Durations.format(ttl)
                    + "): a listener restarted during the countdown could not resume an expired command");
        }
        Duration stagger = p.delay("stagger").orElse(Duration.ZERO);
        List<String> groups = new ArrayList<>();
        if (!p.has("groups")) {
            p.problem("groups", "missing: the groups to shut down, in order");
        }
        List<String> listed = p.strings("groups").orElse(List.of());
        for (int i = 0; i < listed.size(); i++) {
            String g = listed.get(i);
            if (!groupIds.contains(g) && groupIds.isEmpty()) {
                continue; // no group loaded: that problem is reported where the groups are (or are not)
            } else if (!groupIds.contains(g)) {
                p.problem("groups", i, "unknown group " + g + "; groups are " + String.join(", ", groupIds.stream().sorted().toList()));
            } else if (groups.contains(g)) {
                p.problem("groups", i, "lists " + g + " twice");
            } else {
                groups.add(g);
            }
        }
        if (id == null || on.isEmpty() || groups.isEmpty()) {
            return null;
        }
        return new ShutdownConfig.Policy(id, List.copyOf(on), severity, delay, List.copyOf(groups), stagger);
    }
}
