package org.vigie.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code http:} and {@code history:}: what the file says, and the defaults (problems: config-cases/http-*, history-*). */
class ViewConfigTest {
    @TempDir
    Path dir;

    private AgentConfig load(String extra) throws Exception {
        Path f = dir.resolve("agent.yaml");
        Files.writeString(f, "site: dc1\nagent: room-b1\nmqtt: {urls: [tcp://127.0.0.1:1883]}\n"
                + "sensors:\n  - {id: t1, type: file, path: /run/t1}\n" + extra);
        return AgentConfigLoader.load(f);
    }

    @Test
    void neitherSectionMeansNoServerAndNoHistory() throws Exception {
        AgentConfig c = load("");
        assertNull(c.http());
        assertNull(c.history());
    }

    @Test
    void httpAloneKeepsSevenDaysOfHistory() throws Exception {
        Files.writeString(dir.resolve("http.users"), "");
        AgentConfig c = load("http: {listen: '127.0.0.1:8080', users_file: http.users}\n");
        assertEquals("127.0.0.1", c.http().listen().getHostString());
        assertEquals(8080, c.http().listen().getPort());
        assertEquals(dir.resolve("http.users"), c.http().usersFile());
        assertEquals(Duration.ofDays(7), c.history().retain());
    }

    @Test
    void historyAloneAndInDays() throws Exception {
        AgentConfig c = load("history: {retain: 30d}\n");
        assertNull(c.http());
        assertEquals(Duration.ofDays(30), c.history().retain());
        assertEquals(0, load("http: {listen: '[::1]:0'}\n").http().listen().getPort());
    }
}
