package org.vigie.agent.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.vigie.sensors.ChannelSpec;
import org.vigie.sensors.SensorBase;
import org.vigie.sensors.SensorSpec;
import org.vigie.sensors.SensorType;
import org.vigie.sensors.SensorTypes;

/**
 * Loads and validates an agent configuration completely before anything starts: every problem
 * is reported, not only the first.
 */
public final class AgentConfigLoader {

    static final Duration DEFAULT_TELEMETRY = Duration.ofSeconds(10);
    static final Path DEFAULT_STATE_DIR = Path.of("/var/lib/vigie");

    private AgentConfigLoader() {
    }

    public static AgentConfig load(Path file) throws ConfigException {
        Problems problems = new Problems();
        Located root = ConfigFile.read(file, problems);
        AgentConfig config = parse(root, file, problems);
        root.reportUnknownKeys();
        ConfigFile.finish(file, problems);
        return config;
    }

    private static AgentConfig parse(Located root, Path file, Problems problems) {
        String site = root.identifier("site", true).orElse("site");
        String agent = root.identifier("agent", true).orElse("agent");
        Path stateDir = root.string("state_dir").map(s -> ConfigFile.resolve(file, s)).orElse(DEFAULT_STATE_DIR);
        MqttConfig mqtt = MqttParser.parse(root, "vigie-" + site + "-" + agent, file);
        Duration telemetry = root.mapping("telemetry")
                .flatMap(t -> t.duration("interval")).orElse(DEFAULT_TELEMETRY);

        List<SensorSpec> sensors = new ArrayList<>();
        Map<String, ChannelSpec> channels = new LinkedHashMap<>();
        if (!root.has("sensors")) {
            root.problem("sensors", "missing: a monitoring agent needs at least one sensor");
        } else if (root.node("sensors").orElse(null) instanceof Node.Sequence seq && seq.items().isEmpty()) {
            root.problem("sensors", "must list at least one sensor");
        }
        Map<String, String> seen = new LinkedHashMap<>();
        Set<String> unusable = new HashSet<>();
        for (Located s : root.mappings("sensors").orElse(List.of())) {
            SensorSpec spec = sensor(s, seen, unusable);
            if (spec != null) {
                sensors.add(spec);
                spec.channels().forEach(c -> channels.put(c.address(), c));
            }
        }
        boolean sensorsMissing = !root.has("sensors"); // reported once above; not again by what names them
        RuleParser ruleParser = new RuleParser(new ChannelIndex(sensors, unusable, sensorsMissing));
        List<RuleConfig> rules = ruleParser.parseAll(root);
        AlarmCatalog alarms = new AlarmCatalog(sensors, rules, ruleParser.failed(), unusable, sensorsMissing);
        ShutdownConfig shutdown = ShutdownParser.parse(root, file, alarms);
        NotifyConfig notify = NotifyParser.parse(root, file, alarms, sensors);
        org.vigie.sensors.snmp.TrapConfig traps = root.mapping("snmp_traps")
                .map(org.vigie.sensors.snmp.TrapConfig::parse).orElse(null);
        org.vigie.agent.homeassistant.HomeAssistantConfig homeAssistant = root.mapping("homeassistant")
                .map(org.vigie.agent.homeassistant.HomeAssistantConfig::parse)
                .orElse(org.vigie.agent.homeassistant.HomeAssistantConfig.OFF);
        List<RecoveryConfig> recovery = RecoveryParser.parse(root, shutdown);
        ViewConfig.Http http = ViewParser.http(root, file);
        ViewConfig.History history = ViewParser.history(root, root.has("http"));
        return new AgentConfig(file, site, agent, stateDir, mqtt, telemetry, List.copyOf(sensors),
                Map.copyOf(channels), rules, shutdown, traps, notify, homeAssistant, recovery, http, history,
                JournalConfig.parse(root));
    }

    /** Every alarm the agent can raise: rule ids, vote rules' quorum alarms, channels' and sensors' fault alarms. */
    public static java.util.Set<String> alarmIds(List<SensorSpec> sensors, List<RuleConfig> rules) {
        return new AlarmCatalog(sensors, rules, Set.of(), Set.of()).ids();
    }

    /** The sensor's spec, or {@code null} (its id then goes to {@code unusable} when it has one). */
    private static SensorSpec sensor(Located s, Map<String, String> seen, Set<String> unusable) {
        String id = s.identifier("id", true).orElse(null);
        if (id != null && seen.putIfAbsent(id, s.path()) != null) {
            s.problem("id", "duplicate sensor id " + id + " (also " + seen.get(id) + ")");
        }
        String typeName = s.requiredString("type").orElse(null);
        SensorType<?> type = typeName == null ? null : SensorTypes.byName(typeName).orElse(null);
        if (typeName != null && type == null) {
            s.problem("type", "unknown sensor type " + typeName + "; known: " + String.join(", ", SensorTypes.names()));
        }
        String kind = s.identifier("kind", false).orElse(null);
        String unit = s.string("unit").orElse(null);
        Duration defaultInterval = type == null ? SensorType.DEFAULT_INTERVAL : type.defaultInterval();
        Optional<Duration> givenInterval = s.duration("interval");
        boolean badInterval = s.has("interval") && givenInterval.isEmpty();
        Duration interval = givenInterval.orElse(defaultInterval);
        Duration staleAfter = s.duration("stale_after").orElse(interval.multipliedBy(3));
        if (!badInterval && staleAfter.compareTo(interval) < 0) {
            s.problem("stale_after", "must be at least the interval (" + Durations.format(interval) + "), was "
                    + Durations.format(staleAfter));
        }
        if (id == null || type == null) {
            if (id != null) {
                unusable.add(id);
            }
            s.knownAll();
            return null;
        }
        SensorSpec spec = type.parse(new SensorBase(id, typeName, kind, unit, interval, staleAfter), s);
        if (!badInterval && spec != null) {
            ReadTiming.check(spec, s);
        }
        return spec;
    }
}
