package org.vigie.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.agent.shutdown.Keys;

/** {@code vigie listen} refuses to start, with the right exit code, before touching the network. */
class ListenCommandTest {
    @TempDir
    Path dir;

    private Path config(String stateDir) throws Exception {
        Keys.write(Keys.generate(), dir.resolve("k"));
        Path f = dir.resolve("listener.yaml");
        Files.writeString(f, String.join("\n", "site: s", "host: h", "state_dir: " + stateDir,
                "mqtt: {urls: [tcp://127.0.0.1:1]}", "groups: [g]", "trusted_keys: [k.pub]", "command: [/bin/true]", ""));
        return f;
    }

    @Test
    void anInvalidConfigurationExitsTwo() throws Exception {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, "site: s\nhost: h\n");
        assertEquals(Main.USAGE, Main.execute("listen", "--config", f.toString()));
    }

    @Test
    void aStateDirectoryThatCannotBeCreatedExitsOne() throws Exception {
        Files.writeString(dir.resolve("blocker"), "a file, not a directory");
        assertEquals(Main.FAILURE, Main.execute("listen", "--config", config(dir.resolve("blocker/state").toString()).toString()));
    }

    @Test
    void aDamagedStateFileExitsOne() throws Exception {
        Path state = dir.resolve("state");
        Files.createDirectories(state);
        Files.writeString(state.resolve("listener-state.json"), "{\"v\":1,");
        assertEquals(Main.FAILURE, Main.execute("listen", "--config", config(state.toString()).toString()));
    }
}
