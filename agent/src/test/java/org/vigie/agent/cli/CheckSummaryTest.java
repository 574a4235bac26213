package org.vigie.agent.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.agent.config.AgentConfigLoader;
import org.vigie.agent.config.ListenerConfigLoader;

/** {@code vigie check}'s summary names everything that will run. */
class CheckSummaryTest {

    @TempDir
    Path dir;

    @Test
    void showsTheTrapReceiverAndTheChannelsOwnKinds() throws Exception {
        Files.writeString(dir.resolve("community"), "public\n");
        Path f = Files.writeString(dir.resolve("agent.yaml"), String.join("\n",
                "site: dc1", "agent: b1", "mqtt: {urls: [tcp://127.0.0.1:1883]}",
                "sensors:",
                "  - {id: ups-1, type: snmp, host: 192.0.2.10, community_file: community, profile: ups-mib, kind: ups}",
                "snmp_traps: {listen: \"0.0.0.0:10162\", community_file: community}",
                "rules: [{id: on-battery, sensor: ups-1.on_battery, when: active, severity: critical}]", ""));
        String out = text(o -> CheckCommand.summary(load(f), o));
        assertTrue(out.contains("  ups-1 (snmp, ups, every 1s, stale after 3s)\n"), out);
        assertTrue(out.contains("    ups-1.on_battery: boolean\n"), out);
        assertTrue(out.contains("    ups-1.input_voltage: number V, voltage\n"), out);
        assertTrue(out.contains("snmp_traps: UDP 0.0.0.0:10162, v1/v2c community from " + dir.resolve("community")), out);
    }

    @Test
    void warnsOfAStateDirTheListenerUnitDoesNotLetItWrite() throws Exception {
        Files.writeString(dir.resolve("room.pub"), Files.readString(Path.of(
                CheckSummaryTest.class.getResource("/config-cases/listener-state-dir-unusable/room.pub").toURI())));
        Path f = Files.writeString(dir.resolve("listener.yaml"), String.join("\n",
                "site: dc1", "host: db1", "state_dir: state", "mqtt: {urls: [tcp://127.0.0.1:1883]}",
                "groups: [rack-a-db]", "trusted_keys: [room.pub]", "command: [/usr/bin/systemctl, poweroff]", ""));
        String out = text(o -> CheckCommand.listenerSummary(ListenerConfigLoader.load(f), o));
        assertTrue(out.contains("warning: state_dir: " + dir.resolve("state") + " is not /var/lib/vigie-listener"), out);
    }

    private static org.vigie.agent.config.AgentConfig load(Path f) {
        try {
            return AgentConfigLoader.load(f);
        } catch (org.vigie.agent.config.ConfigException e) {
            throw new AssertionError(String.join("\n", e.lines()), e);
        }
    }

    private interface Printer {
        void print(PrintStream out) throws Exception;
    }

    private static String text(Printer p) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            p.print(out);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
