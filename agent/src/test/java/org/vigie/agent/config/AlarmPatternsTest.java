package org.vigie.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Patterns and sensors selectors resolve, when loading, to the concrete alarms the agent runs with. */
class AlarmPatternsTest {

    @TempDir
    Path dir;

    private AgentConfig load() throws Exception {
        Path cases = Path.of(AlarmPatternsTest.class.getResource("/config-cases/shutdown-patterns").toURI());
        Files.copy(cases.resolve("room.key"), dir.resolve("room.key"));
        Files.copy(cases.resolve("room.pub"), dir.resolve("room.pub"));
        Files.writeString(dir.resolve("community"), "public\n");
        Path f = Files.writeString(dir.resolve("agent.yaml"), String.join("\n",
                "site: dc1", "agent: b1", "mqtt: {urls: [tcp://127.0.0.1:1883]}",
                "sensors:",
                "  - {id: ups-1, type: snmp, host: 192.0.2.10, community_file: community, profile: ups-mib}",
                "  - {id: t1, type: sim, values: [{at: 0s, value: 22}]}",
                "  - {id: t2, type: sim, values: [{at: 0s, value: 22}]}",
                "rules:",
                "  - {id: on-battery, sensor: ups-1.on_battery, when: active, severity: critical}",
                "  - {id: room-hot, sensors: [t1, t2], vote: 2, above: {warning: 30, critical: 35}}",
                "notify:",
                "  channels: [{id: chat, type: webhook, url: \"https://hooks.example.net/x\"}]",
                "  routes:",
                "    - {alarms: [\"*.fault\"], channels: [chat]}",
                "    - {sensors: [ups-1], channels: [chat]}",
                "shutdown:",
                "  key: room.key",
                "  groups: [{id: rack-a, hosts: [db1]}]",
                "  policies:",
                "    - {id: anything, on: [\"*\"], severity: warning, groups: [rack-a]}",
                "    - {id: dead-probes, on: [\"t?.fault\"], severity: warning, groups: [rack-a]}",
                "    - {id: ups-blind, on: [ups-1.on_battery.fault], severity: warning, groups: [rack-a]}",
                ""));
        try {
            return AgentConfigLoader.load(f);
        } catch (ConfigException e) {
            throw new AssertionError(String.join("\n", e.lines()), e);
        }
    }

    @Test
    void routesGetEveryMatchingAlarmAndEveryAlarmOfTheirSensors() throws Exception {
        AgentConfig c = load();
        List<String> faults = c.notifications().routes().get(0).alarms();
        assertTrue(faults.containsAll(List.of("ups-1.on_battery.fault", "ups-1.fault", "t1.fault", "t2.fault", "state_dir.fault")), faults.toString());
        assertTrue(faults.stream().allMatch(a -> a.endsWith(".fault")), faults.toString());
        List<String> ups = c.notifications().routes().get(1).alarms();
        assertEquals(List.of("on-battery"), ups.subList(0, 1));
        assertTrue(ups.contains("ups-1.fault") && ups.contains("ups-1.charge_pct.fault"), ups.toString());
        assertTrue(ups.stream().noneMatch(a -> a.startsWith("t")), ups.toString());
    }

    @Test
    void aShutdownPatternSelectsFaultAndQuorumAlarmsOnlyWhenItNamesThem() throws Exception {
        AgentConfig c = load();
        assertEquals(List.of("on-battery", "room-hot"), c.shutdown().policies().get(0).on());
        assertEquals(List.of("t1.fault", "t2.fault"), c.shutdown().policies().get(1).on());
    }

    @Test
    void aChannelsFaultAlarmBringsItsSensorsFaultAlarmWhichStandsForItWhenTheDeviceDies() throws Exception {
        AgentConfig c = load();
        assertEquals(List.of("ups-1.on_battery.fault", "ups-1.fault"), c.shutdown().policies().get(2).on());
    }
}
