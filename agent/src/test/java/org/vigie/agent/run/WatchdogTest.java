package org.vigie.agent.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class WatchdogTest {
    private final List<String> sent = new ArrayList<>();
    private final AtomicLong lastLoop = new AtomicLong();

    @Test
    void pingsOnlyWhileTheEngineLoopTurns() {
        Watchdog w = new Watchdog(sent::add, lastLoop::get, Duration.ofSeconds(20));
        long t = 1_000_000_000_000L;
        lastLoop.set(t);
        assertTrue(w.pingIfAlive(t + Duration.ofSeconds(1).toNanos()));
        assertFalse(w.pingIfAlive(t + Duration.ofSeconds(6).toNanos()), "a loop silent for 6 s is stuck");
        lastLoop.set(t + Duration.ofSeconds(7).toNanos());
        assertTrue(w.pingIfAlive(t + Duration.ofSeconds(7).toNanos()));
        assertEquals(List.of("WATCHDOG=1", "WATCHDOG=1"), sent);
    }

    @Test
    void notRunBySystemdMeansNoWatchdog() {
        assertNull(Watchdog.fromEnvironment(Map.of(), lastLoop::get));
    }
}
