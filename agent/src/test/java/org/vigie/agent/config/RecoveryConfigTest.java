package org.vigie.agent.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.agent.shutdown.Keys;

/** SPEC §9's example loads as written, and the defaults are the documented ones. */
class RecoveryConfigTest {
    @TempDir
    Path dir;

    @Test
    void theSpecExampleLoadsWithItsArgvWordForWord() throws Exception {
        Keys.write(Keys.generate(), dir.resolve("room-b1"));
        Path f = dir.resolve("agent.yaml");
        Files.writeString(f, String.join("\n",
                "site: clichy-dc1",
                "agent: room-b1",
                "mqtt: {urls: [tcp://127.0.0.1:1883]}",
                "sensors:",
                "  - {id: leak-basement, type: sim, values: [{at: 0s, value: false}]}",
                "rules:",
                "  - {id: basement-leak, sensor: leak-basement, when: active, severity: critical}",
                "shutdown:",
                "  key: room-b1.key",
                "  groups:",
                "    - {id: rack-a-batch, hosts: [batch1, batch2]}",
                "    - {id: rack-a-db, hosts: [db1]}",
                "  policies:",
                "    - {id: flood-rack-a, on: [basement-leak], groups: [rack-a-batch, rack-a-db]}",
                "recovery:",
                "  - id: flood-rack-a-back",
                "    after: flood-rack-a",
                "    settle: 10m",
                "    confirm: true",
                "    groups:",
                "      - {id: rack-a-db, wake: [{mac: \"52:54:00:12:34:56\", broadcast: 192.0.2.255}], timeout: 5m}",
                "      - {id: rack-a-batch, wake: [{command: [/usr/bin/ipmitool, -I, lanplus, -H, bmc-batch1, -f, "
                        + "/etc/vigie/ipmi.pass, chassis, power, on]}]}",
                ""));
        AgentConfig c = AgentConfigLoader.load(f);
        RecoveryConfig r = c.recovery().get(0);
        assertEquals("flood-rack-a-back", r.id());
        assertEquals("flood-rack-a", r.after());
        assertEquals(Duration.ofMinutes(10), r.settle());
        assertTrue(r.confirm());
        RecoveryConfig.Wol wol = assertInstanceOf(RecoveryConfig.Wol.class, r.groups().get(0).wake().get(0));
        assertArrayEquals(new byte[] {0x52, 0x54, 0, 0x12, 0x34, 0x56}, wol.mac());
        assertEquals("192.0.2.255", wol.broadcast());
        assertEquals(9, wol.port());
        RecoveryConfig.Run run = assertInstanceOf(RecoveryConfig.Run.class, r.groups().get(1).wake().get(0));
        assertEquals(List.of("/usr/bin/ipmitool", "-I", "lanplus", "-H", "bmc-batch1", "-f", "/etc/vigie/ipmi.pass",
                "chassis", "power", "on"), run.command(), "YAML 1.1 reads on as true; an argv keeps the word");
        assertEquals(Duration.ofSeconds(30), run.timeout());
        assertEquals(Duration.ofMinutes(5), r.groups().get(1).timeout());
        assertFalse(AgentConfigLoader.load(f).recovery().isEmpty());
    }
}
