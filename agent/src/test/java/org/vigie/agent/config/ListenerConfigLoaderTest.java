package org.vigie.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.agent.shutdown.Keys;

/** The listener's configuration: the valid form, and every problem located. */
class ListenerConfigLoaderTest {
    @TempDir
    Path dir;
    Path pub;
    String keyId;

    @BeforeEach
    void keys() throws Exception {
        KeyPair pair = Keys.generate();
        Keys.write(pair, dir.resolve("room-b1"));
        pub = dir.resolve("room-b1.pub");
        keyId = Keys.id(pair.getPublic());
    }

    Path file(String... lines) throws Exception {
        Path f = dir.resolve("listener.yaml");
        Files.writeString(f, String.join("\n", lines) + "\n");
        return f;
    }

    List<String> problems(Path f) {
        return assertThrows(ConfigException.class, () -> ListenerConfigLoader.load(f)).lines();
    }

    @Test
    void aCompleteConfiguration() throws Exception {
        Path f = file("site: dc1", "host: db1", "state_dir: state", "mqtt: {urls: [tcp://127.0.0.1:1883]}",
                "groups: [rack-a-db, all]", "trusted_keys: [room-b1.pub]",
                "command: [\"/usr/bin/systemctl\", \"poweroff\"]", "dry_run: true");
        ListenerConfig c = ListenerConfigLoader.load(f);
        assertEquals("dc1", c.site());
        assertEquals("db1", c.host());
        assertEquals(dir.resolve("state"), c.stateDir());
        assertEquals("vigie-listen-dc1-db1", c.mqtt().clientId());
        assertEquals(List.of("rack-a-db", "all"), c.groups());
        assertEquals(List.of(keyId), List.copyOf(c.trusted().keySet()));
        assertEquals(pub, c.trustedKeys().get(0).file());
        assertEquals(List.of("/usr/bin/systemctl", "poweroff"), c.command());
        assertTrue(c.dryRun());
        assertEquals("vigie/dc1/shutdown/all/ack/db1", c.ackTopic("all"));
        assertEquals("vigie/dc1/listeners/db1/status", c.statusTopic());
        assertTrue(ListenerConfigLoader.looksLikeListener(f));
    }

    @Test
    void defaults() throws Exception {
        ListenerConfig c = ListenerConfigLoader.load(file("site: dc1", "host: db1",
                "mqtt: {urls: [tcp://127.0.0.1:1883], client_id: db1-listener}", "groups: [g]",
                "trusted_keys: [" + pub + "]", "command: [/usr/bin/true]"));
        assertFalse(c.dryRun());
        assertEquals(Path.of("/var/lib/vigie-listener"), c.stateDir());
        assertEquals("db1-listener", c.mqtt().clientId());
    }

    @Test
    void everyProblemAtOnceWithItsPlace() throws Exception {
        Path f = file("site: DC 1", "host: db1", "mqtt: {urls: [tcp://127.0.0.1:1883]}",
                "groups: [rack-a, Rack B, rack-a]",
                "trusted_keys: [missing.pub, room-b1.key, listener.yaml]",
                "command: [systemctl, poweroff]", "dry_run: maybe", "agent_key: x");
        List<String> p = problems(f);
        String n = f.toString();
        assertTrue(p.contains(n + ":1:7: site: must match [a-z0-9][a-z0-9_-]*, was DC 1"), p.toString());
        assertTrue(p.contains(n + ":4:18: groups[1]: must match [a-z0-9][a-z0-9_-]*, was Rack B"), p.toString());
        assertTrue(p.contains(n + ":4:26: groups[2]: duplicate group rack-a"), p.toString());
        assertTrue(p.contains(n + ":5:16: trusted_keys[0]: cannot read " + dir.resolve("missing.pub") + ": no such file"),
                p.toString());
        assertTrue(p.stream().anyMatch(l -> l.startsWith(n + ":5:29: trusted_keys[1]: ")
                && l.contains("not a PEM public key")), p.toString());
        assertTrue(p.stream().anyMatch(l -> l.startsWith(n + ":5:42: trusted_keys[2]: ")), p.toString());
        assertTrue(p.contains(n + ":6:11: command[0]: must be an absolute path (the command runs without a shell or "
                + "PATH), was systemctl"), p.toString());
        assertTrue(p.contains(n + ":7:10: dry_run: must be true or false, was maybe"), p.toString());
        assertTrue(p.contains(n + ":8:1: agent_key: unknown key"), p.toString());
        assertEquals(9, p.size(), p.toString());
    }

    @Test
    void missingAndEmptyLists() throws Exception {
        List<String> p = problems(file("site: dc1", "host: db1", "groups: []", "trusted_keys: []", "command: []"));
        String n = dir.resolve("listener.yaml").toString();
        assertTrue(p.contains(n + ":3:9: groups: must not be empty: the shutdown groups this host answers to, "
                + "like [rack-a-db]"), p.toString());
        assertTrue(p.stream().anyMatch(l -> l.startsWith(n + ":4:15: trusted_keys: must not be empty")), p.toString());
        assertTrue(p.stream().anyMatch(l -> l.startsWith(n + ":5:10: command: must not be empty")), p.toString());
        assertTrue(p.stream().anyMatch(l -> l.contains(": mqtt: missing")), p.toString());
        List<String> none = problems(file("site: dc1", "host: db1", "mqtt: {urls: [tcp://127.0.0.1:1883]}"));
        assertTrue(none.stream().anyMatch(l -> l.contains("groups: missing")), none.toString());
        assertTrue(none.stream().anyMatch(l -> l.contains("trusted_keys: missing")), none.toString());
        assertTrue(none.stream().anyMatch(l -> l.contains("command: missing")), none.toString());
    }

    @Test
    void aCommandThatCannotRunAndAKeyListedTwice() throws Exception {
        Path f = file("site: dc1", "host: db1", "mqtt: {urls: [tcp://127.0.0.1:1883]}", "groups: [g]",
                "trusted_keys: [room-b1.pub, ./room-b1.pub]", "command: [/nonexistent/poweroff]");
        List<String> p = problems(f);
        assertTrue(p.stream().anyMatch(l -> l.contains("trusted_keys[1]: the same key (id " + keyId + ")")), p.toString());
        assertTrue(p.stream().anyMatch(l -> l.contains("command[0]: cannot run /nonexistent/poweroff: no such file")),
                p.toString());
    }

    @Test
    void anAgentConfigurationIsNotTakenForAListener() throws Exception {
        assertFalse(ListenerConfigLoader.looksLikeListener(file("site: dc1", "agent: room", "host: x")));
        assertFalse(ListenerConfigLoader.looksLikeListener(dir.resolve("absent.yaml")));
    }
}
