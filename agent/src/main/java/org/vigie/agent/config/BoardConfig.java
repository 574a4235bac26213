package org.vigie.agent.config;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A validated fleet board configuration (SPEC §8). Built only when the whole file is valid.
 *
 * @param sites        the site ids followed; empty means every site ({@code ["*"]})
 * @param offlineAfter an agent silent this long (no status, reading or event) is unreachable
 * @param http         where the staff board listens, or {@code null} for none
 * @param pub          the public status page, or {@code null} for none
 */
public record BoardConfig(Path source, String board, Path stateDir, MqttConfig mqtt, List<String> sites,
                          Duration offlineAfter, InetSocketAddress http, Public pub) {

    /** Whether the board follows {@code site}. */
    public boolean follows(String site) {
        return sites.isEmpty() || sites.contains(site);
    }

    /**
     * The public page.
     *
     * @param incidentSeverity an alarm at or above this opens a public incident
     */
    public record Public(Path dir, String title, List<Component> components, Severity incidentSeverity) {
    }

    /** What the public sees of some agents of one site: a name, never an internal id. */
    public record Component(String name, String site, List<String> agents) {
        public boolean covers(String site, String agent) {
            return this.site.equals(site) && agents.contains(agent);
        }
    }
}
