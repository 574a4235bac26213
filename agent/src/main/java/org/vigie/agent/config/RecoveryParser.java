package org.vigie.agent.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The agent's {@code recovery:} section (SPEC §9): ordered recovery after a shutdown policy has run. */
final class RecoveryParser {
    static final Duration DEFAULT_SETTLE = Duration.ofMinutes(10);
    static final Duration DEFAULT_GROUP_TIMEOUT = Duration.ofMinutes(5);
    static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(30);
    static final String DEFAULT_BROADCAST = "255.255.255.255";
    static final int DEFAULT_PORT = 9;
    private static final Pattern MAC = Pattern.compile(
            "([0-9a-fA-F]{2})([:-]?)([0-9a-fA-F]{2})\\2([0-9a-fA-F]{2})\\2([0-9a-fA-F]{2})\\2([0-9a-fA-F]{2})\\2([0-9a-fA-F]{2})");
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

    private RecoveryParser() {
    }

    /** @param shutdown the parsed shutdown section, or {@code null} when there is none */
    static List<RecoveryConfig> parse(Located root, ShutdownConfig shutdown) {
        List<RecoveryConfig> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Located r : root.mappings("recovery").orElse(List.of())) {
            RecoveryConfig c = recovery(r, shutdown, ids);
            if (c != null) {
                out.add(c);
            }
        }
        return List.copyOf(out);
    }

    private static RecoveryConfig recovery(Located r, ShutdownConfig shutdown, Set<String> ids) {
        String id = r.identifier("id", true).orElse(null);
        if (id != null && !ids.add(id)) {
            r.problem("id", "duplicate recovery id " + id);
            id = null;
        }
        ShutdownConfig.Policy policy = policy(r, shutdown);
        Duration settle = r.delay("settle").orElse(DEFAULT_SETTLE);
        boolean confirm = r.bool("confirm").orElse(false);
        List<RecoveryConfig.Group> groups = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        if (!r.has("groups")) {
            r.problem("groups", "missing: the groups to wake, in order, like [{id: rack-a-db, wake: [{mac: \"52:54:00:12:34:56\"}]}]");
        } else if (r.node("groups").orElse(null) instanceof Node.Sequence s && s.items().isEmpty()) {
            r.problem("groups", "must list at least one group to wake");
        }
        for (Located g : r.mappings("groups").orElse(List.of())) {
            RecoveryConfig.Group group = group(g, policy, seen);
            if (group != null) {
                groups.add(group);
            }
        }
        if (id == null || policy == null || groups.isEmpty()) {
            return null;
        }
        return new RecoveryConfig(id, policy.id(), settle, confirm, List.copyOf(groups));
    }

    private static ShutdownConfig.Policy policy(Located r, ShutdownConfig shutdown) {
        String after = r.identifier("after", true).orElse(null);
        if (after == null) {
            return null;
        }
        if (shutdown == null) {
            r.problem("after", "unknown policy " + after + ": there is no shutdown: section");
            return null;
        }
        Optional<ShutdownConfig.Policy> p = shutdown.policies().stream().filter(x -> x.id().equals(after)).findFirst();
        if (p.isEmpty()) {
            r.problem("after", "unknown policy " + after + "; policies are "
                    + String.join(", ", shutdown.policies().stream().map(ShutdownConfig.Policy::id).sorted().toList()));
            return null;
        }
        return p.get();
    }

    private static RecoveryConfig.Group group(Located g, ShutdownConfig.Policy policy, Set<String> seen) {
        String id = g.identifier("id", true).orElse(null);
        if (id != null && !seen.add(id)) {
            g.problem("id", "lists group " + id + " twice");
            id = null;
        } else if (id != null && policy != null && !policy.groups().contains(id)) {
            g.problem("id", "group " + id + " is not shut down by policy " + policy.id() + " (its groups: "
                    + String.join(", ", policy.groups()) + "); only what the policy stopped is woken");
            id = null;
        }
        Duration timeout = g.duration("timeout").orElse(DEFAULT_GROUP_TIMEOUT);
        List<RecoveryConfig.Wake> wake = new ArrayList<>();
        if (!g.has("wake")) {
            g.problem("wake", "missing: how to wake the group, like [{mac: \"52:54:00:12:34:56\", broadcast: 192.0.2.255}]"
                    + " or [{command: [/usr/bin/ipmitool, …]}]");
        } else if (g.node("wake").orElse(null) instanceof Node.Sequence s && s.items().isEmpty()) {
            g.problem("wake", "must list at least one way to wake the group");
        }
        for (Located w : g.mappings("wake").orElse(List.of())) {
            RecoveryConfig.Wake one = wake(w);
            if (one != null) {
                wake.add(one);
            }
        }
        if (id == null || wake.isEmpty()) {
            return null;
        }
        return new RecoveryConfig.Group(id, List.copyOf(wake), timeout);
    }

    private static RecoveryConfig.Wake wake(Located w) {
        boolean mac = w.has("mac");
        boolean command = w.has("command");
        if (mac == command) {
            w.problem(mac ? "command" : "mac", mac ? "a wake item is either {mac: …} or {command: […]}, not both"
                    : "missing: a wake item is {mac: \"52:54:00:12:34:56\", broadcast: …, port: 9} or {command: [/usr/bin/…]}");
            w.knownAll();
            return null;
        }
        return mac ? wol(w) : run(w);
    }

    private static RecoveryConfig.Wake wol(Located w) {
        byte[] mac = w.scalar("mac").map(v -> {
            if (!(v instanceof String s)) {
                w.problem("mac", "must be a MAC address in quotes, like \"52:54:00:12:34:56\", was " + v);
                return null;
            }
            byte[] b = mac(s);
            if (b == null) {
                w.problem("mac", "must be a MAC address like 52:54:00:12:34:56, was " + s);
            }
            return b;
        }).orElse(null);
        String broadcast = w.string("broadcast").orElse(DEFAULT_BROADCAST);
        if (!IPV4.matcher(broadcast).matches()) {
            w.problem("broadcast", "must be an IPv4 broadcast address like 192.0.2.255, was " + broadcast);
            broadcast = null;
        }
        int port = (int) w.integer("port", 1, 65535).orElse(DEFAULT_PORT);
        return mac == null || broadcast == null ? null : new RecoveryConfig.Wol(mac, broadcast, port);
    }

    /** The six bytes of {@code aa:bb:cc:dd:ee:ff}, {@code aa-bb-…} or {@code aabbccddeeff}; {@code null} otherwise. */
    static byte[] mac(String s) {
        Matcher m = MAC.matcher(s);
        if (!m.matches()) {
            return null;
        }
        byte[] b = new byte[6];
        int[] groups = {1, 3, 4, 5, 6, 7};
        for (int i = 0; i < 6; i++) {
            b[i] = (byte) Integer.parseInt(m.group(groups[i]), 16);
        }
        return b;
    }

    private static RecoveryConfig.Wake run(Located w) {
        List<String> argv = w.strings("command").orElse(null);
        Duration timeout = w.duration("timeout").orElse(DEFAULT_COMMAND_TIMEOUT);
        if (argv == null) {
            return null;
        }
        if (argv.isEmpty()) {
            w.problem("command", "must list the program and its arguments, like [/usr/bin/ipmitool, …]");
            return null;
        }
        if (!argv.get(0).startsWith("/")) {
            w.problem("command", 0, "must be an absolute path (run without a shell or PATH), was " + argv.get(0));
            return null;
        }
        return new RecoveryConfig.Run(List.copyOf(argv), timeout);
    }
}
