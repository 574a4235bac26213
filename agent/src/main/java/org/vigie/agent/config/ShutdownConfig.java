package org.vigie.agent.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The agent's {@code shutdown:} section (SPEC §5).
 *
 * @param key        the agent's Ed25519 private key ({@code PREFIX.key}; {@code PREFIX.pub} beside it)
 * @param commandTtl how long a command stays valid after it is issued
 */
public record ShutdownConfig(Path key, Duration commandTtl, List<Group> groups, List<Policy> policies) {

    /** A group of servers and the listeners ({@code hosts}) expected to answer for it. */
    public record Group(String id, List<String> hosts) {
    }

    /**
     * A policy: when any alarm of {@code on} is raised at or above {@code severity}, command
     * {@code groups} in order, the first at once and each next one {@code stagger} later, each
     * with a countdown of {@code delay}.
     */
    public record Policy(String id, List<String> on, Severity severity, Duration delay, List<String> groups,
                         Duration stagger) {
    }

    public Optional<Group> group(String id) {
        return groups.stream().filter(g -> g.id().equals(id)).findFirst();
    }
}
