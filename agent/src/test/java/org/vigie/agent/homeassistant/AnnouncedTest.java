package org.vigie.agent.homeassistant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The record of what was announced: kept across restarts, and a damaged one never stops the agent. */
class AnnouncedTest {
    @TempDir
    Path dir;

    @Test
    void whatWasAnnouncedIsReadBackInOrder() {
        Announced a = new Announced(dir.resolve("state"));
        assertEquals(Set.of(), a.load(), "nothing announced yet");
        a.save(List.of("homeassistant/sensor/n/b/config", "homeassistant/sensor/n/a/config"));
        assertEquals(List.of("homeassistant/sensor/n/b/config", "homeassistant/sensor/n/a/config"), List.copyOf(a.load()));
        assertFalse(Files.exists(dir.resolve("state").resolve(Announced.FILE + ".tmp")));
        a.delete();
        assertFalse(Files.exists(a.file()));
    }

    @Test
    void aDamagedRecordStartsAfresh() throws Exception {
        Announced a = new Announced(dir);
        for (String junk : new String[] {"{\"topics\": [\"x\", ", "[1, 2]", "\u0000\u0001", "{\"topics\": \"x\"}"}) {
            Files.writeString(a.file(), junk);
            assertTrue(a.load().isEmpty(), junk);
        }
        Files.writeString(a.file(), "{\"topics\": [\"a\", 7, \"b\"]}");
        assertEquals(Set.of("a", "b"), a.load());
    }
}
