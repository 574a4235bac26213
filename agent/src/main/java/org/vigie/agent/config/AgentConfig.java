package org.vigie.agent.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.vigie.sensors.ChannelSpec;
import org.vigie.sensors.SensorSpec;

/**
 * A validated agent configuration (SPEC §2). Built only when the whole file is valid.
 *
 * @param source            the file it was read from
 * @param channels          every channel of every sensor, by address, in file order
 * @param shutdown          the shutdown section, or {@code null} when the agent shuts nothing down
 * @param snmpTraps         the SNMP trap receiver, or {@code null} when none is configured
 * @param notifications     the notify: section (SMS, e-mail, webhooks), or {@code null} when none are configured
 * @param journal           the journal: section (its defaults when absent)
 */
public record AgentConfig(
        Path source,
        String site,
        String agent,
        Path stateDir,
        MqttConfig mqtt,
        Duration telemetryInterval,
        List<SensorSpec> sensors,
        Map<String, ChannelSpec> channels,
        List<RuleConfig> rules,
        ShutdownConfig shutdown,
        org.vigie.sensors.snmp.TrapConfig snmpTraps,
        NotifyConfig notifications,
        JournalConfig journal) {

    /** {@code vigie/<site>/<agent>}. */
    public String root() {
        return "vigie/" + site + "/" + agent;
    }
}
