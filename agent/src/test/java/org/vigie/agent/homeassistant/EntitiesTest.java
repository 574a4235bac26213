package org.vigie.agent.homeassistant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.vigie.agent.config.AgentConfig;
import org.vigie.agent.config.AgentConfigLoader;
import org.vigie.sensors.ChannelSpec;
import org.vigie.sensors.ValueType;

/** The discovery configs, without a broker: golden file, schema, ids that do not depend on order. */
class EntitiesTest {

    private static AgentConfig load(String name) throws Exception {
        return AgentConfigLoader.load(Golden.resource(name));
    }

    private static Map<String, JsonNode> configs(AgentConfig cfg) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (Entities.Config c : Entities.of(cfg, cfg.homeAssistant(), Golden.VERSION)) {
            out.put(c.topic(), c.payload());
        }
        return out;
    }

    @Test
    void configsMatchTheGoldenFileAndTheSchema() throws Exception {
        Map<String, JsonNode> configs = configs(load("agent.yaml"));
        for (Map.Entry<String, JsonNode> e : configs.entrySet()) {
            Golden.valid(e.getKey(), e.getValue());
        }
        Golden.matches(configs);
    }

    @Test
    void theSchemaRefusesWhatHomeAssistantWouldRefuseOrWarnAbout() throws Exception {
        JsonNode good = configs(load("agent.yaml")).get("homeassistant/sensor/vigie-clichy-dc1-room-b1/temp-cold-aisle/config");
        for (String bad : List.of("object_id", "command_topic", "unit")) {
            ObjectNode c = good.deepCopy();
            if (bad.equals("unit")) {
                c.put("unit_of_measurement", "%");
            } else {
                c.put(bad, "x");
            }
            assertThrows(AssertionError.class, () -> Golden.valid("homeassistant/sensor/n/o/config", c), bad);
        }
    }

    @Test
    void reorderingSensorsAndRulesAnnouncesTheSameEntities() throws Exception {
        Map<String, JsonNode> a = new TreeMap<>(configs(load("agent.yaml")));
        Map<String, JsonNode> b = new TreeMap<>(configs(load("agent-reordered.yaml")));
        assertEquals(a, b);
    }

    @Test
    void idsComeFromConfiguredNamesOnly() throws Exception {
        Map<String, JsonNode> c = configs(load("agent.yaml"));
        JsonNode onBattery = c.get("homeassistant/binary_sensor/vigie-clichy-dc1-room-b1/ups-1__on_battery/config");
        assertEquals("vigie:clichy-dc1:room-b1:channel:ups-1.on_battery", onBattery.get("unique_id").asText());
        assertEquals("binary_sensor.clichy_dc1_room_b1_ups_1_on_battery", onBattery.get("default_entity_id").asText());
        assertFalse(onBattery.has("device_class"), "on_battery is active on trouble; HA's power class reads backwards");
        JsonNode leak = c.get("homeassistant/binary_sensor/vigie-clichy-dc1-room-b1/alarm-basement-leak/config");
        assertEquals("safety", leak.get("device_class").asText());
        JsonNode rising = c.get("homeassistant/binary_sensor/vigie-clichy-dc1-room-b1/alarm-cold-aisle-rising/config");
        assertEquals("problem", rising.get("device_class").asText());
        c.values().forEach(p -> assertFalse(p.toString().contains("command_topic"), p.toString()));
    }

    @Test
    void deviceClassNeedsAKnownKindAndAUnitHomeAssistantAccepts() {
        assertEquals("temperature", DeviceClasses.of(new ChannelSpec("t", ValueType.NUMBER, "°C", "temperature")));
        assertNull(DeviceClasses.of(new ChannelSpec("t", ValueType.NUMBER, "%", "temperature")));
        assertNull(DeviceClasses.of(new ChannelSpec("t", ValueType.NUMBER, null, "temperature")));
        assertNull(DeviceClasses.of(new ChannelSpec("t", ValueType.NUMBER, "°C", "whatever")));
        assertEquals("moisture", DeviceClasses.of(new ChannelSpec("l", ValueType.BOOLEAN, null, "leak")));
        assertNull(DeviceClasses.of(new ChannelSpec("p", ValueType.BOOLEAN, null, "power")));
        assertEquals("total_increasing", DeviceClasses.stateClass(new ChannelSpec("e", ValueType.NUMBER, "kWh", "energy")));
        assertEquals("measurement", DeviceClasses.stateClass(new ChannelSpec("v", ValueType.NUMBER, "V", "voltage")));
    }

    @Test
    void expiryIsThreeTelemetryIntervals() {
        assertEquals(30, Entities.expireAfter(Duration.ofSeconds(10)));
        assertEquals(1, Entities.expireAfter(Duration.ofMillis(100)));
        assertTrue(Entities.slug("Clichy-DC1 room.b1").equals("clichy_dc1_room_b1"));
    }
}
