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
 * @param homeAssistant     the homeassistant: section ({@link org.vigie.agent.homeassistant.HomeAssistantConfig#OFF} when absent)
 * @param recovery          the recovery: policies (SPEC §9), in file order; empty when none
 * @param http              the web page, JSON API and metrics server, or {@code null} when none is configured
 * @param history           the readings kept for plots, or {@code null} when none are kept
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
        org.vigie.agent.homeassistant.HomeAssistantConfig homeAssistant,
        List<RecoveryConfig> recovery,
        ViewConfig.Http http,
        ViewConfig.History history,
        JournalConfig journal) {

    /** {@code vigie/<site>/<agent>}. */
    public String root() {
        return "vigie/" + site + "/" + agent;
    }
}
