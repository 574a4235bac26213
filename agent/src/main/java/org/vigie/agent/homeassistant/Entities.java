package org.vigie.agent.homeassistant;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.vigie.agent.config.AgentConfig;
import org.vigie.agent.config.RuleConfig;
import org.vigie.agent.config.Severity;
import org.vigie.agent.run.Json;
import org.vigie.sensors.ChannelSpec;
import org.vigie.sensors.SensorSpec;
import org.vigie.sensors.ValueType;

/**
 * What the agent announces to Home Assistant (SPEC §7): one device for the agent, an entity per
 * channel ({@code sensor} for numbers, {@code binary_sensor} for booleans) and a {@code binary_sensor}
 * per rule's alarm. Every id is derived from configured names only (site, agent, channel address,
 * rule id), never from an order or a counter, so a restart or a reordered file announces the same
 * entities. Nothing announced has a command topic: Home Assistant can read the room, not act on it.
 */
final class Entities {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Entities.class);

    /** One discovery config: its retained topic and its payload. */
    record Config(String topic, String uniqueId, ObjectNode payload) {
    }

    static final String ONLINE_IF_GOOD = "{{ 'online' if value_json.quality == 'good' else 'offline' }}";
    static final String FLAG = "{{ 'ON' if value_json.value else 'OFF' }}";
    static final String RAISED = "{{ 'OFF' if value_json.state == 'cleared' else 'ON' }}";

    private Entities() {
    }

    /** Every config, channels in file order then rules in file order. */
    static List<Config> of(AgentConfig cfg, HomeAssistantConfig ha, String version) {
        String node = nodeId(cfg);
        Map<String, Config> byTopic = new LinkedHashMap<>();
        for (SensorSpec s : cfg.sensors()) {
            for (ChannelSpec c : s.channels()) {
                String component = c.type() == ValueType.BOOLEAN ? "binary_sensor" : "sensor";
                String topic = ha.prefix() + "/" + component + "/" + node + "/" + objectId(c.address()) + "/config";
                add(byTopic, new Config(topic, uniqueId(cfg, "channel", c.address()), channel(cfg, c, component, version)));
            }
        }
        for (RuleConfig r : cfg.rules()) {
            String topic = ha.prefix() + "/binary_sensor/" + node + "/alarm-" + r.id() + "/config";
            add(byTopic, new Config(topic, uniqueId(cfg, "alarm", r.id()), alarm(cfg, r, version)));
        }
        return new ArrayList<>(byTopic.values());
    }

    /** Two names that map to one topic (a sensor {@code a__b} beside channel {@code a.b}): the first wins, loudly. */
    private static void add(Map<String, Config> byTopic, Config c) {
        Config first = byTopic.putIfAbsent(c.topic(), c);
        if (first != null) {
            log.warn("Home Assistant discovery: {} and {} map to the same topic {}; only the first is announced",
                    first.uniqueId(), c.uniqueId(), c.topic());
        }
    }

    /** The {@code <node_id>} level: Home Assistant allows only {@code [a-zA-Z0-9_-]}, which site and agent ids are. */
    static String nodeId(AgentConfig cfg) {
        return "vigie-" + cfg.site() + "-" + cfg.agent();
    }

    /** A channel address as an {@code <object_id>}: the dot of {@code SENSOR.CHANNEL} is not allowed there. */
    static String objectId(String address) {
        return address.replace(".", "__");
    }

    /** Stable and unambiguous: {@code :} never appears in a site, agent, sensor or rule id. */
    static String uniqueId(AgentConfig cfg, String what, String id) {
        return "vigie:" + cfg.site() + ":" + cfg.agent() + ":" + what + ":" + id;
    }

    private static ObjectNode channel(AgentConfig cfg, ChannelSpec c, String component, String version) {
        String state = cfg.root() + "/sensors/" + c.address();
        ObjectNode p = Json.MAPPER.createObjectNode();
        p.put("name", c.address());
        p.put("unique_id", uniqueId(cfg, "channel", c.address()));
        p.put("default_entity_id", component + "." + slug(cfg.site() + "_" + cfg.agent() + "_" + c.address()));
        p.put("state_topic", state);
        String deviceClass = DeviceClasses.of(c);
        if (c.type() == ValueType.BOOLEAN) {
            p.put("value_template", FLAG);
            p.put("payload_on", "ON");
            p.put("payload_off", "OFF");
            if (deviceClass != null) {
                p.put("device_class", deviceClass);
            }
        } else {
            p.put("value_template", "{{ value_json.value }}");
            if (deviceClass != null) {
                p.put("device_class", deviceClass);
            }
            if (c.unit() != null) {
                p.put("unit_of_measurement", c.unit());
            }
            p.put("state_class", DeviceClasses.stateClass(c));
        }
        p.put("expire_after", expireAfter(cfg.telemetryInterval()));
        ArrayNode availability = p.putArray("availability");
        availability.addObject().put("topic", cfg.root() + "/status")
                .put("payload_available", "online").put("payload_not_available", "offline");
        availability.addObject().put("topic", state).put("value_template", ONLINE_IF_GOOD)
                .put("payload_available", "online").put("payload_not_available", "offline");
        p.put("availability_mode", "all");
        common(p, cfg, version);
        return p;
    }

    private static ObjectNode alarm(AgentConfig cfg, RuleConfig r, String version) {
        String state = cfg.root() + "/alarms/" + r.id();
        ObjectNode p = Json.MAPPER.createObjectNode();
        p.put("name", r.id() + " alarm");
        p.put("unique_id", uniqueId(cfg, "alarm", r.id()));
        p.put("default_entity_id", "binary_sensor." + slug(cfg.site() + "_" + cfg.agent() + "_" + r.id() + "_alarm"));
        p.put("state_topic", state);
        p.put("value_template", RAISED);
        p.put("payload_on", "ON");
        p.put("payload_off", "OFF");
        p.put("device_class", highest(r) == Severity.CRITICAL ? "safety" : "problem");
        p.put("json_attributes_topic", state);
        p.putArray("availability").addObject().put("topic", cfg.root() + "/status")
                .put("payload_available", "online").put("payload_not_available", "offline");
        common(p, cfg, version);
        return p;
    }

    private static void common(ObjectNode p, AgentConfig cfg, String version) {
        p.put("qos", 1);
        ObjectNode device = p.putObject("device");
        device.putArray("identifiers").add("vigie:" + cfg.site() + ":" + cfg.agent());
        device.put("name", cfg.site() + " " + cfg.agent());
        device.put("manufacturer", "vigie");
        device.put("model", "vigie agent");
        device.put("sw_version", version);
        ObjectNode origin = p.putObject("origin");
        origin.put("name", "vigie");
        origin.put("sw_version", version);
    }

    /** The highest severity the rule can raise. */
    static Severity highest(RuleConfig r) {
        if (r instanceof RuleConfig.Threshold t) {
            return t.levels().critical() != null ? Severity.CRITICAL : Severity.WARNING;
        }
        if (r instanceof RuleConfig.State s) {
            return s.severity();
        }
        if (r instanceof RuleConfig.Rate rate) {
            return rate.severity();
        }
        RuleConfig.Vote v = (RuleConfig.Vote) r;
        if (v.levels() != null) {
            return v.levels().critical() != null ? Severity.CRITICAL : Severity.WARNING;
        }
        return v.severity();
    }

    /**
     * Seconds after which Home Assistant shows a channel unavailable if no reading came: three
     * telemetry intervals, since every channel is republished at least once an interval. Catches a
     * silent path (a broken bridge) where the agent's will never reaches Home Assistant's broker.
     */
    static long expireAfter(Duration telemetry) {
        return Math.max(1, (telemetry.toMillis() * 3 + 999) / 1000);
    }

    /** Home Assistant's entity id form: lower case letters, digits and single underscores. */
    static String slug(String s) {
        String out = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        return out.replaceAll("^_+|_+$", "");
    }
}
